package dev.jvmm.cpu.simd;

import static dev.jvmm.cpu.simd.FpContext.*;

/**
 * SSE floating-point arithmetic on one lane (binary32 or binary64 as raw bits) under MXCSR: ADD, SUB,
 * MUL, DIV, SQRT, MIN, MAX (SDM vol. 2, each instruction's pseudocode and "SIMD Floating-Point
 * Exceptions"; vol. 1 §4.8.3.5 and table 4-7 for NaN results: a NaN first operand wins, quieted,
 * else the second; an invalid operation without NaN operands gives the QNaN indefinite).
 *
 * <p>Operands that are denormal count as zero under DAZ, else raise the denormal flag. The common
 * case (normal operands and a result well inside the normal range) runs on the host's IEEE double
 * and float arithmetic, which rounds to nearest: the exact error's sign, from an FMA residual or
 * TwoSum, gives the inexact flag and the one-ulp correction for the directed rounding modes. Every
 * other case goes to {@link SoftRound}, which computes exactly.
 */
public final class SseFloat {
    private SseFloat() {}

    public static final int ADD = 0, SUB = 1, MUL = 2, DIV = 3, MIN = 4, MAX = 5;

    /**
     * The result {@link #quickDouble} gives when it does not apply: a NaN's bits, which it never
     * returns (its results are normal numbers).
     */
    public static final long NOT_QUICK = -1L;

    /**
     * True if MXCSR leaves nothing to do for an operation whose operands and result are normal
     * numbers: round to nearest, no DAZ or FTZ, every exception masked and the precision flag
     * already set (the only flag such an operation can raise). Other flags may be set too.
     */
    public static boolean quickContext(int mxcsr) {
        return (mxcsr & 0xFFE0) == 0x1FA0;
    }

    /** True if the binary64 bits {@code v} are a normal number (not zero, denormal, infinite or NaN). */
    private static boolean normalDouble(long v) {
        long e = (v >>> 52) & 0x7FF;
        return e != 0 && e != 0x7FF;
    }

    /**
     * ADD, SUB, MUL, DIV ({@code op}) or SQRT ({@code sqrt}, of {@code b}) of binary64 lanes in the
     * common case, under a {@link #quickContext}: with normal operands and a normal result the
     * host's IEEE arithmetic, which rounds to nearest, is the exact answer and no flag changes.
     * Anything else (a zero, denormal, infinite or NaN operand or result, MIN/MAX) gives
     * {@link #NOT_QUICK}, and the caller takes {@link #binary} or {@link #sqrt}.
     */
    public static long quickDouble(int op, boolean sqrt, long a, long b) {
        if (!normalDouble(b)) return NOT_QUICK;
        double y = Double.longBitsToDouble(b);
        double r;
        if (sqrt) {
            if (b < 0) return NOT_QUICK;
            r = Math.sqrt(y);
        } else {
            if (!normalDouble(a)) return NOT_QUICK;
            double x = Double.longBitsToDouble(a);
            switch (op) {
                case ADD -> r = x + y;
                case SUB -> r = x - y;
                case MUL -> r = x * y;
                case DIV -> r = x / y;
                default -> {
                    return NOT_QUICK;
                }
            }
        }
        long bits = Double.doubleToRawLongBits(r);
        return normalDouble(bits) ? bits : NOT_QUICK;
    }

    /** A denormal operand as DAZ sees it (zero) or flagged. */
    static long operand(FpFormat f, long v, FpContext c) {
        if (f.isDenormal(v)) {
            if (c.denormalsAreZero()) return f.zero(f.negative(v));
            c.pre |= DE;
        }
        return v;
    }

    /** DAZ applied to an operand; the denormal flag is raised later, only if no invalid or divide-by-zero comes first. */
    private static long dazOperand(FpFormat f, long v, FpContext c) {
        return f.isDenormal(v) && c.denormalsAreZero() ? f.zero(f.negative(v)) : v;
    }

    /**
     * DE for denormal operands (after DAZ): SDM vol. 1 §4.9.2 ranks invalid and divide-by-zero above the
     * denormal-operand exception, so an operation that raises one of those does not report DE.
     */
    private static void denormalFlag(FpFormat f, long a, long b, FpContext c) {
        if (f.isDenormal(a) || f.isDenormal(b)) c.pre |= DE;
    }

