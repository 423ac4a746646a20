package dev.jvmm.cpu.simd;

/**
 * IEEE 754 binary32 and binary64 as raw bits in a {@code long} (binary32 in the low 32 bits): field
 * access, classification, the x86 QNaN "indefinite" (SDM vol. 1 §4.8.3.7), quieting.
 */
public enum FpFormat {
    SINGLE(24, 8), DOUBLE(53, 11);

    /** Significand bits including the implicit one. */
    public final int precision;
    public final int exponentBits, fractionBits, bias, minExponent, maxExponent;
    final long fractionMask, signBit, quietBit, infinity;

    FpFormat(int precision, int exponentBits) {
        this.precision = precision;
        this.exponentBits = exponentBits;
        this.fractionBits = precision - 1;
        this.bias = (1 << (exponentBits - 1)) - 1;
        this.minExponent = 1 - bias;
        this.maxExponent = bias;
        this.fractionMask = (1L << fractionBits) - 1;
        this.signBit = 1L << (fractionBits + exponentBits);
        this.quietBit = 1L << (fractionBits - 1);
        this.infinity = ((1L << exponentBits) - 1) << fractionBits;
    }

    public boolean negative(long v) {
        return (v & signBit) != 0;
    }

    public int biasedExponent(long v) {
        return (int) ((v >>> fractionBits) & ((1L << exponentBits) - 1));
    }

    public long fraction(long v) {
        return v & fractionMask;
    }

    public boolean isNaN(long v) {
        return biasedExponent(v) == (1 << exponentBits) - 1 && fraction(v) != 0;
    }

    public boolean isSignalingNaN(long v) {
        return isNaN(v) && (v & quietBit) == 0;
    }

    public boolean isInfinite(long v) {
        return (v & ~signBit) == infinity;
    }

    public boolean isZero(long v) {
        return (v & ~signBit) == 0;
    }

    public boolean isDenormal(long v) {
        return biasedExponent(v) == 0 && fraction(v) != 0;
    }

    public long quiet(long v) {
        return v | quietBit;
    }

    /** The QNaN floating-point indefinite: sign set, quiet bit set, rest zero. */
    public long indefinite() {
        return signBit | infinity | quietBit;
    }

    public long zero(boolean negative) {
        return negative ? signBit : 0;
    }

    public long infinity(boolean negative) {
        return infinity | (negative ? signBit : 0);
    }

    /** The largest finite magnitude with the given sign. */
    public long maxFinite(boolean negative) {
        return (infinity - 1) | (negative ? signBit : 0);
    }

    public long abs(long v) {
        return v & ~signBit;
    }

    /** Significand as an integer (implicit bit included for normal numbers). */
    long significand(long v) {
        return biasedExponent(v) == 0 ? fraction(v) : fraction(v) | (1L << fractionBits);
    }

    /** The exponent of the significand's unit bit: value = significand * 2^unitExponent. */
    int unitExponent(long v) {
        int e = biasedExponent(v);
        return (e == 0 ? 1 : e) - bias - fractionBits;
    }

    public long mask() {
        return this == SINGLE ? 0xFFFF_FFFFL : -1L;
    }
}
