package dev.jvmm.cpu.fpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The working precision the transcendentals round from: the computed constants against the
 * published hex digits of pi and ln 2, and identities between the functions that hold to far
 * more than the 64 bits a register keeps (a wrong series term or reduction breaks them at once).
 */
class WideMathTest {
    /** Agreement required, in bits relative to the larger value (64 + plenty of guard bits). */
    private static final int BITS = 280;

    private static void assertClose(WideReal want, WideReal got, String what) {
        WideReal d = want.subtract(got);
        int scale = Math.max(want.isZero() ? Integer.MIN_VALUE : want.top(), got.isZero() ? Integer.MIN_VALUE : got.top());
        assertTrue(d.isZero() || d.top() < scale - BITS, () -> what + ": " + want + " vs " + got + ", difference 2^" + d.top());
    }

    private static BigInteger leading128(WideReal v) {
        return v.m().shiftRight(v.m().bitLength() - 128);
    }

    @Test
    void constantsHaveThePublishedDigits() {
        assertEquals(new BigInteger("C90FDAA22168C234C4C6628B80DC1CD1", 16), leading128(WideMath.PI));
        assertEquals(new BigInteger("B17217F7D1CF79ABC9E3B39803F2F6AF", 16), leading128(WideMath.LN2));
        assertEquals(1, WideMath.PI.top());
        assertEquals(-1, WideMath.LN2.top());
    }

    private static WideReal random(Random r, int minExponent, int maxExponent) {
        BigInteger m = new BigInteger(WideReal.PRECISION, r).setBit(WideReal.PRECISION - 1);
        int e = minExponent + r.nextInt(maxExponent - minExponent + 1) - WideReal.PRECISION + 1;
        return WideReal.of(r.nextBoolean() ? m.negate() : m, e);
    }

    @Test
    void sineAndCosineSatisfyPythagoras() {
        Random r = new Random(1);
        for (int n = 0; n < 300; n++) {
            WideReal x = random(r, -40, -1);
            WideReal s = WideMath.sin(x), c = WideMath.cos(x);
            assertClose(WideReal.ONE, s.multiply(s).add(c.multiply(c)), "sin^2 + cos^2 of " + x);
            assertClose(WideMath.sin(x.scale(1)), s.multiply(c).scale(1), "sin 2x of " + x);
        }
        assertClose(WideReal.ONE.scale(-1).sqrt(), WideMath.sin(WideMath.PI.scale(-2)), "sin pi/4");
    }

    @Test
    void arctangentInvertsTheTangent() {
        Random r = new Random(2);
        for (int n = 0; n < 300; n++) {
            WideReal x = random(r, -60, -1);
            WideReal t = WideMath.sin(x).divide(WideMath.cos(x));
            assertClose(x, WideMath.atan(t), "atan tan " + x);
        }
        assertClose(WideMath.PI.scale(-2), WideMath.atan(WideReal.ONE), "atan 1");
        assertClose(WideMath.PI.scale(-1).subtract(WideMath.atan(WideReal.integer(1000))), WideMath.atan(WideReal.ONE.divide(1000)), "atan 1/1000");
    }

    @Test
    void logarithmInvertsTheExponential() {
        Random r = new Random(3);
        for (int n = 0; n < 300; n++) {
            WideReal z = random(r, -70, -1); // |z| < 1: for large negative z, 1 + expm1(z) cancels and the inversion is ill-conditioned
            if (n % 3 == 0) z = random(r, 0, 5).abs();
            WideReal em1 = WideMath.expm1(z);
            assertClose(z, WideMath.ln1p(em1), "ln1p expm1 " + z);
            WideReal f = random(r, -300, 300).abs();
            assertClose(WideMath.ln(f).scale(1), WideMath.ln(f.multiply(f)), "ln f^2 of " + f);
        }
        assertClose(WideMath.LN2, WideMath.ln(WideReal.integer(2)), "ln 2");
        assertClose(WideReal.ONE, WideMath.expm1(WideMath.LN2), "e^ln2 - 1");
    }
}
