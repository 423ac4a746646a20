package dev.jvmm.cpu.fpu;

import static dev.jvmm.cpu.fpu.F80.BIAS;
import static dev.jvmm.cpu.fpu.FpEnv.ZE;

import java.math.BigInteger;

/**
 * F2XM1, FYL2X and FYL2XP1 on 80-bit values, correctly rounded to 64 bits with the rounding control
 * (precision control does not apply). Results that are rational are computed exactly: 2^x - 1 at
 * x = -1, 0, 1, and y log2 x when x is a power of two (then y times an integer, rounded once).
 * The special operands follow the SDM's tables (vol. 2, FYL2X table 3-48, FYL2XP1 table 3-49).
 * Outside the ranges the SDM gives, the results are what this machine's CPU gives: F2XM1 leaves an
 * operand of magnitude above 1 as it is (reporting inexact); FYL2XP1 computes the true function for
 * any x above -1 (the SDM's range is |x| < 1 - sqrt(2)/2) and, for x <= -1 and y finite and non-zero,
 * gives x (inexact).
 */
public final class F80Log {
    private static final WideReal INVERSE_LN2 = WideReal.ONE.divide(WideMath.LN2);

    private F80Log() {}

    /** F2XM1: 2^x - 1. */
    public static F80 twoToXMinusOne(F80 a, FpEnv env) {
        F80 nan = F80Arith.propagateNaN(a, a, env);
        if (nan != null) return nan;
        if (a.isInfinity()) return a.negative() ? F80.ONE.negate() : a;
        if (a.isZero()) return a;
        if (F80Arith.flagDenormals(a, a, env)) return a;
        WideReal x = WideReal.of(a);
        int against = x.compareMagnitude(WideReal.ONE);
        if (against >= 0) { // outside -1..1 the operand stays, at +-1 the exact 1 or -1/2; inexact either way, as this machine's CPU reports
            env.raise(FpEnv.PE);
            return against > 0 || !a.negative() ? a : new F80(F80.SIGN | (BIAS - 1), F80.J);
        }
        return WideMath.expm1(x.multiply(WideMath.LN2)).toRegister(env);
    }

    /** FYL2X: y * log2(x), y = ST(1), x = ST(0). */
    public static F80 yLog2X(F80 y, F80 x, FpEnv env) {
        F80 nan = F80Arith.propagateNaN(y, x, env);
        if (nan != null) return nan;
        boolean xIsOne = x.equals(F80.ONE);
        if ((x.negative() && !x.isZero()) || (y.isZero() && (x.isZero() || x.isInfinity())) || (xIsOne && y.isInfinity())) {
            return F80Arith.invalid(env);
        }
        if (x.isZero()) {
            if (!y.isInfinity()) env.raise(ZE);
            return F80.infinity(!y.negative());
        }
        if (F80Arith.flagDenormals(y, x, env)) return y;
        if (x.isInfinity()) return F80.infinity(y.negative());
        if (xIsOne) return F80.zero(y.negative());
        boolean belowOne = F80Arith.normalExponent(x) < BIAS;
        if (y.isInfinity()) return F80.infinity(y.negative() != belowOne);
        if (y.isZero()) return F80.zero(y.negative() != belowOne);
        if (F80Arith.normalSignificand(x) == F80.J) return timesInteger(y, F80Arith.normalExponent(x) - BIAS, env); // x = 2^k
        WideReal log2 = WideMath.ln(WideReal.of(x)).multiply(INVERSE_LN2);
        return WideReal.of(y).multiply(log2).toRegister(env);
    }

    /** y * k exactly, rounded once; inexact (and tiny) reported even when exact, as this machine's CPU reports. */
    private static F80 timesInteger(F80 y, long k, FpEnv env) {
        BigInteger product = F80Arith.unsigned(F80Arith.normalSignificand(y)).multiply(BigInteger.valueOf(Math.abs(k)));
        F80 r = Rounding.bigToRegister(y.negative() != k < 0, product, F80Arith.normalExponent(y) - BIAS - 63, false, 64, env);
        env.raise(r.exponent() == 0 ? FpEnv.PE | FpEnv.UE : FpEnv.PE);
        return r;
    }

    /** k if 1 + x is exactly 2^k (x finite, non-zero, above -1), else null. */
    private static Integer exactLog2OfOnePlus(F80 x) {
        int q = F80Arith.normalExponent(x) - BIAS - 63;
        if (q + 63 < -1) return null; // |x| < 1/2: 1 + x lies strictly between 1/2 and 2 and is not 1
        BigInteger m = F80Arith.unsigned(F80Arith.normalSignificand(x));
        if (x.negative()) m = m.negate();
        BigInteger sum = q >= 0 ? BigInteger.ONE.add(m.shiftLeft(q)) : BigInteger.ONE.shiftLeft(-q).add(m);
        if (sum.signum() <= 0 || sum.bitCount() != 1) return null;
        return sum.getLowestSetBit() + Math.min(q, 0);
    }

    /** FYL2XP1: y * log2(x + 1), y = ST(1), x = ST(0). */
    public static F80 yLog2XPlusOne(F80 y, F80 x, FpEnv env) {
        F80 nan = F80Arith.propagateNaN(y, x, env);
        if (nan != null) return nan;
        if ((x.isZero() && y.isInfinity()) || (x.isInfinity() && (x.negative() || y.isZero()))) return F80Arith.invalid(env);
        if (F80Arith.flagDenormals(y, x, env)) return y;
        boolean negative = y.negative() != x.negative();
        if (x.isZero() || y.isZero()) return F80.zero(negative);
        if (x.isInfinity() || y.isInfinity()) return F80.infinity(negative);
        if (x.negative() && F80Compare.compareMagnitude(x, F80.ONE) >= 0) { // x <= -1: this machine's CPU returns x, inexact
            env.raise(FpEnv.PE);
            return x;
        }
        Integer k = exactLog2OfOnePlus(x);
        if (k != null) return timesInteger(y, k, env);
        WideReal log2 = WideMath.ln1p(WideReal.of(x)).multiply(INVERSE_LN2);
        return WideReal.of(y).multiply(log2).toRegister(env);
    }
}
