package dev.jvmm.cpu.fpu;

import static dev.jvmm.cpu.fpu.F80.BIAS;
import static dev.jvmm.cpu.fpu.F80.J;
import static dev.jvmm.cpu.fpu.F80.MAX_EXP;
import static dev.jvmm.cpu.fpu.F80.SIGN;
import static dev.jvmm.cpu.fpu.FpEnv.*;

/**
 * Conversions between the 80-bit format and memory formats: single and double precision (FLD/FST
 * m32/m64), signed integers (FILD/FIST/FISTTP m16/m32/m64), 18-digit packed BCD (FBLD/FBSTP), and
 * rounding to an integer value (FRNDINT). Precision control does not apply to any of them: a store
 * rounds to its destination's format (SDM vol. 1 §8.1.5.2). Stores do not report denormal operands
 * (this machine's CPU does not); loads of a denormal single or double do, and complete even when
 * DE is unmasked.
 *
 * <p>A masked invalid operation stores the destination's indefinite value: the default NaN, the
 * integer indefinite {@code 100...0}, or the packed BCD indefinite {@code FFFF C000 0000 0000 0000}
 * (SDM vol. 1 §4.8.3.7, table 4-3). With an exception unmasked the caller must not store.
 */
public final class F80Convert {
    public static final int FLOAT_INDEFINITE = 0xFFC0_0000;
    public static final long DOUBLE_INDEFINITE = 0xFFF8_0000_0000_0000L;
    private static final int FLOAT_MIN = BIAS - 126, FLOAT_MAX = BIAS + 127;
    private static final int DOUBLE_MIN = BIAS - 1022, DOUBLE_MAX = BIAS + 1023;
    private static final long BCD_LIMIT = 999_999_999_999_999_999L;

    private F80Convert() {}

    // ---- loads: exact ----

    /** FILD: every 16-, 32- and 64-bit integer is exact in 64 bits of significand. */
    public static F80 fromInt(long v) {
        if (v == 0) return F80.POS_ZERO;
        long magnitude = v < 0 ? -v : v; // Long.MIN_VALUE stays 2^63 read unsigned
        int n = Long.numberOfLeadingZeros(magnitude);
        return new F80((v < 0 ? SIGN : 0) | (BIAS + 63 - n), magnitude << n);
    }

    /** FLD m32: exact; a denormal raises the denormal-operand exception, an SNaN invalid (and is quieted). */
    public static F80 fromFloat(int bits, FpEnv env) {
        int sign = bits < 0 ? SIGN : 0, e = (bits >>> 23) & 0xFF;
        long fraction = bits & 0x7F_FFFFL;
        return fromBinary(sign, e, fraction, 0xFF, 127, 23, env);
    }

    /** FLD m64, as {@link #fromFloat}. */
    public static F80 fromDouble(long bits, FpEnv env) {
        int sign = bits < 0 ? SIGN : 0, e = (int) (bits >>> 52) & 0x7FF;
        long fraction = bits & 0xF_FFFF_FFFF_FFFFL;
        return fromBinary(sign, e, fraction, 0x7FF, 1023, 52, env);
    }

    /**
     * A single (m64: double) operand of an arithmetic instruction: as {@link #fromFloat}, except that
     * an SNaN stays signaling (and raises nothing yet) so that the NaN rules see it as one.
     */
    public static F80 fromFloatOperand(int bits, FpEnv env) {
        return fromBinary(bits < 0 ? SIGN : 0, (bits >>> 23) & 0xFF, bits & 0x7F_FFFFL, 0xFF, 127, 23, false, env);
    }

    public static F80 fromDoubleOperand(long bits, FpEnv env) {
        return fromBinary(bits < 0 ? SIGN : 0, (int) (bits >>> 52) & 0x7FF, bits & 0xF_FFFF_FFFF_FFFFL, 0x7FF, 1023, 52, false, env);
    }

    private static F80 fromBinary(int sign, int e, long fraction, int eAll, int bias, int fractionBits, FpEnv env) {
        return fromBinary(sign, e, fraction, eAll, bias, fractionBits, true, env);
    }

