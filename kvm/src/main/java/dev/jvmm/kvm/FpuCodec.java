package dev.jvmm.kvm;

import dev.jvmm.core.cpu.SseState;
import dev.jvmm.core.cpu.X87State;
import dev.jvmm.kvm.sys.KvmFpuLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link X87State} to and from {@code struct kvm_fpu}, which has FXSAVE's shape (SDM vol. 1 table
 * 10-2): ST(0)-ST(7) in stack order, 16 bytes apart; the abridged tag (one bit per physical
 * register, set if not empty); the 64-bit last instruction and data pointers without selectors.
 * Reading back rebuilds the full tag word from the registers' contents, as FXRSTOR does; the CS
 * and DS selectors, which KVM does not carry, read as 0. {@link #writeSse}/{@link #readSse} carry
 * XMM0-XMM15 (16 bytes each, low quadword first) and MXCSR, the rest of the same structure.
 */
final class FpuCodec {
    private FpuCodec() {}

    static void write(X87State s, MemorySegment fpu) {
        fpu.set(ValueLayout.JAVA_SHORT_UNALIGNED, KvmFpuLayout.FCW, (short) s.control());
        fpu.set(ValueLayout.JAVA_SHORT_UNALIGNED, KvmFpuLayout.FSW, (short) s.status());
        int abridged = 0;
        for (int p = 0; p < 8; p++) if (((s.tag() >> (2 * p)) & 3) != 3) abridged |= 1 << p;
        fpu.set(ValueLayout.JAVA_BYTE, KvmFpuLayout.FTWX, (byte) abridged);
        fpu.set(ValueLayout.JAVA_SHORT_UNALIGNED, KvmFpuLayout.LAST_OPCODE, (short) s.lastOpcode());
        fpu.set(ValueLayout.JAVA_LONG_UNALIGNED, KvmFpuLayout.LAST_IP, s.lastIp());
        fpu.set(ValueLayout.JAVA_LONG_UNALIGNED, KvmFpuLayout.LAST_DP, s.lastDp());
        for (int i = 0; i < 8; i++) {
            int p = (s.top() + i) & 7;
            long at = KvmFpuLayout.FPR + 16L * i;
            fpu.set(ValueLayout.JAVA_LONG_UNALIGNED, at, s.significands().get(p));
            fpu.set(ValueLayout.JAVA_SHORT_UNALIGNED, at + 8, (short) (int) s.signExponents().get(p));
            for (int k = 10; k < 16; k++) fpu.set(ValueLayout.JAVA_BYTE, at + k, (byte) 0);
        }
    }

    static X87State read(MemorySegment fpu) {
        int control = fpu.get(ValueLayout.JAVA_SHORT_UNALIGNED, KvmFpuLayout.FCW) & 0xFFFF;
        int status = fpu.get(ValueLayout.JAVA_SHORT_UNALIGNED, KvmFpuLayout.FSW) & 0xFFFF;
        int abridged = fpu.get(ValueLayout.JAVA_BYTE, KvmFpuLayout.FTWX) & 0xFF;
        int top = (status >> 11) & 7;
        List<Long> sigs = new ArrayList<>(List.of(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L));
        List<Integer> ses = new ArrayList<>(List.of(0, 0, 0, 0, 0, 0, 0, 0));
        for (int i = 0; i < 8; i++) {
            int p = (top + i) & 7;
            long at = KvmFpuLayout.FPR + 16L * i;
            sigs.set(p, fpu.get(ValueLayout.JAVA_LONG_UNALIGNED, at));
            ses.set(p, fpu.get(ValueLayout.JAVA_SHORT_UNALIGNED, at + 8) & 0xFFFF);
        }
        int tag = 0;
        for (int p = 0; p < 8; p++) tag |= ((abridged >> p & 1) == 0 ? 3 : tagOf(ses.get(p), sigs.get(p))) << (2 * p);
        return new X87State(control, status, tag, sigs, ses, fpu.get(ValueLayout.JAVA_SHORT_UNALIGNED, KvmFpuLayout.LAST_OPCODE) & 0x7FF,
                0, fpu.get(ValueLayout.JAVA_LONG_UNALIGNED, KvmFpuLayout.LAST_IP), 0,
                fpu.get(ValueLayout.JAVA_LONG_UNALIGNED, KvmFpuLayout.LAST_DP));
    }

    static void writeSse(SseState s, MemorySegment fpu) {
        for (int k = 0; k < 32; k++) fpu.set(ValueLayout.JAVA_LONG_UNALIGNED, KvmFpuLayout.XMM + 8L * k, s.xmm[k]);
        fpu.set(ValueLayout.JAVA_INT_UNALIGNED, KvmFpuLayout.MXCSR, s.mxcsr);
    }

    static void readSse(MemorySegment fpu, SseState s) {
        for (int k = 0; k < 32; k++) s.xmm[k] = fpu.get(ValueLayout.JAVA_LONG_UNALIGNED, KvmFpuLayout.XMM + 8L * k);
        s.mxcsr = fpu.get(ValueLayout.JAVA_INT_UNALIGNED, KvmFpuLayout.MXCSR);
    }

    /** The tag of a non-empty register (SDM vol. 1 §8.1.7): 0 valid, 1 zero, 2 special. */
    static int tagOf(int signExponent, long significand) {
        int e = signExponent & 0x7FFF;
        if (e == 0x7FFF) return 2;
        if (e == 0) return significand == 0 ? 1 : 2;
        return significand < 0 ? 0 : 2;
    }
}
