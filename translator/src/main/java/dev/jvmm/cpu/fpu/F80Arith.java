package dev.jvmm.cpu.fpu;

import static dev.jvmm.cpu.fpu.F80.BIAS;
import static dev.jvmm.cpu.fpu.F80.J;
import static dev.jvmm.cpu.fpu.FpEnv.*;

import java.math.BigInteger;

/**
 * The x87's basic arithmetic on 80-bit values: add, subtract, multiply, divide, square root, each
 * exact and then rounded once to the precision control's significand width with the extended
 * exponent range (SDM vol. 1 §8.1.5.2: PC affects only these five).
 *
 * <p>Operand checks follow the exception priority of SDM vol. 1 §4.9.2: an unsupported encoding or
 * an SNaN (invalid), then a QNaN operand (propagated, nothing else reported), then the other
 * invalid operations and divide-by-zero, then denormal operands (flagged, and the computation goes
 * on), then the result's overflow, underflow and inexact. NaNs propagate as table 4-7 says for the
 * x87: of two NaNs the one with the larger significand, quieted.
 */
public final class F80Arith {
    private F80Arith() {}

    public static F80 add(F80 a, F80 b, FpEnv env) {
        return addSigned(a, b, false, false, env);
    }

    public static F80 sub(F80 a, F80 b, FpEnv env) {
        return addSigned(a, b, true, false, env);
    }

    public static F80 mul(F80 a, F80 b, FpEnv env) {
        return mul(a, b, false, env);
    }

    public static F80 div(F80 a, F80 b, FpEnv env) {
        return div(a, b, false, env);
    }

    /**
     * The four operations with an operand that was a denormal in its memory format ({@code memoryDenormal}:
     * normal once extended, it still raises DE, at DE's priority). {@code op}: 0 add, 1 subtract,
     * 2 multiply, 3 divide.
     */
    public static F80 compute(int op, F80 a, F80 b, boolean memoryDenormal, FpEnv env) {
        return switch (op) {
            case 0 -> addSigned(a, b, false, memoryDenormal, env);
            case 1 -> addSigned(a, b, true, memoryDenormal, env);
            case 2 -> mul(a, b, memoryDenormal, env);
            default -> div(a, b, memoryDenormal, env);
        };
    }

    private static F80 addSigned(F80 a, F80 b, boolean subtract, boolean memoryDenormal, FpEnv env) {
        F80 nan = propagateNaN(a, b, env);
        if (nan != null) return nan;
        boolean sa = a.negative(), sb = b.negative() ^ subtract;
        if (a.isInfinity() || b.isInfinity()) {
            if (a.isInfinity() && b.isInfinity() && sa != sb) return invalid(env);
            if (flagDenormals(a, b, memoryDenormal, env)) return a;
            return F80.infinity(a.isInfinity() ? sa : sb);
        }
        if (flagDenormals(a, b, memoryDenormal, env)) return a;
        int precision = env.precision();
        if (a.isZero() && b.isZero()) return F80.zero(sa == sb ? sa : env.roundingControl() == RC_DOWN);
        if (b.isZero()) return roundOperand(a, precision, env);
        if (a.isZero()) return roundOperand(b.withSign(sb), precision, env);
        int ea = normalExponent(a), eb = normalExponent(b);
        long ma = normalSignificand(a), mb = normalSignificand(b);
        if (ea < eb || (ea == eb && Long.compareUnsigned(ma, mb) < 0)) { // a is the larger magnitude
            int e = ea; ea = eb; eb = e;
            long m = ma; ma = mb; mb = m;
            boolean s = sa; sa = sb; sb = s;
        }
        int shift = ea - eb;
        long bh = Rounding.shiftRightJamHi(mb, shift), bl = Rounding.shiftRightJamLo(mb, 0, shift);
        long hi, lo;
        int exp = ea;
        if (sa == sb) {
            lo = bl;
            hi = ma + bh;
            if (Long.compareUnsigned(hi, ma) < 0) { // carry: shift right one, keeping a sticky bit
                lo = (lo >>> 1) | (hi << 63) | (lo & 1);
                hi = (hi >>> 1) | J;
                exp++;
            }
        } else {
            lo = -bl;
            hi = ma - bh - (bl != 0 ? 1 : 0);
            if (hi == 0 && lo == 0) return F80.zero(env.roundingControl() == RC_DOWN);
            int n = hi != 0 ? Long.numberOfLeadingZeros(hi) : 64 + Long.numberOfLeadingZeros(lo);
            if (n >= 64) {
                hi = lo << (n - 64);
                lo = 0;
            } else if (n > 0) {
                hi = (hi << n) | (lo >>> (64 - n));
                lo <<= n;
            }
            exp -= n;
        }
        return Rounding.toRegister(sa, exp, hi, lo, precision, env);
    }

    private static F80 mul(F80 a, F80 b, boolean memoryDenormal, FpEnv env) {
        F80 nan = propagateNaN(a, b, env);
        if (nan != null) return nan;
        boolean neg = a.negative() ^ b.negative();
        if (a.isInfinity() || b.isInfinity()) {
            if (a.isZero() || b.isZero()) return invalid(env);
            if (flagDenormals(a, b, memoryDenormal, env)) return a;
            return F80.infinity(neg);
        }
        if (flagDenormals(a, b, memoryDenormal, env)) return a;
        if (a.isZero() || b.isZero()) return F80.zero(neg);
        long ma = normalSignificand(a), mb = normalSignificand(b);
        long hi = Math.unsignedMultiplyHigh(ma, mb), lo = ma * mb;
        int exp = normalExponent(a) + normalExponent(b) - BIAS + 1;
        if (hi >= 0) { // product below 2^127: one more bit to the left
            hi = (hi << 1) | (lo >>> 63);
            lo <<= 1;
            exp--;
        }
        return Rounding.toRegister(neg, exp, hi, lo, env.precision(), env);
    }

