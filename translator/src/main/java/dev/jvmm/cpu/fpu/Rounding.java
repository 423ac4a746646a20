package dev.jvmm.cpu.fpu;

import static dev.jvmm.cpu.fpu.F80.BIAS;
import static dev.jvmm.cpu.fpu.F80.J;
import static dev.jvmm.cpu.fpu.F80.MAX_EXP;
import static dev.jvmm.cpu.fpu.F80.SIGN;
import static dev.jvmm.cpu.fpu.FpEnv.*;

import java.math.BigInteger;

/**
 * Rounds an exact result to a destination format, the one place where precision, rounding mode,
 * overflow, underflow and inexact are decided (SDM vol. 1 §4.8.4, §4.9.1.4-6, §8.5.4-5).
 *
 * <p>The exact value is {@code (-1)^neg * (hi:lo) * 2^(exp - 16383 - 127)}: a 128-bit significand
 * {@code hi:lo} with bit 127 set, whose lowest bit may be a sticky bit standing for anything
 * non-zero below it. The destination has {@code precision} significand bits and normal biased
 * exponents {@code eMin..eMax} in the extended format's bias. Tininess is detected after rounding
 * with an unbounded exponent, taking precision control into account (SDM vol. 1 §4.9.1.5).
 *
 * <p>The result is an {@link F80} whose exponent is in extended bias. A denormal result keeps
 * exponent {@code eMin} with the integer bit clear (and a zero that underflowed has significand 0);
 * {@link #toExtended} turns that into the register encoding, the float conversions into theirs.
 * Overflow to infinity gives exponent 0x7FFF. With overflow or underflow unmasked, a memory
 * destination ({@code toRegister} false) reports only that exception and gets no result (the
 * returned value is meaningless); a register gets the rounded result with its exponent adjusted by
 * {@link #WRAP}, or, when even that does not fit (FSCALE's results can be that far out), an
 * infinity or a zero, as this machine's CPU gives.
 */
final class Rounding {
    /** The exponent adjustment of an unmasked overflow or underflow with a register destination. */
    static final int WRAP = 24576;
    static final int EXT_MIN = 1, EXT_MAX = MAX_EXP - 1;

    private Rounding() {}

    /** Rounds to a register (extended exponent range, precision from {@code precision}) and encodes it. */
    static F80 toRegister(boolean neg, int exp, long hi, long lo, int precision, FpEnv env) {
        return toExtended(round(neg, exp, hi, lo, precision, EXT_MIN, EXT_MAX, true, env));
    }

    /** Encodes a {@link #round} result for the extended range as the register format (denormals get exponent 0). */
    static F80 toExtended(F80 r) {
        return r.sig() >= 0 && r.exponent() != MAX_EXP ? new F80(r.se() & SIGN, r.sig()) : r;
    }

    static F80 round(boolean neg, int exp, long hi, long lo, int precision, int eMin, int eMax, boolean toRegister, FpEnv env) {
        int rc = env.roundingControl();
        int sign = neg ? SIGN : 0;
        long ulp = precision == 64 ? 1 : 1L << (64 - precision);
        long kept = hi & -ulp;
        boolean inexact = inexact(hi, lo, ulp);
        long r = roundedSignificand(hi, lo, ulp, neg, rc);
        boolean up = r != kept;
        int e = exp;
        if (r == 0) { // carried out of bit 63
            r = J;
            e++;
        }
        if (e > eMax) {
            if (env.unmasked(OE)) {
                if (!toRegister) { // nothing is stored, and only the overflow is reported
                    env.raise(OE);
                    return new F80(sign | MAX_EXP, J);
                }
                if (e - WRAP > EXT_MAX) { // too large even bias-adjusted (only FSCALE gets here): infinity
                    env.raise(OE | PE | C1);
                    return new F80(sign | MAX_EXP, J);
                }
                env.raise(OE | (inexact ? PE : 0) | (up ? C1 : 0));
                return new F80(sign | ((e - WRAP) & MAX_EXP), r);
            }
            env.raise(OE | PE);
            boolean toInfinity = rc == RC_NEAREST || (rc == RC_UP && !neg) || (rc == RC_DOWN && neg);
            if (toInfinity) {
                env.raise(C1);
                return new F80(sign | MAX_EXP, J);
            }
            return new F80(sign | eMax, -ulp);
        }
        if (e < eMin) { // tiny
            if (env.unmasked(UE)) {
                if (!toRegister) {
                    env.raise(UE);
                    return new F80(sign | eMin, 0);
                }
                if (e + WRAP < EXT_MIN) { // too small even bias-adjusted: zero
                    env.raise(UE | PE);
                    return new F80(sign, 0);
                }
                env.raise(UE | (inexact ? PE : 0) | (up ? C1 : 0));
                return new F80(sign | ((e + WRAP) & MAX_EXP), r);
            }
            int shift = eMin - exp;
            long dh = shiftRightJamHi(hi, shift), dl = shiftRightJamLo(hi, lo, shift);
            long dKept = dh & -ulp;
            boolean dInexact = inexact(dh, dl, ulp);
            long d = roundedSignificand(dh, dl, ulp, neg, rc);
            if (dInexact) env.raise(UE | PE | (d != dKept ? C1 : 0));
            return new F80(sign | eMin, d);
        }
        if (inexact) env.raise(PE | (up ? C1 : 0));
        return new F80(sign | e, r);
    }

