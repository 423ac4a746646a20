package dev.jvmm.cpu.fpu;

import static dev.jvmm.cpu.fpu.F80.BIAS;
import static dev.jvmm.cpu.fpu.FpEnv.ZE;

import java.math.BigInteger;

/**
 * The x87 operations whose results are exact or rounded only once at 64 bits: FSCALE, FXTRACT,
 * FPREM and FPREM1 (SDM vol. 2; precision control does not apply to them).
 */
public final class F80Exact {
    private F80Exact() {}

    /** FSCALE: a * 2^trunc(b), rounded to 64 bits with the rounding control; the SDM's table of special cases. */
    public static F80 scale(F80 a, F80 b, FpEnv env) {
        F80 nan = F80Arith.propagateNaN(a, b, env);
        if (nan != null) return nan;
        if (b.isInfinity()) {
            boolean up = !b.negative();
            if (a.isZero() && up || a.isInfinity() && !up) return F80Arith.invalid(env);
            if (F80Arith.flagDenormals(a, b, env)) return a;
            if (a.isZero() || a.isInfinity()) return a;
            return up ? F80.infinity(a.negative()) : F80.zero(a.negative());
        }
        if (F80Arith.flagDenormals(a, b, env)) return a;
        if (a.isZero() || a.isInfinity()) return a;
        long n = truncatedExponentStep(b);
        long exp = F80Arith.normalExponent(a) + n;
        int clamped = (int) Math.max(-0x10000, Math.min(0x10000, exp)); // far past either end: overflow or underflow either way
        return Rounding.toRegister(a.negative(), clamped, F80Arith.normalSignificand(a), 0, 64, env);
    }

    /** trunc(b) for a finite b, clamped to +-2^20 (enough to carry any operand past either end of the range). */
    private static long truncatedExponentStep(F80 b) {
        if (b.isZero()) return 0;
        int e = F80Arith.normalExponent(b) - BIAS;
        if (e < 0) return 0;
        if (e >= 20) return b.negative() ? -(1 << 20) : 1 << 20;
        long magnitude = F80Arith.normalSignificand(b) >>> (63 - e);
        return b.negative() ? -magnitude : magnitude;
    }

    /** FXTRACT's two results: {@code exponent} goes to ST(1), {@code significand} to ST(0). */
    public record Extracted(F80 exponent, F80 significand) {}

    /** FXTRACT: a = significand * 2^exponent with 1 <= |significand| < 2; a zero raises divide-by-zero. */
    public static Extracted extract(F80 a, FpEnv env) {
        F80 nan = F80Arith.propagateNaN(a, a, env);
        if (nan != null) return new Extracted(nan, nan);
        if (a.isInfinity()) return new Extracted(F80.POS_INF, a);
        if (a.isZero()) {
            env.raise(ZE);
            return new Extracted(F80.NEG_INF, a);
        }
        F80Arith.flagDenormals(a, a, env);
        F80 significand = new F80((a.se() & F80.SIGN) | BIAS, F80Arith.normalSignificand(a));
        return new Extracted(F80Convert.fromInt(F80Arith.normalExponent(a) - BIAS), significand);
    }

    /**
     * FPREM/FPREM1's result and the condition codes it sets (C2 = 1 when the reduction is partial);
     * -1 for a NaN or invalid result, which has no quotient bits.
     */
    public record Remainder(F80 value, int conditionCodes) {}

    /**
     * FPREM ({@code nearest} false: the quotient truncated) and FPREM1 (true: rounded to nearest
     * even, the IEEE remainder). When the exponents differ by D >= 64 the reduction is partial, by
     * b * 2^(D - N) with C2 set. The SDM leaves N to the implementation (32 to 63); this machine's
     * CPU takes N = 32 + D mod 32, reducing the exponent by a multiple of 32. Otherwise C0, C3, C1
     * are the quotient's bits 2, 1, 0.
     */
    public static Remainder remainder(F80 a, F80 b, boolean nearest, FpEnv env) {
        F80 nan = F80Arith.propagateNaN(a, b, env);
        if (nan != null) return new Remainder(nan, -1);
        if (a.isInfinity() || b.isZero()) return new Remainder(F80Arith.invalid(env), -1);
        if (F80Arith.flagDenormals(a, b, env)) return new Remainder(a, 0);
        if (a.isZero() || b.isInfinity()) return new Remainder(a, 0);
        int ea = F80Arith.normalExponent(a), eb = F80Arith.normalExponent(b);
        BigInteger ma = F80Arith.unsigned(F80Arith.normalSignificand(a)), mb = F80Arith.unsigned(F80Arith.normalSignificand(b));
        int d = ea - eb;
        boolean partial = d >= 64;
        // |a| = ma * 2^(ea - k), |b| * 2^step = mb * 2^(ea - k) with k the common scale
        int step = partial ? (d - 32) / 32 * 32 : 0;
        int low = Math.min(ea, eb + step);
        BigInteger x = ma.shiftLeft(ea - low), y = mb.shiftLeft(eb + step - low);
        BigInteger[] qr = x.divideAndRemainder(y);
        BigInteger q = qr[0], r = qr[1];
        boolean negate = false;
        if (nearest && !partial) {
            int c = r.shiftLeft(1).compareTo(y);
            if (c > 0 || (c == 0 && q.testBit(0))) {
                q = q.add(BigInteger.ONE);
                r = y.subtract(r);
                negate = true;
            }
        }
        int cc = partial ? F80Compare.C2
                : (q.testBit(2) ? F80Compare.C0 : 0) | (q.testBit(1) ? F80Compare.C3 : 0) | (q.testBit(0) ? FpEnv.C1 : 0);
        boolean neg = a.negative() != negate;
        if (r.signum() == 0) return new Remainder(F80.zero(a.negative()), cc);
        F80 value = Rounding.bigToRegister(neg, r, low - BIAS - 63, false, 64, env);
        return new Remainder(value, cc);
    }

}