    /** NaN operands: the result for SSE arithmetic (first operand's NaN wins), IE for an SNaN. */
    private static long nanResult(FpFormat f, long a, long b, FpContext c) {
        if (f.isSignalingNaN(a) || f.isSignalingNaN(b)) c.pre |= IE;
        return f.quiet(f.isNaN(a) ? a : b);
    }

    private static long invalid(FpFormat f, FpContext c) {
        c.pre |= IE;
        return f.indefinite();
    }

    /** ADD, SUB, MUL, DIV, MIN or MAX of {@code a} (the destination's lane) and {@code b} (the source's). */
    public static long binary(int op, FpFormat f, long a, long b, FpContext c) {
        if (op == MIN || op == MAX) return minMax(op == MIN, f, a, b, c);
        if (f.isNaN(a) || f.isNaN(b)) return nanResult(f, a, b, c);
        a = dazOperand(f, a, c);
        b = dazOperand(f, b, c);
        if (op == SUB) {
            op = ADD;
            b ^= f.signBit;
        }
        boolean infA = f.isInfinite(a), infB = f.isInfinite(b);
        boolean neg = f.negative(a) ^ f.negative(b);
        switch (op) {
            case ADD -> {
                if (infA && infB && f.negative(a) != f.negative(b)) return invalid(f, c);
            }
            case MUL -> {
                if ((infA || infB) && (f.isZero(a) || f.isZero(b))) return invalid(f, c);
            }
            default -> { // DIV
                if (infA && infB || f.isZero(a) && f.isZero(b)) return invalid(f, c);
                if (f.isZero(b) && !infA) {
                    c.pre |= ZE;
                    return f.infinity(neg);
                }
            }
        }
        denormalFlag(f, a, b, c);
        switch (op) {
            case ADD -> {
                if (infA || infB) return infA ? a : b;
            }
            case MUL -> {
                if (infA || infB) return f.infinity(neg);
            }
            default -> {
                if (infA) return f.infinity(neg);
                if (infB) return f.zero(neg);
            }
        }
        if (!f.isDenormal(a) && !f.isDenormal(b) && (op != DIV || fastDividend(f, a))) {
            long r = f == FpFormat.DOUBLE ? fastDouble(op, a, b, c) : fastSingle(op, a, b, c);
            if (r != NO_FAST_RESULT) return r;
        }
        return switch (op) {
            case ADD -> SoftRound.add(f, a, b, c);
            case MUL -> SoftRound.multiply(f, a, b, c);
            default -> SoftRound.divide(f, a, b, c);
        };
    }

    /** SQRT of one lane. */
    public static long sqrt(FpFormat f, long a, FpContext c) {
        if (f.isNaN(a)) return nanResult(f, a, a, c);
        a = dazOperand(f, a, c);
        if (f.isZero(a)) return a;
        if (f.negative(a)) return invalid(f, c);
        denormalFlag(f, a, a, c);
        if (f.isInfinite(a)) return a;
        if (fastDividend(f, a)) {
            long r = f == FpFormat.DOUBLE ? fastDouble(SQRT, a, 0, c) : fastSingle(SQRT, a, 0, c);
            if (r != NO_FAST_RESULT) return r;
        }
        return SoftRound.sqrt(f, a, c);
    }

    /**
     * MINPS/MAXPS and friends: the second operand if either is a NaN (IE for QNaNs too) or both are
     * zeros of any sign; otherwise the smaller (larger) one.
     */
    private static long minMax(boolean min, FpFormat f, long a, long b, FpContext c) {
        if (f.isNaN(a) || f.isNaN(b)) {
            c.pre |= IE;
            return dazOperand(f, b, c); // the host returns a denormal second operand as zero under DAZ
        }
        a = operand(f, a, c);
        b = operand(f, b, c);
        if (f.isZero(a) && f.isZero(b)) return b;
        boolean less = lessThan(f, a, b);
        return min ? (less ? a : b) : (lessThan(f, b, a) ? a : b);
    }

    /** a < b for non-NaN values (zeros equal). */
    static boolean lessThan(FpFormat f, long a, long b) {
        if (f.isZero(a) && f.isZero(b)) return false;
        boolean na = f.negative(a), nb = f.negative(b);
        if (na != nb) return na;
        long ma = f.abs(a), mb = f.abs(b);
        return na ? ma > mb : ma < mb;
    }

