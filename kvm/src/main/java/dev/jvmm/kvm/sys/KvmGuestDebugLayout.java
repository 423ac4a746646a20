package dev.jvmm.kvm.sys;

import static dev.jvmm.kvm.sys.Layouts.U32;
import static dev.jvmm.kvm.sys.Layouts.U64;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/**
 * {@code struct kvm_guest_debug} (KVM_SET_GUEST_DEBUG): with ENABLE | SINGLESTEP, KVM exits with
 * KVM_EXIT_DEBUG after every guest instruction, which is what a lockstep comparison needs; with
 * USE_HW_BP, {@code debugreg[0..3]} and {@code debugreg[7]} are the guest's effective DR0-DR3 and DR7
 * while debugging (the guest's own debug registers are set aside), as gdb's watchpoints need.
 */
public final class KvmGuestDebugLayout {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            U32.withName("control"), U32.withName("pad"),
            MemoryLayout.structLayout(MemoryLayout.sequenceLayout(8, U64).withName("debugreg")).withName("arch"))
            .withName("kvm_guest_debug");

    public static final long CONTROL = Layouts.offset(LAYOUT, "control");
    /** {@code arch.debugreg[0]}; DR{@code i} is 8 * i bytes on. */
    public static final long DEBUGREG = 8;

    public static final int KVM_GUESTDBG_ENABLE = 0x1, KVM_GUESTDBG_SINGLESTEP = 0x2, KVM_GUESTDBG_USE_HW_BP = 0x20000;

    private KvmGuestDebugLayout() {}
}
