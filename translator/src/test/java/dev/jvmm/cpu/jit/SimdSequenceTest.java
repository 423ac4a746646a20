package dev.jvmm.cpu.jit;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.core.cpu.CpuState;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The random-sequence oracle for SSE in units: random sequences of {@link SimdInsns} (the SSE forms
 * {@link SimdEmitter} compiles, some the interpreter runs from the unit, integer flag producers and
 * readers between them), each translated into its own unit and compared with the interpreter:
 * registers, flags, XMM, MXCSR, RIP, data and stack pages. XMM registers and the data page hold
 * doubles and singles of every class (zeros, denormals, infinities, quiet and signalling NaNs,
 * integers, random bits); MXCSR has every rounding mode, DAZ and FTZ at random, and now and then
 * unmasked exceptions. {@code -Djvmm.test.simdSequences=N} runs N per mode (default 20,000).
 */
class SimdSequenceTest {
    @ParameterizedTest(name = "{0}-bit, direct RAM access {1}")
    @CsvSource({"32, true", "64, true", "64, false"})
    void randomSseSequencesMatchTheInterpreter(int mode, boolean raw) {
        int count = Integer.getInteger("jvmm.test.simdSequences", 20_000) / (raw ? 1 : 4);
        long seed = Long.getLong("jvmm.test.seed", 0x551D_0000L + mode) + (raw ? 0 : 1);
        SplittableRandom rnd = new SplittableRandom(seed);
        SimdInsns gen = new SimdInsns(seed, mode);
        byte[] data = new byte[4096];
        try (Sandbox box = new Sandbox(mode, raw, true)) {
            for (int n = 0; n < count; n++) {
                byte[] code = gen.sequence(rnd.nextInt(1, 12));
                CpuState start = box.initialState(rnd);
                start.cr4 |= ControlBits.CR4_OSFXSR | (rnd.nextInt(4) == 0 ? ControlBits.CR4_OSXMMEXCPT : 0);
                for (int k = 0; k < 32; k++) start.sse.xmm[k] = value(rnd);
                start.sse.mxcsr = mxcsr(rnd);
                for (int k = 0; k < 4096; k += 8) {
                    long v = value(rnd);
                    for (int j = 0; j < 8; j++) data[k + j] = (byte) (v >>> (8 * j));
                }
                String report = box.check(code, start, data);
                int seq = n;
                assertNull(report, () -> "sequence " + seq + " (seed " + Long.toHexString(seed) + "): " + report);
            }
            System.out.printf("SSE %d-bit (direct RAM access %b): %d sequences, %d units, %d guest instructions compiled%n", mode, raw,
                    count, box.unitsRun, box.insnsCompiled);
            assertTrue(box.insnsCompiled > count * 3L, "the sequences were actually translated");
        }
    }

    /** MXCSR: a third of the time the default with PE set, else any rounding mode, DAZ and FTZ at random, all exceptions masked three times in four, flags at random. */
    private static int mxcsr(SplittableRandom rnd) {
        if (rnd.nextInt(3) == 0) return 0x1FA0 | rnd.nextInt(32); // the default with PE set: the quick path (SseFloat.quickContext)
        int masks = rnd.nextInt(4) == 0 ? rnd.nextInt(64) : 0x3F;
        return rnd.nextInt(4) << 13 | (rnd.nextInt(4) == 0 ? 1 << 15 : 0) | (rnd.nextInt(4) == 0 ? 1 << 6 : 0) | masks << 7
                | (rnd.nextInt(2) == 0 ? rnd.nextInt(64) : 0);
    }

    /** 64 bits: one double or two singles of a random class. */
    static long value(SplittableRandom rnd) {
        if (rnd.nextBoolean()) return dbl(rnd);
        return (single(rnd) & 0xFFFF_FFFFL) | (long) single(rnd) << 32;
    }

    private static long dbl(SplittableRandom rnd) {
        long sign = rnd.nextBoolean() ? Long.MIN_VALUE : 0;
        return switch (rnd.nextInt(10)) {
            case 0 -> sign; // zero
            case 1 -> sign | (rnd.nextLong() & 0x000F_FFFF_FFFF_FFFFL); // denormal
            case 2 -> sign | 0x7FF0_0000_0000_0000L; // infinity
            case 3 -> sign | 0x7FF8_0000_0000_0000L | (rnd.nextLong() & 0x0007_FFFF_FFFF_FFFFL); // quiet NaN
            case 4 -> sign | 0x7FF0_0000_0000_0001L | (rnd.nextLong() & 0x0007_FFFF_FFFF_FFFEL); // signalling NaN
            case 5 -> Double.doubleToRawLongBits(rnd.nextInt(-1000, 1000)); // an integer
            case 6 -> sign | (rnd.nextLong(0x7FE) + 1) << 52 | (rnd.nextLong() & 0x000F_FFFF_FFFF_FFFFL); // any normal
            case 7 -> rnd.nextLong(); // any bits
            default -> Double.doubleToRawLongBits(rnd.nextDouble(-4, 4)); // a moderate value
        };
    }

    private static int single(SplittableRandom rnd) {
        int sign = rnd.nextBoolean() ? Integer.MIN_VALUE : 0;
        return switch (rnd.nextInt(9)) {
            case 0 -> sign;
            case 1 -> sign | rnd.nextInt(1, 0x80_0000);
            case 2 -> sign | 0x7F80_0000;
            case 3 -> sign | 0x7FC0_0000 | rnd.nextInt(0x40_0000);
            case 4 -> sign | 0x7F80_0001 | rnd.nextInt(0x3F_FFFF);
            case 5 -> Float.floatToRawIntBits(rnd.nextInt(-1000, 1000));
            case 6 -> rnd.nextInt();
            default -> Float.floatToRawIntBits((float) rnd.nextDouble(-4, 4));
        };
    }
}
