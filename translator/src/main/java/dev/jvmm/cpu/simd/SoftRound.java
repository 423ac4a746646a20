package dev.jvmm.cpu.simd;

import static dev.jvmm.cpu.simd.FpContext.*;

import java.math.BigInteger;

/**
 * Exact arithmetic and rounding to binary32/binary64 under MXCSR: the slow path of {@link SseFloat}
 * (denormal operands or results, overflow, directed rounding near the ends of the range), correct
 * by construction. A finite value is {@code mag * 2^exp}; the result of add, multiply, divide and
 * square root is computed exactly, or to more than enough bits plus a sticky bit, then rounded once.
 *
 * <p>Tininess is detected after rounding with an unbounded exponent, as x86 does (SDM vol. 1
 * §11.5.2.5); a masked underflow is reported only if the denormal result is also inexact; FTZ with
 * underflow masked returns a zero of the result's sign and reports underflow and precision. An
 * unmasked overflow or underflow reports precision if the result rounded to full precision with an
 * unbounded exponent is inexact (the x87's "biased result"; the host CPU agrees; the destination is
 * not written then).
 */
final class SoftRound {
    private SoftRound() {}

    private record Rounded(BigInteger mag, boolean inexact) {}

    /** {@code mag >> drop}, rounded by {@code mode} ({@code sticky}: something nonzero lies below {@code mag}). */
    private static Rounded roundAt(BigInteger mag, int drop, boolean sticky, int mode, boolean negative) {
        BigInteger kept;
        boolean half, rest;
        if (drop > mag.bitLength() + 1) {
            kept = BigInteger.ZERO;
            half = false;
            rest = mag.signum() != 0 || sticky;
        } else {
            kept = mag.shiftRight(drop);
            half = mag.testBit(drop - 1);
            int low = mag.getLowestSetBit();
            rest = sticky || (low >= 0 && low < drop - 1);
        }
        boolean inexact = half || rest;
        boolean up = switch (mode) {
            case ROUND_NEAREST -> half && (rest || kept.testBit(0));
            case ROUND_UP -> inexact && !negative;
            case ROUND_DOWN -> inexact && negative;
            default -> false;
        };
        return new Rounded(up ? kept.add(BigInteger.ONE) : kept, inexact);
    }

    /** Rounds {@code (-1)^negative * mag * 2^exp} (+ {@code sticky}) to {@code f}; {@code mag} must be positive. */
    static long round(FpFormat f, boolean negative, BigInteger mag, int exp, boolean sticky, FpContext c) {
        int p = f.precision;
        int n = mag.bitLength();
        if (n < p + 2) { // at least two bits below the last kept one
            mag = mag.shiftLeft(p + 2 - n);
            exp -= p + 2 - n;
            n = p + 2;
        }
        int mode = c.roundingMode();
        int drop = n - p;
        Rounded r = roundAt(mag, drop, sticky, mode, negative);
        int lead = exp + drop + r.mag.bitLength() - 1; // exponent of the leading bit after rounding
        if (lead < f.minExponent) { // tiny
            if (c.flushToZero() && c.masked(UE)) {
                c.post |= UE | PE;
                return f.zero(negative);
            }
            int scale = f.minExponent - (p - 1); // the exponent of a denormal's last bit
            Rounded d = roundAt(mag, scale - exp, sticky, mode, negative);
            if (!c.masked(UE)) c.post |= UE | (r.inexact ? PE : 0); // unmasked: inexact as rounded to full precision
            else if (d.inexact) c.post |= UE | PE;
            return d.mag.longValue() | f.zero(negative); // a carry into 2^(p-1) gives the least normal encoding
        }
        if (lead > f.maxExponent) {
            c.post |= c.masked(OE) ? OE | PE : OE | (r.inexact ? PE : 0);
            boolean toInfinity = switch (mode) {
                case ROUND_NEAREST -> true;
                case ROUND_UP -> !negative;
                case ROUND_DOWN -> negative;
                default -> false;
            };
            return toInfinity ? f.infinity(negative) : f.maxFinite(negative);
        }
        if (r.inexact) c.post |= PE;
        long m = r.mag.longValue();
        if (Long.numberOfLeadingZeros(m) < 64 - p) m >>>= 1; // the carry made it 2^p: exactly representable
        return ((long) (lead + f.bias) << f.fractionBits) | (m & f.fractionMask) | f.zero(negative);
    }

    private static BigInteger sig(FpFormat f, long v) {
        return BigInteger.valueOf(f.significand(v));
    }

    /** a + b for finite a, b (zeros included). */
    static long add(FpFormat f, long a, long b, FpContext c) {
        int ea = f.unitExponent(a), eb = f.unitExponent(b);
        int e = Math.min(ea, eb);
        BigInteger x = sig(f, a).shiftLeft(ea - e), y = sig(f, b).shiftLeft(eb - e);
        if (f.negative(a)) x = x.negate();
        if (f.negative(b)) y = y.negate();
        BigInteger s = x.add(y);
        if (s.signum() == 0) {
            boolean na = f.negative(a), nb = f.negative(b);
            return f.zero(na == nb ? na : c.roundingMode() == ROUND_DOWN);
        }
        return round(f, s.signum() < 0, s.abs(), e, false, c);
    }

    /** a * b for finite a, b. */
    static long multiply(FpFormat f, long a, long b, FpContext c) {
        boolean neg = f.negative(a) ^ f.negative(b);
        if (f.isZero(a) || f.isZero(b)) return f.zero(neg);
        return round(f, neg, sig(f, a).multiply(sig(f, b)), f.unitExponent(a) + f.unitExponent(b), false, c);
    }

    /** a / b for finite a and finite nonzero b. */
    static long divide(FpFormat f, long a, long b, FpContext c) {
        boolean neg = f.negative(a) ^ f.negative(b);
        if (f.isZero(a)) return f.zero(neg);
        BigInteger x = sig(f, a), y = sig(f, b);
        int k = Math.max(0, 2 * f.precision + 4 + y.bitLength() - x.bitLength());
        BigInteger[] qr = x.shiftLeft(k).divideAndRemainder(y);
        return round(f, neg, qr[0], f.unitExponent(a) - f.unitExponent(b) - k, qr[1].signum() != 0, c);
    }

    /** The square root of a finite positive a. */
    static long sqrt(FpFormat f, long a, FpContext c) {
        BigInteger x = sig(f, a);
        int e = f.unitExponent(a);
        if ((e & 1) != 0) {
            x = x.shiftLeft(1);
            e--;
        }
        int k = f.precision + 4;
        BigInteger scaled = x.shiftLeft(2 * k);
        BigInteger s = scaled.sqrt();
        return round(f, false, s, (e - 2 * k) / 2, !s.multiply(s).equals(scaled), c);
    }

    /** A signed integer converted to {@code f}. */
    static long fromInteger(FpFormat f, long v, FpContext c) {
        if (v == 0) return 0;
        BigInteger m = BigInteger.valueOf(v);
        return round(f, v < 0, m.abs(), 0, false, c);
    }

    /** A finite value of {@code from} rounded to {@code to} (CVTSD2SS; exact the other way). */
    static long convert(FpFormat from, FpFormat to, long v, FpContext c) {
        if (from.isZero(v)) return to.zero(from.negative(v));
        return round(to, from.negative(v), sig(from, v), from.unitExponent(v), false, c);
    }
}