    private static F80 div(F80 a, F80 b, boolean memoryDenormal, FpEnv env) {
        F80 nan = propagateNaN(a, b, env);
        if (nan != null) return nan;
        boolean neg = a.negative() ^ b.negative();
        if (a.isInfinity()) {
            if (b.isInfinity()) return invalid(env);
            if (flagDenormals(a, b, memoryDenormal, env)) return a;
            return F80.infinity(neg);
        }
        if (b.isInfinity()) {
            if (flagDenormals(a, b, memoryDenormal, env)) return a;
            return F80.zero(neg);
        }
        if (b.isZero()) {
            if (a.isZero()) return invalid(env);
            env.raise(ZE);
            return F80.infinity(neg);
        }
        if (flagDenormals(a, b, memoryDenormal, env)) return a;
        if (a.isZero()) return F80.zero(neg);
        // q = ma * 2^127 / mb in two 128-by-64 steps: with both significands normalized it lies in
        // (2^126, 2^128), at least 127 quotient bits, and the remainder makes the sticky bit.
        long ma = normalSignificand(a), mb = normalSignificand(b);
        long[] remainder = new long[1];
        long q1 = WideDivision.divide(ma >>> 1, ma << 63, mb, remainder);
        long q0 = WideDivision.divide(remainder[0], 0, mb, remainder);
        return Rounding.wideToRegister(neg, q1, q0, normalExponent(a) - normalExponent(b) - 127, remainder[0] != 0,
                env.precision(), env);
    }

    public static F80 sqrt(F80 a, FpEnv env) {
        if (a.isUnsupported()) return invalid(env);
        if (a.isNaN()) return quietNaN(a, env);
        if (a.isZero()) return a;
        if (a.negative()) return invalid(env);
        if (a.isInfinity()) return a;
        if (flagDenormals(a, a, env)) return a;
        int k = normalExponent(a) - BIAS - 63 - 128;
        BigInteger m = unsigned(normalSignificand(a)).shiftLeft(128);
        if ((k & 1) != 0) {
            m = m.shiftLeft(1);
            k--;
        }
        BigInteger root = m.sqrt();
        return Rounding.bigToRegister(false, root, k / 2, !root.multiply(root).equals(m), env.precision(), env);
    }

    // ---- operands ----

    /**
     * The result when an operand is unsupported or a NaN, else null: invalid with the default NaN for
     * an unsupported encoding; for NaNs, invalid if either is signaling, and the NaN of table 4-7.
     */
    static F80 propagateNaN(F80 a, F80 b, FpEnv env) {
        if (a.isUnsupported() || b.isUnsupported()) return invalid(env);
        boolean na = a.isNaN(), nb = b.isNaN();
        if (!na && !nb) return null;
        if (a.isSignalingNaN() || b.isSignalingNaN()) env.raise(IE);
        if (na && nb) return larger(a, b).quieted();
        return (na ? a : b).quieted();
    }

    /** Of two NaNs the one with the larger significand (ignoring the quiet bit's absence: as stored); the positive one on a tie. */
    private static F80 larger(F80 a, F80 b) {
        int c = Long.compareUnsigned(a.sig(), b.sig());
        if (c != 0) return c > 0 ? a : b;
        return a.negative() ? b : a;
    }

    static F80 quietNaN(F80 a, FpEnv env) {
        if (a.isSignalingNaN()) env.raise(IE);
        return a.quieted();
    }

    static F80 invalid(FpEnv env) {
        env.raise(IE);
        return F80.INDEFINITE;
    }

    /**
     * Raises DE if an operand is a denormal; true if DE is then unmasked, which ends the operation
     * before it computes anything (the caller returns any value: the destination stays unwritten).
     */
    static boolean flagDenormals(F80 a, F80 b, FpEnv env) {
        return flagDenormals(a, b, false, env);
    }

    static boolean flagDenormals(F80 a, F80 b, boolean memoryDenormal, FpEnv env) {
        if (!a.isDenormal() && !b.isDenormal() && !memoryDenormal) return false;
        env.raise(DE);
        return env.unmasked(DE);
    }

    /** A finite non-zero supported operand rounded to {@code precision} (a denormal stays one if it fits). */
    static F80 roundOperand(F80 a, int precision, FpEnv env) {
        return Rounding.toRegister(a.negative(), normalExponent(a), normalSignificand(a), 0, precision, env);
    }

    /** The biased exponent of a finite non-zero operand once normalized (below 1 for denormals). */
    static int normalExponent(F80 a) {
        int e = a.exponent();
        return e != 0 ? e : 1 - Long.numberOfLeadingZeros(a.sig());
    }

    /** The significand of a finite non-zero operand shifted so that bit 63 is set. */
    static long normalSignificand(F80 a) {
        return a.sig() << Long.numberOfLeadingZeros(a.sig());
    }

    static BigInteger unsigned(long v) {
        BigInteger b = BigInteger.valueOf(v & Long.MAX_VALUE);
        return v < 0 ? b.setBit(63) : b;
    }
}