    /**
     * Rounds {@code m * 2^binaryExponent} (m > 0; {@code sticky}: the true value is a little more)
     * to a register: the entry point for results computed exactly with big integers.
     */
    /** {@link #bigToRegister} for a non-zero 128-bit {@code hi:lo}: the value {@code hi:lo * 2^binaryExponent}. */
    static F80 wideToRegister(boolean neg, long hi, long lo, int binaryExponent, boolean sticky, int precision, FpEnv env) {
        int length = hi != 0 ? 128 - Long.numberOfLeadingZeros(hi) : 64 - Long.numberOfLeadingZeros(lo);
        int shift = 128 - length;
        if (shift >= 64) {
            hi = lo << (shift - 64);
            lo = 0;
        } else if (shift > 0) {
            hi = hi << shift | lo >>> (64 - shift);
            lo <<= shift;
        }
        return toRegister(neg, binaryExponent + length - 128 + BIAS + 127, hi, lo | (sticky ? 1 : 0), precision, env);
    }

    static F80 bigToRegister(boolean neg, BigInteger m, int binaryExponent, boolean sticky, int precision, FpEnv env) {
        int length = m.bitLength();
        BigInteger aligned;
        if (length > 128) {
            sticky |= m.getLowestSetBit() < length - 128;
            aligned = m.shiftRight(length - 128);
        } else {
            aligned = m.shiftLeft(128 - length);
        }
        long hi = aligned.shiftRight(64).longValue(), lo = aligned.longValue() | (sticky ? 1 : 0);
        return toRegister(neg, binaryExponent + length - 128 + BIAS + 127, hi, lo, precision, env);
    }

    /** True if bits below the kept precision (below {@code ulp} in hi, all of lo) are not all zero. */
    static boolean inexact(long hi, long lo, long ulp) {
        return (hi & (ulp - 1)) != 0 || lo != 0;
    }

    /** {@code hi} rounded to a multiple of {@code ulp} (0 when it carried out of bit 63). */
    static long roundedSignificand(long hi, long lo, long ulp, boolean neg, int rc) {
        long kept = hi & -ulp, below = hi & (ulp - 1);
        if (below == 0 && lo == 0) return kept;
        boolean increment = switch (rc) {
            case RC_NEAREST -> {
                if (ulp == 1) yield Long.compareUnsigned(lo, J) > 0 || (lo == J && (kept & 1) != 0);
                long half = ulp >>> 1;
                yield below > half || (below == half && (lo != 0 || (kept & ulp) != 0));
            }
            case RC_DOWN -> neg;
            case RC_UP -> !neg;
            default -> false;
        };
        return increment ? kept + ulp : kept;
    }

    /** The high word of {@code hi:lo >> n}, for n >= 0. */
    static long shiftRightJamHi(long hi, int n) {
        return n >= 64 ? 0 : hi >>> n;
    }

    /** The low word of {@code hi:lo >> n}, with every bit shifted out ORed into its lowest bit. */
    static long shiftRightJamLo(long hi, long lo, int n) {
        if (n == 0) return lo;
        if (n < 64) return (lo >>> n) | (hi << (64 - n)) | ((lo << (64 - n)) != 0 ? 1 : 0);
        if (n == 64) return hi | (lo != 0 ? 1 : 0);
        if (n < 128) return (hi >>> (n - 64)) | ((hi << (128 - n)) != 0 || lo != 0 ? 1 : 0);
        return (hi | lo) != 0 ? 1 : 0;
    }
}
