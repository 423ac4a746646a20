package dev.jvmm.cpu.fpu;

import java.math.BigInteger;

/**
 * The elementary functions in {@link WideReal} precision, by argument reduction and Taylor series,
 * and the constants they need, computed once from integer series (pi by Machin's formula
 * pi = 16 atan(1/5) - 4 atan(1/239), ln 2 = 2 atanh(1/3)) rather than typed in.
 */
final class WideMath {
    /** Fractional bits of {@link #PI_FIXED}. */
    static final int PI_BITS = 768;
    /** floor(pi * 2^PI_BITS) (the last few bits are not exact: callers use far fewer). */
    static final BigInteger PI_FIXED = machinPi(PI_BITS + 32).shiftRight(32);
    static final WideReal PI = WideReal.of(PI_FIXED, -PI_BITS);
    static final WideReal LN2 = WideReal.of(atanhInverse(3, WideReal.PRECISION + 64).shiftLeft(1), -(WideReal.PRECISION + 64));
    private static final WideReal TWO = WideReal.integer(2);

    private WideMath() {}

    /** pi * 2^bits, with an error of a few units. */
    private static BigInteger machinPi(int bits) {
        return atanInverse(5, bits).shiftLeft(4).subtract(atanInverse(239, bits).shiftLeft(2));
    }

    /** atan(1/n) * 2^bits by its series, truncating each term. */
    private static BigInteger atanInverse(int n, int bits) {
        BigInteger power = BigInteger.ONE.shiftLeft(bits).divide(BigInteger.valueOf(n)), sum = BigInteger.ZERO;
        BigInteger n2 = BigInteger.valueOf((long) n * n);
        for (int k = 0; power.signum() != 0; k++) {
            BigInteger term = power.divide(BigInteger.valueOf(2L * k + 1));
            sum = (k & 1) == 0 ? sum.add(term) : sum.subtract(term);
            power = power.divide(n2);
        }
        return sum;
    }

    /** atanh(1/n) * 2^bits. */
    private static BigInteger atanhInverse(int n, int bits) {
        BigInteger power = BigInteger.ONE.shiftLeft(bits).divide(BigInteger.valueOf(n)), sum = BigInteger.ZERO;
        BigInteger n2 = BigInteger.valueOf((long) n * n);
        for (int k = 0; power.signum() != 0; k++) {
            sum = sum.add(power.divide(BigInteger.valueOf(2L * k + 1)));
            power = power.divide(n2);
        }
        return sum;
    }

    /** True once {@code term} no longer changes {@code sum}'s kept bits. */
    private static boolean negligible(WideReal term, WideReal sum) {
        return term.isZero() || (!sum.isZero() && term.top() < sum.top() - WideReal.PRECISION - 8);
    }

    /** sin r for |r| <= pi/4. */
    static WideReal sin(WideReal r) {
        WideReal r2 = r.multiply(r), term = r, sum = r;
        for (long k = 1; ; k++) {
            term = term.multiply(r2).divide(2 * k * (2 * k + 1)).negate();
            if (negligible(term, sum)) return sum.add(term);
            sum = sum.add(term);
        }
    }

    /** cos r for |r| <= pi/4. */
    static WideReal cos(WideReal r) {
        WideReal r2 = r.multiply(r), term = WideReal.ONE, sum = WideReal.ONE;
        for (long k = 1; ; k++) {
            term = term.multiply(r2).divide((2 * k - 1) * (2 * k)).negate();
            if (negligible(term, sum)) return sum.add(term);
            sum = sum.add(term);
        }
    }

    /** atan t for any finite t: pi/2 - atan(1/t) above one, three half-angle steps, then the series. */
    static WideReal atan(WideReal t) {
        if (t.isZero()) return t;
        if (t.compareMagnitude(WideReal.ONE) > 0) {
            WideReal halfPi = PI.scale(-1);
            WideReal inner = atan(WideReal.ONE.divide(t.abs()));
            WideReal r = halfPi.subtract(inner);
            return t.signum() < 0 ? r.negate() : r;
        }
        for (int n = 0; n < 3; n++) t = t.divide(WideReal.ONE.add(WideReal.ONE.add(t.multiply(t)).sqrt())); // tan(a/2)
        WideReal t2 = t.multiply(t), power = t, sum = t;
        for (long k = 1; ; k++) {
            power = power.multiply(t2).negate();
            WideReal term = power.divide(2 * k + 1);
            if (negligible(term, sum)) return sum.add(term).scale(3);
            sum = sum.add(term);
        }
    }

    /** atanh s = s + s^3/3 + s^5/5 ... for |s| well below one. */
    private static WideReal atanh(WideReal s) {
        WideReal s2 = s.multiply(s), power = s, sum = s;
        for (long k = 1; ; k++) {
            power = power.multiply(s2);
            WideReal term = power.divide(2 * k + 1);
            if (negligible(term, sum)) return sum.add(term);
            sum = sum.add(term);
        }
    }

    /** ln f for f > 0: f = g * 2^k with sqrt(1/2) <= g < sqrt(2), ln g = 2 atanh((g-1)/(g+1)). */
    static WideReal ln(WideReal f) {
        int k = f.top();
        WideReal g = f.scale(-k);
        if (g.multiply(g).compareMagnitude(TWO) > 0) {
            g = g.scale(-1);
            k++;
        }
        WideReal lnG = atanh(g.subtract(WideReal.ONE).divide(g.add(WideReal.ONE))).scale(1);
        return k == 0 ? lnG : LN2.multiply(WideReal.integer(k)).add(lnG);
    }

    /** ln(1 + x) for x > -1, accurate relative to x when x is small: 2 atanh(x / (2 + x)). */
    static WideReal ln1p(WideReal x) {
        if (x.compareMagnitude(WideReal.ONE.scale(-2)) >= 0) return ln(WideReal.ONE.add(x));
        return atanh(x.divide(TWO.add(x))).scale(1);
    }

    /** e^z - 1, accurate relative to z when z is small; |z| above one is halved k times and squared back. */
    static WideReal expm1(WideReal z) {
        if (z.isZero()) return z;
        int k = Math.max(0, z.top() + 1);
        WideReal w = z.scale(-k), term = w, sum = w;
        for (long n = 2; ; n++) {
            term = term.multiply(w).divide(n);
            if (negligible(term, sum)) {
                sum = sum.add(term);
                break;
            }
            sum = sum.add(term);
        }
        for (int i = 0; i < k; i++) sum = sum.multiply(sum.add(TWO)); // (1 + u)^2 - 1 = u (u + 2)
        return sum;
    }
}