    // ---- the fast path ----

    private static final int SQRT = 6;
    /** Not a possible result bit pattern of the fast path (the fast path never returns a NaN). */
    private static final long NO_FAST_RESULT = 0x7FF8_DEAD_0000_0001L;

    /** Biased exponents of results the fast path may return: far from denormals and from overflow. */
    private static final int DOUBLE_LOW = 64, DOUBLE_HIGH = 2045, SINGLE_LOW = 30, SINGLE_HIGH = 253;

    /**
     * The nearest-rounded {@code bits} corrected for the rounding mode: {@code errorSign} is the sign of
     * (exact - nearest); the other candidate is one ulp away, toward the exact value (bit patterns are
     * sign-magnitude, so that is +1 if the exact value is farther from zero, else -1).
     */
    static long directed(int mode, int errorSign, long bits, boolean isDouble, FpContext c) {
        if (errorSign == 0) return bits;
        c.post |= PE;
        if (mode == ROUND_NEAREST) return bits;
        boolean negative = isDouble ? bits < 0 : (bits & 0x8000_0000L) != 0;
        boolean exactFartherFromZero = negative ? errorSign < 0 : errorSign > 0;
        boolean step = switch (mode) {
            case ROUND_UP -> errorSign > 0;
            case ROUND_DOWN -> errorSign < 0;
            default -> !exactFartherFromZero;
        };
        if (!step) return bits;
        return bits + (exactFartherFromZero ? 1 : -1);
    }

    /**
     * A binary64 dividend or square-root operand large enough that the FMA residual (a - r*b, a - r*r)
     * is exact: it is a multiple of about 2^(exponent(a) - 106), which must not fall below 2^-1074.
     */
    private static boolean fastDividend(FpFormat f, long a) {
        return f == FpFormat.SINGLE ? !f.isDenormal(a) : f.biasedExponent(a) >= 200;
    }

    private static long fastDouble(int op, long ab, long bb, FpContext c) {
        double a = Double.longBitsToDouble(ab), b = Double.longBitsToDouble(bb);
        double r;
        int err;
        switch (op) {
            case ADD -> {
                r = a + b;
                double bv = r - a;
                double e = (a - (r - bv)) + (b - bv);
                err = (int) Math.signum(e);
            }
            case MUL -> {
                r = a * b;
                err = (int) Math.signum(Math.fma(a, b, -r));
            }
            case DIV -> {
                r = a / b;
                err = (int) (Math.signum(Math.fma(-r, b, a)) * Math.signum(b));
            }
            default -> {
                r = Math.sqrt(a);
                err = (int) Math.signum(Math.fma(-r, r, a));
            }
        }
        long bits = Double.doubleToRawLongBits(r);
        int e = (int) ((bits >>> 52) & 0x7FF);
        if (e < DOUBLE_LOW || e > DOUBLE_HIGH) return NO_FAST_RESULT;
        return directed(c.roundingMode(), err, bits, true, c);
    }

    private static long fastSingle(int op, long ab, long bb, FpContext c) {
        float a = Float.intBitsToFloat((int) ab), b = Float.intBitsToFloat((int) bb);
        double da = a, db = b;
        float r;
        int err;
        switch (op) {
            case ADD -> {
                r = a + b;
                double s = da + db;
                double bv = s - da;
                double e = (da - (s - bv)) + (db - bv);
                double d = s - r;
                err = (int) Math.signum(d != 0 ? d : e);
            }
            case MUL -> {
                r = a * b;
                err = (int) Math.signum(da * db - r);
            }
            case DIV -> {
                r = a / b;
                err = (int) (Math.signum(Math.fma(-(double) r, db, da)) * Math.signum(db));
            }
            default -> {
                r = (float) Math.sqrt(da);
                err = (int) Math.signum(Math.fma(-(double) r, r, da));
            }
        }
        long bits = Float.floatToRawIntBits(r) & 0xFFFF_FFFFL;
        int e = (int) ((bits >>> 23) & 0xFF);
        if (e < SINGLE_LOW || e > SINGLE_HIGH) return NO_FAST_RESULT;
        return directed(c.roundingMode(), err, bits, false, c);
    }
}
