package dev.jvmm.guests;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The guest images shipped with jvmm, by name. Sources and the build script: {@code guest-images/README.md}. */
public final class GuestCatalog {

    private static final Map<String, Guest> BY_NAME = new LinkedHashMap<>();

    /** Real-mode boot sector: the first instructions a PC runs. */
    public static final Guest HELLO_REAL = add(new Guest("hello-real",
            "512-byte boot sector at 0000:7C00 printing from 16-bit real mode",
            BootFormat.REAL_MODE_FLAT, ExpectedOutput.exactly("Hello from real mode!\n"), 0));

    /** Multiboot kernel in 32-bit protected mode; exits 2 if EAX lacks the multiboot magic. */
    public static final Guest HELLO_PM32 = add(new Guest("hello-pm32",
            "multiboot ELF32 printing from 32-bit protected mode (exit 2: EAX is not 0x2BADB002)",
            BootFormat.MULTIBOOT, ExpectedOutput.exactly("Hello from 32-bit protected mode!\n"), 0));

    /** Multiboot kernel that enables PAE paging and long mode itself, then prints from 64-bit code. */
    public static final Guest HELLO_LM64 = add(new Guest("hello-lm64",
            "multiboot ELF32 that builds page tables, enters long mode and prints from 64-bit code"
                    + " (exit 2: bad multiboot magic, 3: no long mode in CPUID)",
            BootFormat.MULTIBOOT, ExpectedOutput.exactly("Hello from 64-bit long mode!\n"), 0));

    /** ELF64 kernel entered directly in long mode (jvmm only; QEMU's -kernel refuses ELF64). */
    public static final Guest HELLO_ELF64 = add(new Guest("hello-elf64",
            "x86-64 ELF entered directly in 64-bit long mode, sets its own stack",
            BootFormat.ELF64, ExpectedOutput.exactly("Hello from an ELF64 kernel!\n"), 0));

    /** The guest booted when the user names none. */
    public static final Guest DEFAULT = HELLO_PM32;

    private GuestCatalog() {}

    private static Guest add(Guest guest) {
        if (BY_NAME.putIfAbsent(guest.name(), guest) != null) {
            throw new IllegalStateException("two guests named " + guest.name());
        }
        return guest;
    }

    /** Every guest, in catalogue order (simplest first). */
    public static List<Guest> all() {
        return List.copyOf(BY_NAME.values());
    }

    /** The guest called {@code name}; an unknown name fails with a message listing the known ones. */
    public static Guest byName(String name) {
        Guest guest = BY_NAME.get(name);
        if (guest == null) {
            throw new IllegalArgumentException(
                    "unknown guest '" + name + "'; known guests: " + String.join(", ", BY_NAME.keySet()));
        }
        return guest;
    }
}
