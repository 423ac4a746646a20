package dev.jvmm.cpu.fpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The 128-by-64 division against BigInteger, on random and edge operands. */
class WideDivisionTest {
    private static BigInteger unsigned(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }

    private static void check(long hi, long lo, long d) {
        long[] rem = new long[1];
        long q = WideDivision.divide(hi, lo, d, rem);
        BigInteger[] want = unsigned(hi).shiftLeft(64).or(unsigned(lo)).divideAndRemainder(unsigned(d));
        assertEquals(want[0], unsigned(q), () -> String.format("%x:%x / %x", hi, lo, d));
        assertEquals(want[1], unsigned(rem[0]), () -> String.format("%x:%x %% %x", hi, lo, d));
    }

    @Test
    void agreesWithBigInteger() {
        SplittableRandom rnd = new SplittableRandom(7);
        long[] edges = {Long.MIN_VALUE, -1, Long.MIN_VALUE | 1, 0xFFFF_FFFF_0000_0000L, 0x8000_0000_FFFF_FFFFL, 0xC000_0000_0000_0000L};
        for (long d : edges) {
            for (long hi : new long[] {0, 1, d - 1, d >>> 1, (d - 1) & 0xFFFF_FFFF_0000_0000L}) {
                if (Long.compareUnsigned(hi, d) >= 0) continue;
                for (long lo : new long[] {0, -1, 1, Long.MIN_VALUE, 0xFFFF_FFFFL}) check(hi, lo, d);
            }
        }
        for (int n = 0; n < 200_000; n++) {
            long d = rnd.nextLong() | Long.MIN_VALUE;
            if (rnd.nextInt(4) == 0) d &= 0xFFFF_FFFF_0000_0000L | (rnd.nextBoolean() ? 0 : 0xFFFF_FFFFL);
            long hi = rnd.nextInt(4) == 0 ? d - 1 - rnd.nextInt(3) : Long.remainderUnsigned(rnd.nextLong(), d);
            check(hi, rnd.nextLong(), d);
        }
    }

    @Test
    void refusesWhatItCannotDivide() {
        assertThrows(IllegalArgumentException.class, () -> WideDivision.divide(0, 1, 1L << 62, new long[1]));
        assertThrows(IllegalArgumentException.class, () -> WideDivision.divide(-1, 0, Long.MIN_VALUE, new long[1]));
    }
}
