package dev.jvmm.kvm.sys;

import static dev.jvmm.kvm.sys.Layouts.U32;
import static dev.jvmm.kvm.sys.Layouts.U64;
import static dev.jvmm.kvm.sys.Layouts.U8;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/**
 * {@code struct kvm_vcpu_events} (KVM_GET/SET_VCPU_EVENTS): pending/injected exception, interrupt
 * and NMI, and the interrupt shadow (STI / MOV SS blocking). On SET, the shadow is only applied
 * when {@code flags} has KVM_VCPUEVENT_VALID_SHADOW.
 */
public final class KvmVcpuEventsLayout {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            MemoryLayout.structLayout(U8.withName("injected"), U8.withName("nr"), U8.withName("has_error_code"),
                    U8.withName("pending"), U32.withName("error_code")).withName("exception"),
            MemoryLayout.structLayout(U8.withName("injected"), U8.withName("nr"), U8.withName("soft"),
                    U8.withName("shadow")).withName("interrupt"),
            MemoryLayout.structLayout(U8.withName("injected"), U8.withName("pending"), U8.withName("masked"),
                    U8.withName("pad")).withName("nmi"),
            U32.withName("sipi_vector"), U32.withName("flags"),
            MemoryLayout.structLayout(U8.withName("smm"), U8.withName("pending"), U8.withName("smm_inside_nmi"),
                    U8.withName("latched_init")).withName("smi"),
            MemoryLayout.structLayout(U8.withName("pending")).withName("triple_fault"),
            MemoryLayout.sequenceLayout(26, U8).withName("reserved"), U8.withName("exception_has_payload"),
            U64.withName("exception_payload")).withName("kvm_vcpu_events");

    public static final long INTERRUPT_SHADOW = Layouts.offset(LAYOUT, "interrupt.shadow"),
            FLAGS = Layouts.offset(LAYOUT, "flags");

    /** flags: the shadow field is valid. */
    public static final int KVM_VCPUEVENT_VALID_SHADOW = 0x4;
    /** interrupt.shadow bits. */
    public static final int KVM_X86_SHADOW_INT_MOV_SS = 0x1, KVM_X86_SHADOW_INT_STI = 0x2;

    private KvmVcpuEventsLayout() {}
}
