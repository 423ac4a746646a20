package dev.jvmm.cpu.fpu;

import static dev.jvmm.cpu.fpu.F80.BIAS;

import java.math.BigInteger;

/**
 * FSIN, FCOS, FSINCOS, FPTAN and FPATAN on 80-bit values, rounded to 64 bits with the rounding
 * control (precision control does not apply, SDM vol. 1 §8.1.5.2).
 *
 * <p>The x87 reduces the argument modulo pi/2 with its own 66-bit approximation of pi
 * (0xC90FDAA22168C234C * 2^-66; SDM vol. 1 §8.3.10 tells software needing more to reduce the
 * argument itself), and so does this machine's CPU: the host test finds sin(65535) 601 ulps from the
 * true value and bit for bit what a 66-bit-pi reduction gives. So the remainder here is
 * |x| - k * pi66/2, computed exactly (the operand times 2^{@link #REDUCTION_BITS} is an integer, and
 * so is pi66/2 times it), and the sine and cosine of that remainder are computed in {@link WideMath}
 * precision and rounded once: correctly rounded functions of the x87's reduced argument. FPATAN's
 * results (pi, pi/2 ... for the special operands included) use the true pi.
 *
 * <p>Operands of magnitude 2^63 and above are outside the instructions' range: the caller sets C2
 * and leaves the register alone ({@link #inRange}).
 */
public final class F80Trig {
    static final int REDUCTION_BITS = 640;
    /** pi/2 * 2^REDUCTION_BITS. */
    /** Significant bits of the x87's own pi, the one FSIN ... FPTAN reduce by (SDM vol. 1 §8.3.10). */
    static final int X87_PI_BITS = 66;
    /** That pi's half, times 2^REDUCTION_BITS (exact). */
    private static final BigInteger HALF_PI_FIXED = WideMath.PI_FIXED.shiftRight(WideMath.PI_BITS - (X87_PI_BITS - 2))
            .shiftLeft(REDUCTION_BITS - (X87_PI_BITS - 2) - 1);
    private static final WideReal QUARTER_PI = WideMath.PI.scale(-2);

    private F80Trig() {}

    /** The sine or cosine of a remainder and which; {@code quadrant}: the multiple of pi/2 taken off, mod 4. */
    private record Reduced(WideReal r, int quadrant) {}

    /** False for |a| >= 2^63 (and for infinities, which are invalid rather than out of range: see the callers). */
    public static boolean inRange(F80 a) {
        return a.isNaN() || a.isUnsupported() || a.isInfinity() || a.isZero() || F80Arith.normalExponent(a) - BIAS < 63;
    }

    /** |a| = r + k pi/2 with |r| <= pi/4, for a finite non-zero a in range. */
    private static Reduced reduce(F80 a) {
        WideReal x = WideReal.of(a).abs();
        if (x.compareMagnitude(QUARTER_PI) <= 0) return new Reduced(x, 0);
        int q = F80Arith.normalExponent(a) - BIAS - 63; // |a| >= pi/4: q >= -65
        BigInteger fixed = F80Arith.unsigned(F80Arith.normalSignificand(a)).shiftLeft(q + REDUCTION_BITS);
        BigInteger k = fixed.shiftLeft(1).add(HALF_PI_FIXED).divide(HALF_PI_FIXED.shiftLeft(1)); // nearest multiple
        BigInteger r = fixed.subtract(k.multiply(HALF_PI_FIXED));
        return new Reduced(WideReal.of(r, -REDUCTION_BITS), k.intValue() & 3);
    }

    /** The result of NaN, unsupported, infinite, zero or denormal operand checks, or null to compute. */
    private static F80 operandChecks(F80 a, F80 zeroResult, FpEnv env) {
        F80 nan = F80Arith.propagateNaN(a, a, env);
        if (nan != null) return nan;
        if (a.isInfinity()) return F80Arith.invalid(env);
        if (a.isZero()) return zeroResult;
        if (F80Arith.flagDenormals(a, a, env)) return a;
        return null;
    }

