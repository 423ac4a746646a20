package dev.jvmm.kvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jvmm.core.cpu.SseState;
import dev.jvmm.core.cpu.X87State;
import dev.jvmm.kvm.sys.KvmFpuLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

/** X87State and SseState <-> kvm_fpu without /dev/kvm: stack order, abridged tags, pointers, XMM, MXCSR. */
class FpuCodecTest {
    private static final List<Long> SIGS = List.of(0x8000_0000_0000_0000L, 0L, 0xC000_0000_0000_0000L, 5L, 0x8000_0000_0000_0000L,
            0xFFFF_FFFF_FFFF_FFFFL, 0L, 0x1234L);
    private static final List<Integer> SES = List.of(0x3FFF, 0x8000, 0x7FFF, 0x0000, 0x7FFF, 0x4000, 0x1234, 0x0001);

    @Test
    void theStateRoundTripsWithTagsFromTheContents() {
        // R6 empty, R0 valid, R1 zero, R2 NaN, R3 denormal, R4 infinity, R5 valid, R7 unnormal; TOP 5
        int tag = 0 | 1 << 2 | 2 << 4 | 2 << 6 | 2 << 8 | 0 << 10 | 3 << 12 | 2 << 14;
        X87State s = new X87State(0x027F, 5 << 11 | 0x21, tag, SIGS, SES, 0x1DD, 0, 0x401000, 0, 0x602000);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fpu = arena.allocate(KvmFpuLayout.LAYOUT);
            FpuCodec.write(s, fpu);
            assertEquals(0xBF, fpu.get(ValueLayout.JAVA_BYTE, KvmFpuLayout.FTWX) & 0xFF, "abridged: all but R6");
            assertEquals(0x4000, fpu.get(ValueLayout.JAVA_SHORT_UNALIGNED, KvmFpuLayout.FPR + 8) & 0xFFFF, "ST(0) is R5");
            assertEquals(0x1234, fpu.get(ValueLayout.JAVA_LONG_UNALIGNED, KvmFpuLayout.FPR + 16 * 2), "ST(2) is R7");
            assertEquals(List.of(), s.diff(FpuCodec.read(fpu)));
        }
    }

    @Test
    void xmmAndMxcsrRoundTripInPlace() {
        SseState s = new SseState();
        for (int k = 0; k < 32; k++) s.xmm[k] = 0x0101_0101_0101_0101L * k ^ (long) k << 60;
        s.mxcsr = 0x9FC0 | 0x25;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fpu = arena.allocate(KvmFpuLayout.LAYOUT);
            FpuCodec.writeSse(s, fpu);
            assertEquals(s.xmm[2 * 15 + 1], fpu.get(ValueLayout.JAVA_LONG_UNALIGNED, KvmFpuLayout.XMM + 16 * 15 + 8), "XMM15 bits 64-127");
            assertEquals(0x9FE5, fpu.get(ValueLayout.JAVA_INT_UNALIGNED, KvmFpuLayout.MXCSR));
            SseState back = new SseState();
            FpuCodec.readSse(fpu, back);
            assertArrayEquals(s.xmm, back.xmm);
            assertEquals(s.mxcsr, back.mxcsr);
        }
    }
}
