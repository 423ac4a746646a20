package dev.jvmm.cpu.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link SseFloat#quickDouble}, the common case units and the interpreter take under a default
 * MXCSR with the precision flag set, agrees with the precise path ({@link SseFloat#binary},
 * {@link SseFloat#sqrt}) bit for bit and raises nothing that path would not, wherever it applies,
 * and declines every operand or result that is not a normal number.
 */
class SseFloatQuickTest {
    private static final int QUICK_MXCSR = 0x1FA0;

    @Test
    void quickResultsAreThePreciseOnes() {
        SplittableRandom rnd = new SplittableRandom(0x9C1C);
        FpContext fp = new FpContext();
        int quick = 0, declined = 0;
        for (int n = 0; n < 400_000; n++) {
            long a = operand(rnd), b = operand(rnd);
            int op = rnd.nextInt(7); // ADD SUB MUL DIV MIN MAX, 6: SQRT
            boolean sqrt = op == 6;
            long q = SseFloat.quickDouble(op, sqrt, a, b);
            fp.begin(QUICK_MXCSR);
            long precise = sqrt ? SseFloat.sqrt(FpFormat.DOUBLE, b, fp) : SseFloat.binary(op, FpFormat.DOUBLE, a, b, fp);
            int mxcsr = fp.finish();
            if (q == SseFloat.NOT_QUICK) {
                declined++;
                continue;
            }
            quick++;
            String what = String.format("op %d a %016x b %016x", op, a, b);
            assertEquals(precise, q, what);
            assertEquals(QUICK_MXCSR, mxcsr, what + ": the precise path raised more than PE");
            long e = (q >>> 52) & 0x7FF;
            assertTrue(e != 0 && e != 0x7FF, what + ": a quick result is always normal");
        }
        assertTrue(quick > 100_000 && declined > 50_000, "both sides exercised: " + quick + " quick, " + declined + " declined");
    }

    @Test
    void onlyTheDefaultContextWithPrecisionSetIsQuick() {
        assertTrue(SseFloat.quickContext(0x1FA0));
        assertTrue(SseFloat.quickContext(0x1FBF)); // other sticky flags do not matter
        assertTrue(!SseFloat.quickContext(0x1F80)); // PE not yet set: the operation must find out whether it is inexact
        assertTrue(!SseFloat.quickContext(0x1FE0)); // DAZ
        assertTrue(!SseFloat.quickContext(0x9FA0)); // FTZ
        assertTrue(!SseFloat.quickContext(0x3FA0)); // round down
        assertTrue(!SseFloat.quickContext(0x1EA0)); // precision unmasked
    }

    /** Doubles of every class, weighted to normals of every exponent (near overflow and underflow too). */
    private static long operand(SplittableRandom rnd) {
        long sign = rnd.nextBoolean() ? Long.MIN_VALUE : 0;
        long frac = rnd.nextLong() & 0x000F_FFFF_FFFF_FFFFL;
        return switch (rnd.nextInt(12)) {
            case 0 -> sign;
            case 1 -> sign | frac;
            case 2 -> sign | 0x7FF0_0000_0000_0000L;
            case 3 -> sign | 0x7FF8_0000_0000_0000L | frac;
            case 4 -> sign | (long) rnd.nextInt(1, 40) << 52 | frac; // tiny
            case 5 -> sign | (long) rnd.nextInt(0x7D0, 0x7FF) << 52 | frac; // huge
            case 6 -> Double.doubleToRawLongBits(rnd.nextInt(-50, 50)); // small integers: exact results, and x - x
            default -> sign | (long) rnd.nextInt(0x3C0, 0x440) << 52 | frac;
        };
    }
}
