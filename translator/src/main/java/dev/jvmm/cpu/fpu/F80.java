package dev.jvmm.cpu.fpu;

/**
 * An 80-bit double-extended value as the x87 keeps it (SDM vol. 1 §4.2.2, figure 4-3): bit 15 of
 * {@code se} is the sign, bits 0-14 the biased exponent (bias 16383), and {@code sig} the 64-bit
 * significand with its explicit integer bit J (bit 63).
 *
 * <p>Besides normals (exponent 1-0x7FFE, J set), zeros, denormals (exponent 0, J clear), infinities
 * and NaNs (exponent 0x7FFF, J set), the format has encodings the 80387 and later reject as
 * <em>unsupported</em> (an invalid-operation exception): unnormals, pseudo-NaNs and pseudo-infinities
 * (exponent non-zero, J clear). Pseudo-denormals (exponent 0, J set) are accepted as operands and
 * read as exponent 1 (SDM vol. 1 §8.2.2, table 8-3).
 */
public record F80(int se, long sig) {
    public static final int BIAS = 16383, MAX_EXP = 0x7FFF, SIGN = 0x8000;
    public static final long J = 0x8000_0000_0000_0000L, QUIET = 0x4000_0000_0000_0000L;

    public static final F80 POS_ZERO = new F80(0, 0), NEG_ZERO = new F80(SIGN, 0);
    public static final F80 POS_INF = new F80(MAX_EXP, J), NEG_INF = new F80(SIGN | MAX_EXP, J);
    public static final F80 ONE = new F80(BIAS, J);
    /** The default NaN ("real indefinite") an invalid operation gives when it is masked. */
    public static final F80 INDEFINITE = new F80(SIGN | MAX_EXP, J | QUIET);

    public F80 {
        se &= 0xFFFF;
    }

    public boolean negative() {
        return (se & SIGN) != 0;
    }

    public int exponent() {
        return se & MAX_EXP;
    }

    public boolean isZero() {
        return exponent() == 0 && sig == 0;
    }

    /** Exponent 0 with a non-zero significand: a denormal or (J set) a pseudo-denormal. */
    public boolean isDenormal() {
        return exponent() == 0 && sig != 0;
    }

    public boolean isInfinity() {
        return exponent() == MAX_EXP && sig == J;
    }

    public boolean isNaN() {
        return exponent() == MAX_EXP && sig < 0 && sig != J;
    }

    public boolean isSignalingNaN() {
        return isNaN() && (sig & QUIET) == 0;
    }

    /** An unnormal, pseudo-NaN or pseudo-infinity: any operation on it is an invalid operation. */
    public boolean isUnsupported() {
        return exponent() != 0 && sig >= 0;
    }

    public F80 negate() {
        return new F80(se ^ SIGN, sig);
    }

    public F80 abs() {
        return new F80(se & MAX_EXP, sig);
    }

    public F80 withSign(boolean negative) {
        return new F80(negative ? se | SIGN : se & MAX_EXP, sig);
    }

    public F80 quieted() {
        return new F80(se, sig | QUIET);
    }

    public static F80 zero(boolean negative) {
        return negative ? NEG_ZERO : POS_ZERO;
    }

    public static F80 infinity(boolean negative) {
        return negative ? NEG_INF : POS_INF;
    }

    /**
     * The x87 tag of this value in a non-empty register (SDM vol. 1 §8.1.7): 0 valid, 1 zero,
     * 2 special (NaN, infinity, denormal, unsupported).
     */
    public int tag() {
        int e = exponent();
        if (e == MAX_EXP) return 2;
        if (e == 0) return sig == 0 ? 1 : 2;
        return sig < 0 ? 0 : 2;
    }

    @Override
    public String toString() {
        return String.format("%04x:%016x", se, sig);
    }
}