    private static WideReal sine(Reduced x) {
        return switch (x.quadrant) {
            case 0 -> WideMath.sin(x.r);
            case 1 -> WideMath.cos(x.r);
            case 2 -> WideMath.sin(x.r).negate();
            default -> WideMath.cos(x.r).negate();
        };
    }

    private static WideReal cosine(Reduced x) {
        return switch (x.quadrant) {
            case 0 -> WideMath.cos(x.r);
            case 1 -> WideMath.sin(x.r).negate();
            case 2 -> WideMath.cos(x.r).negate();
            default -> WideMath.sin(x.r);
        };
    }

    public static F80 sin(F80 a, FpEnv env) {
        F80 special = operandChecks(a, a, env);
        if (special != null) return special;
        WideReal s = sine(reduce(a));
        return (a.negative() ? s.negate() : s).toRegister(env);
    }

    public static F80 cos(F80 a, FpEnv env) {
        F80 special = operandChecks(a, F80.ONE, env);
        if (special != null) return special;
        return cosine(reduce(a)).toRegister(env);
    }

    /** FSINCOS's two results, each rounded on its own; {@code sineFlags}: what rounding the sine raised (C1 included). */
    public record SineCosine(F80 sine, F80 cosine, int sineFlags) {}

    /** FSINCOS: the exception flags of both roundings, and C1 as the sine's rounding left it (as this machine's CPU reports). */
    public static SineCosine sinCos(F80 a, FpEnv env) {
        F80 special = operandChecks(a, a, env);
        if (special != null) return new SineCosine(special, a.isZero() ? F80.ONE : special, env.flags);
        Reduced x = reduce(a);
        WideReal s = sine(x);
        int before = env.flags;
        F80 sine = (a.negative() ? s.negate() : s).toRegister(env);
        int sineFlags = env.flags;
        env.flags = before;
        F80 cosine = cosine(x).toRegister(env);
        env.flags = (env.flags & 0x3F) | sineFlags;
        return new SineCosine(sine, cosine, sineFlags);
    }

    public static F80 tan(F80 a, FpEnv env) {
        F80 special = operandChecks(a, a, env);
        if (special != null) return special;
        Reduced x = reduce(a);
        WideReal s = WideMath.sin(x.r), c = WideMath.cos(x.r);
        WideReal t = (x.quadrant & 1) == 0 ? s.divide(c) : c.divide(s).negate();
        if (x.r.top() < -WideReal.PRECISION / 2 - 8) { // tan r = r + r^3/3: a quotient of near-ones would lose the r^3 term's sign
            WideReal r = x.r, cube = r.multiply(r).multiply(r).divide(3);
            t = (x.quadrant & 1) == 0 ? r.add(cube) : WideReal.ONE.divide(r.add(cube)).negate();
        }
        return (a.negative() ? t.negate() : t).toRegister(env);
    }

    /**
     * FPATAN: the angle of (x, y) in (-pi, pi], as atan2 (SDM vol. 2 FPATAN, table 3-30): signed
     * zeros and infinities give 0, pi, pi/2, pi/4 and 3pi/4 with the signs of that table, and no
     * operand other than a NaN or unsupported one is invalid.
     */
    public static F80 atan2(F80 y, F80 x, FpEnv env) {
        F80 nan = F80Arith.propagateNaN(y, x, env);
        if (nan != null) return nan;
        if (F80Arith.flagDenormals(y, x, env)) return y;
        boolean negative = y.negative();
        WideReal angle;
        if (y.isZero()) {
            if (!x.negative()) return y;
            angle = WideMath.PI;
        } else if (x.isZero()) {
            angle = WideMath.PI.scale(-1);
        } else if (y.isInfinity()) {
            angle = !x.isInfinity() ? WideMath.PI.scale(-1) : x.negative() ? WideMath.PI.multiply(WideReal.integer(3)).scale(-2) : QUARTER_PI;
        } else if (x.isInfinity()) {
            if (!x.negative()) return F80.zero(negative);
            angle = WideMath.PI;
        } else {
            angle = WideMath.atan(WideReal.of(y).abs().divide(WideReal.of(x).abs()));
            if (x.negative()) angle = WideMath.PI.subtract(angle);
        }
        return (negative ? angle.negate() : angle).toRegister(env);
    }
}