    private static F80 fromBinary(int sign, int e, long fraction, int eAll, int bias, int fractionBits, boolean quiet, FpEnv env) {
        if (e == eAll) {
            if (fraction == 0) return new F80(sign | MAX_EXP, J);
            boolean signaling = (fraction >>> (fractionBits - 1)) == 0;
            if (!quiet) return new F80(sign | MAX_EXP, J | (fraction << (63 - fractionBits)));
            if (signaling) env.raise(IE);
            return new F80(sign | MAX_EXP, J | F80.QUIET | (fraction << (63 - fractionBits)));
        }
        if (e == 0) {
            if (fraction == 0) return new F80(sign, 0);
            env.raise(DE);
            int n = Long.numberOfLeadingZeros(fraction);
            // value = fraction * 2^(1 - bias - fractionBits) = (fraction << n) * 2^(exp - BIAS - 63)
            return new F80(sign | (BIAS + 63 - n + 1 - bias - fractionBits), fraction << n);
        }
        return new F80(sign | (e - bias + BIAS), J | (fraction << (63 - fractionBits)));
    }

    /** FBLD: 18 BCD digits in bytes 0-8 of {@code low:high} (two digits a byte, low first), the sign in bit 79. */
    public static F80 fromBcd(long low, int high) {
        long value = 0, scale = 1;
        for (int i = 0; i < 18; i++) {
            int digit = (int) ((i < 16 ? low >>> (4 * i) : (long) high >>> (4 * (i - 16))) & 0xF);
            value += digit * scale; // a digit above 9 is undefined in the SDM; it counts with its binary value here
            scale *= 10;
        }
        boolean neg = (high & 0x8000) != 0;
        return value == 0 ? F80.zero(neg) : fromInt(value).withSign(neg);
    }

    // ---- stores: rounded to the destination ----

    /** FST m32: the result as float bits; with overflow or underflow unmasked the caller must not store. */
    public static int toFloat(F80 a, FpEnv env) {
        return (int) toBinary(a, 24, FLOAT_MIN, FLOAT_MAX, 0xFF, 127, 23, FLOAT_INDEFINITE, env);
    }

    /** FST m64, as {@link #toFloat}. */
    public static long toDouble(F80 a, FpEnv env) {
        return toBinary(a, 53, DOUBLE_MIN, DOUBLE_MAX, 0x7FF, 1023, 52, DOUBLE_INDEFINITE, env);
    }

    private static long toBinary(F80 a, int precision, int eMin, int eMax, int eAll, int bias, int fractionBits, long indefinite,
            FpEnv env) {
        long sign = a.negative() ? 1L << (fractionBits + (eAll == 0xFF ? 8 : 11)) : 0;
        long infinity = (long) eAll << fractionBits;
        int drop = 63 - fractionBits;
        if (a.isUnsupported()) {
            env.raise(IE);
            return indefinite;
        }
        if (a.isNaN()) {
            if (a.isSignalingNaN()) env.raise(IE);
            return sign | infinity | ((a.sig() | F80.QUIET) & ~J) >>> drop;
        }
        if (a.isInfinity()) return sign | infinity;
        if (a.isZero()) return sign;
        F80 r = Rounding.round(a.negative(), F80Arith.normalExponent(a), F80Arith.normalSignificand(a), 0, precision,
                eMin, eMax, false, env);
        if (r.exponent() == MAX_EXP) return sign | infinity;
        if (r.sig() >= 0) return sign | r.sig() >>> drop; // denormal (or zero) in the destination format
        long fractionMask = (1L << fractionBits) - 1;
        return sign | (long) (r.exponent() - BIAS + bias) << fractionBits | (r.sig() >>> drop) & fractionMask;
    }

