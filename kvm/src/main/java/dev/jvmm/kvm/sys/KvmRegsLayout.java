package dev.jvmm.kvm.sys;

import static dev.jvmm.kvm.sys.Layouts.U64;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/** {@code struct kvm_regs} (asm/kvm.h): 18 u64, in the order rax rbx rcx rdx rsi rdi rsp rbp r8-r15 rip rflags. */
public final class KvmRegsLayout {
    /** Field names in struct order. Note: not the x86 encoding order (rax rcx rdx rbx ...). */
    public static final String[] FIELDS = {"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rsp", "rbp",
            "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rip", "rflags"};

    public static final StructLayout LAYOUT;

    static {
        MemoryLayout[] fields = new MemoryLayout[FIELDS.length];
        for (int i = 0; i < FIELDS.length; i++) fields[i] = U64.withName(FIELDS[i]);
        LAYOUT = MemoryLayout.structLayout(fields).withName("kvm_regs");
    }

    /** Offset of the general-purpose register with x86 encoding {@code number} (0 = RAX ... 15 = R15). */
    public static long gprOffset(int number) {
        String name = switch (number) {
            case 0 -> "rax";
            case 1 -> "rcx";
            case 2 -> "rdx";
            case 3 -> "rbx";
            case 4 -> "rsp";
            case 5 -> "rbp";
            case 6 -> "rsi";
            case 7 -> "rdi";
            default -> "r" + number;
        };
        return Layouts.offset(LAYOUT, name);
    }

    public static final long RIP = Layouts.offset(LAYOUT, "rip");
    public static final long RFLAGS = Layouts.offset(LAYOUT, "rflags");

    private KvmRegsLayout() {}
}
