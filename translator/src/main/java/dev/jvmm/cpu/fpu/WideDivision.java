package dev.jvmm.cpu.fpu;

/**
 * Unsigned 128-by-64-bit division in {@code long} arithmetic, for the soft-float divide: Knuth's
 * algorithm D (TAOCP vol. 2 §4.3.1) with 32-bit digits, specialised to a normalized divisor (bit
 * 63 set), as in Hacker's Delight §9-4 "divlu". Two quotient digits, each estimated from the top
 * digits and corrected at most twice.
 */
final class WideDivision {
    private WideDivision() {}

    private static final long DIGIT = 1L << 32, LOW = DIGIT - 1;

    /**
     * {@code (hi:lo) / divisor} for a divisor with bit 63 set and {@code hi < divisor} (unsigned), so
     * that the quotient fits 64 bits; the remainder goes to {@code remainder[0]}.
     */
    static long divide(long hi, long lo, long divisor, long[] remainder) {
        if (divisor >= 0 || Long.compareUnsigned(hi, divisor) >= 0) {
            throw new IllegalArgumentException("divide needs a normalized divisor above the high word");
        }
        long d1 = divisor >>> 32, d0 = divisor & LOW;
        long u1 = lo >>> 32, u0 = lo & LOW;
        long q1 = Long.divideUnsigned(hi, d1), r = hi - q1 * d1;
        while (q1 >= DIGIT || Long.compareUnsigned(q1 * d0, r << 32 | u1) > 0) {
            q1--;
            r += d1;
            if (r >= DIGIT) break;
        }
        long middle = (hi << 32 | u1) - q1 * divisor; // the partial remainder, below the divisor
        long q0 = Long.divideUnsigned(middle, d1);
        r = middle - q0 * d1;
        while (q0 >= DIGIT || Long.compareUnsigned(q0 * d0, r << 32 | u0) > 0) {
            q0--;
            r += d1;
            if (r >= DIGIT) break;
        }
        remainder[0] = (middle << 32 | u0) - q0 * divisor;
        return q1 << 32 | q0;
    }
}
