package dev.jvmm.kvm.sys;

import static dev.jvmm.kvm.sys.Layouts.U16;
import static dev.jvmm.kvm.sys.Layouts.U32;
import static dev.jvmm.kvm.sys.Layouts.U64;
import static dev.jvmm.kvm.sys.Layouts.U8;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/** {@code struct kvm_fpu} (asm/kvm.h): the x87/SSE state in (roughly) FXSAVE shape. */
public final class KvmFpuLayout {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            MemoryLayout.sequenceLayout(8 * 16, U8).withName("fpr"),
            U16.withName("fcw"), U16.withName("fsw"), U8.withName("ftwx"), U8.withName("pad1"),
            U16.withName("last_opcode"), U64.withName("last_ip"), U64.withName("last_dp"),
            MemoryLayout.sequenceLayout(16 * 16, U8).withName("xmm"),
            U32.withName("mxcsr"), U32.withName("pad2")).withName("kvm_fpu");

    public static final long FCW = Layouts.offset(LAYOUT, "fcw"), FSW = Layouts.offset(LAYOUT, "fsw"),
            FTWX = Layouts.offset(LAYOUT, "ftwx"), XMM = Layouts.offset(LAYOUT, "xmm"),
            FPR = Layouts.offset(LAYOUT, "fpr"), LAST_OPCODE = Layouts.offset(LAYOUT, "last_opcode"),
            LAST_IP = Layouts.offset(LAYOUT, "last_ip"), LAST_DP = Layouts.offset(LAYOUT, "last_dp"),
            MXCSR = Layouts.offset(LAYOUT, "mxcsr");

    /** FNINIT's control word and the MXCSR reset value (SDM vol. 1 8.1.5, 10.2.3.1). */
    public static final short FCW_RESET = 0x037F;
    public static final int MXCSR_RESET = 0x1F80;

    private KvmFpuLayout() {}
}