    /**
     * FIST/FISTP ({@code truncate} false: the rounding control's mode) and FISTTP (truncate true) to a
     * signed integer of {@code bytes} bytes: a NaN, an infinity or a value out of range is invalid and
     * gives the integer indefinite.
     */
    public static long toInt(F80 a, int bytes, boolean truncate, FpEnv env) {
        long indefinite = bytes == 8 ? Long.MIN_VALUE : -(1L << (8 * bytes - 1));
        if (a.isUnsupported() || a.isNaN() || a.isInfinity()) {
            env.raise(IE);
            return indefinite;
        }
        if (a.isZero()) return 0;
        int flags = env.flags;
        long magnitude = integerMagnitude(a, truncate ? RC_ZERO : env.roundingControl(), env);
        long limit = bytes == 8 ? Long.MIN_VALUE : 1L << (8 * bytes - 1); // 2^(8n-1), as unsigned
        boolean fits = magnitude != -1 && (a.negative() ? Long.compareUnsigned(magnitude, limit) <= 0
                : Long.compareUnsigned(magnitude, limit) < 0);
        if (!fits) {
            env.flags = flags | IE; // an invalid operation reports neither inexact nor C1
            return indefinite;
        }
        return a.negative() ? -magnitude : magnitude;
    }

    /** FBSTP: the value rounded to an integer as 18 BCD digits; {@code [0]} bytes 0-7, {@code [1]} bytes 8-9. */
    public static long[] toBcd(F80 a, FpEnv env) {
        long[] indefinite = {0xC000_0000_0000_0000L, 0xFFFF};
        if (a.isUnsupported() || a.isNaN() || a.isInfinity()) {
            env.raise(IE);
            return indefinite;
        }
        long high = a.negative() ? 0x8000 : 0;
        if (a.isZero()) return new long[] {0, high};
        int flags = env.flags;
        long magnitude = integerMagnitude(a, env.roundingControl(), env);
        if (Long.compareUnsigned(magnitude, BCD_LIMIT) > 0) {
            env.flags = flags | IE;
            return indefinite;
        }
        long low = 0;
        for (int i = 0; i < 18; i++) {
            long digit = magnitude % 10;
            magnitude /= 10;
            if (i < 16) low |= digit << (4 * i);
            else high |= digit << (4 * (i - 16));
        }
        return new long[] {low, high};
    }

    /** FRNDINT: the value rounded to an integer with the rounding control's mode, as an 80-bit value. */
    public static F80 roundToInteger(F80 a, FpEnv env) {
        F80 nan = F80Arith.propagateNaN(a, a, env);
        if (nan != null) return nan;
        if (a.isInfinity() || a.isZero()) return a;
        if (F80Arith.flagDenormals(a, a, env)) return a;
        if (a.exponent() >= BIAS + 63) return a; // already an integer
        long magnitude = integerMagnitude(a, env.roundingControl(), env);
        if (magnitude == 0) return F80.zero(a.negative());
        return fromInt(magnitude).withSign(a.negative()); // fromInt reads the magnitude as unsigned when bit 63 is set
    }

    /**
     * |a| rounded to an integer, as an unsigned 64-bit value, or -1 (2^64 - 1, which no caller
     * accepts either) when it is 2^64 or more. Raises inexact, and C1 when it rounded up.
     */
    private static long integerMagnitude(F80 a, int rc, FpEnv env) {
        int e = F80Arith.normalExponent(a);
        long m = F80Arith.normalSignificand(a);
        int shift = BIAS + 63 - e; // |a| = m / 2^shift
        if (shift < 0) return -1;
        if (shift == 0) return m;
        long integer = shift >= 64 ? 0 : m >>> shift;
        long fraction; // the bits below the binary point, left-aligned; past 64 bits only "non-zero, below 1/2" matters
        if (shift < 64) fraction = m << (64 - shift);
        else if (shift == 64) fraction = m;
        else fraction = 1;
        if (fraction == 0) return integer;
        boolean neg = a.negative();
        boolean up = switch (rc) {
            case RC_NEAREST -> Long.compareUnsigned(fraction, J) > 0 || (fraction == J && (integer & 1) != 0);
            case RC_DOWN -> neg;
            case RC_UP -> !neg;
            default -> false;
        };
        env.raise(PE | (up ? C1 : 0));
        return up ? integer + 1 : integer; // at most 2^63: integer has at most 63 bits here
    }
}
