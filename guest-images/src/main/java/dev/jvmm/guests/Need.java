package dev.jvmm.guests;

/**
 * Something a guest needs from the machine beyond a plain PC that some engines cannot give, so a test can
 * skip such a guest on such an engine by asking rather than by keeping a list of names.
 */
public enum Need {
    /** Masks physical address bit 20 through port 0x92 or the i8042. KVM has no A20 gate at all. */
    A20_GATE("an A20 gate (KVM has none)"),
    /**
     * Enables paging outside long mode (CR0.PG with EFER.LME clear, PAE here). PVM's /dev/kvm answers the
     * MOV to CR0 with #GP (seen under QEMU -enable-kvm and jvmm's kvm engine); the software CPU is fine.
     */
    PAGING_32BIT("paging outside long mode (PVM refuses it)"),
    /** A local APIC (xAPIC registers as MMIO at 0xFEE00000, CPUID.01H:EDX.APIC set) with its timer. */
    LOCAL_APIC("a local APIC with its timer"),
    /**
     * Port I/O in ring 0 after returning there from ring 3 (IRETQ down, SYSCALL back up; IRET down, INT 0x80
     * back up). PVM's /dev/kvm answers the kernel's IN with #GP, as if it still ran at CPL 3 (seen under QEMU
     * -enable-kvm too).
     */
    KERNEL_IO_AFTER_USER_MODE("port I/O in the kernel after running user code (PVM gives #GP)"),
    /**
     * A far JMP whose offset lies past the new code segment's limit faulting at the JMP (SDM vol. 2, JMP:
     * "IF EIP not within code segment limit THEN #GP(0)", checked before CS changes). PVM's /dev/kvm loads CS
     * and faults at the target instead, so the handler sees the new CS and its IRET faults again.
     */
    FAR_JUMP_LIMIT_CHECK("a far JMP checked against the new code segment's limit before CS changes (PVM faults at the target)"),
    /** x87 floating point (FNINIT, FLD, FADD ... FSTP). */
    X87("x87 floating point"),
    /**
     * SSE instructions (LDMXCSR, MOVSD, ADDSD, PADDB ...) in a hot loop. PVM's emulator gives up on each
     * one, so on PVM's /dev/kvm every SSE instruction is run by the Java fallback after an exit.
     */
    FLOATING_POINT("SSE instructions in a hot loop (PVM hands each to the Java fallback: far too slow)"),
    /**
     * Input typed on COM1 while the guest runs ({@code uart-echo} sleeps in HLT until bytes arrive, so a run
     * with no input never ends). A test that cannot feed the serial port must skip such a guest.
     */
    SERIAL_INPUT("input typed on COM1");

    private final String description;

    Need(String description) {
        this.description = description;
    }

    /** A short phrase for skip messages, e.g. "an A20 gate (KVM has none)". */
    public String description() {
        return description;
    }
}
