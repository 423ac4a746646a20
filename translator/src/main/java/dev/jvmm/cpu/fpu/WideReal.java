package dev.jvmm.cpu.fpu;

import static dev.jvmm.cpu.fpu.F80.BIAS;

import java.math.BigInteger;

/**
 * A real number {@code m * 2^e} carried to about {@link #PRECISION} significant bits: the working
 * format of the transcendental instructions, wide enough that their results round correctly to 64
 * bits. Every operation truncates its exact result to {@code PRECISION} bits (a relative error
 * below 2^-PRECISION), and the exponent is an int, so tiny and huge magnitudes keep their relative
 * precision (sin of a denormal, the arctangent of a huge quotient).
 *
 * <p>A term too small to change the sum's kept bits is not dropped: it is reduced to one unit
 * below them with its sign, so that 1 - x^2/2 stays below one and rounds down as it should.
 */
record WideReal(BigInteger m, int e) {
    static final int PRECISION = 320;
    static final WideReal ZERO = new WideReal(BigInteger.ZERO, 0), ONE = new WideReal(BigInteger.ONE, 0);

    /** Truncates to {@link #PRECISION} bits. */
    static WideReal of(BigInteger m, int e) {
        int excess = m.bitLength() - PRECISION;
        if (excess <= 0) return new WideReal(m, e);
        BigInteger kept = m.signum() < 0 ? m.negate().shiftRight(excess).negate() : m.shiftRight(excess);
        return new WideReal(kept, e + excess);
    }

    static WideReal integer(long v) {
        return of(BigInteger.valueOf(v), 0);
    }

    /** A finite non-zero supported operand, exactly. */
    static WideReal of(F80 a) {
        BigInteger m = F80Arith.unsigned(F80Arith.normalSignificand(a));
        return new WideReal(a.negative() ? m.negate() : m, F80Arith.normalExponent(a) - BIAS - 63);
    }

    int signum() {
        return m.signum();
    }

    boolean isZero() {
        return m.signum() == 0;
    }

    /** The exponent of the leading bit: 2^top <= |this| < 2^(top+1). Meaningless for zero. */
    int top() {
        return e + m.bitLength() - 1;
    }

    WideReal negate() {
        return new WideReal(m.negate(), e);
    }

    WideReal abs() {
        return m.signum() < 0 ? negate() : this;
    }

    /** this * 2^n. */
    WideReal scale(int n) {
        return new WideReal(m, e + n);
    }

    WideReal add(WideReal o) {
        if (o.isZero()) return this;
        if (isZero()) return o;
        WideReal big = this, small = o;
        if (small.top() > big.top()) {
            big = o;
            small = this;
        }
        int floor = big.top() - PRECISION - 8; // below this, only the small term's sign matters
        if (small.top() < floor) small = new WideReal(BigInteger.valueOf(small.signum()), floor - 1);
        int low = Math.min(big.e, small.e);
        return of(big.m.shiftLeft(big.e - low).add(small.m.shiftLeft(small.e - low)), low);
    }

    WideReal subtract(WideReal o) {
        return add(o.negate());
    }

    WideReal multiply(WideReal o) {
        return of(m.multiply(o.m), e + o.e);
    }

    WideReal divide(WideReal o) {
        int shift = PRECISION + 2 + o.m.bitLength() - m.bitLength();
        return of(m.shiftLeft(Math.max(0, shift)).divide(o.m), e - Math.max(0, shift) - o.e);
    }

    WideReal divide(long n) {
        int shift = Math.max(64, PRECISION + 66 - m.bitLength());
        return of(m.shiftLeft(shift).divide(BigInteger.valueOf(n)), e - shift);
    }

    /** The square root of a positive value. */
    WideReal sqrt() {
        int shift = Math.max(0, 2 * PRECISION + 2 - m.bitLength());
        if (((e - shift) & 1) != 0) shift++;
        return of(m.shiftLeft(shift).sqrt(), (e - shift) / 2);
    }

    int compareMagnitude(WideReal o) {
        if (isZero() || o.isZero()) return Boolean.compare(!isZero(), !o.isZero());
        if (top() != o.top()) return Integer.compare(top(), o.top());
        int low = Math.min(e, o.e);
        return m.abs().shiftLeft(e - low).compareTo(o.m.abs().shiftLeft(o.e - low));
    }

    /**
     * Rounds to a register with the rounding control, as an inexact result (the true value is
     * irrational, so never exactly this one): precision control does not apply (SDM vol. 1 §8.1.5.2).
     */
    F80 toRegister(FpEnv env) {
        return Rounding.bigToRegister(m.signum() < 0, m.abs(), e, true, 64, env);
    }
}
