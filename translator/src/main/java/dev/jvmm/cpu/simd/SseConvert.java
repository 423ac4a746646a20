package dev.jvmm.cpu.simd;

import static dev.jvmm.cpu.simd.FpContext.*;

/**
 * SSE conversions (SDM vol. 2 CVT*): between binary32 and binary64, from signed integers, and to
 * signed 32/64-bit integers rounded by MXCSR or truncated. A NaN, an infinity or a value out of
 * range converts to the integer indefinite (the most negative integer) with invalid raised.
 */
public final class SseConvert {
    private SseConvert() {}

    /** A float of {@code from} converted to format {@code to} (CVTSS2SD/CVTPS2PD exactly, CVTSD2SS/CVTPD2PS rounded). */
    public static long convert(FpFormat from, FpFormat to, long v, FpContext c) {
        if (from.isNaN(v)) {
            if (from.isSignalingNaN(v)) c.pre |= IE;
            long payload = from.fraction(v) | from.quietBit;
            int shift = to.fractionBits - from.fractionBits;
            payload = shift >= 0 ? payload << shift : payload >>> -shift;
            return to.infinity(from.negative(v)) | payload;
        }
        v = SseFloat.operand(from, v, c);
        if (from.isInfinite(v)) return to.infinity(from.negative(v));
        if (from.isZero(v)) return to.zero(from.negative(v));
        if (from == FpFormat.SINGLE) return Double.doubleToRawLongBits(Float.intBitsToFloat((int) v));
        if (to == FpFormat.DOUBLE) return v;
        double d = Double.longBitsToDouble(v);
        float r = (float) d;
        long bits = Float.floatToRawIntBits(r) & 0xFFFF_FFFFL;
        int e = (int) ((bits >>> 23) & 0xFF);
        if (e >= 2 && e <= 253) return SseFloat.directed(c.roundingMode(), (int) Math.signum(d - r), bits, false, c);
        return SoftRound.convert(from, to, v, c);
    }

    /** A signed integer converted to {@code to} (CVTSI2SS/SD, CVTDQ2PS/PD, CVTPI2PS/PD). */
    public static long fromInteger(FpFormat to, long v, FpContext c) {
        if (Math.abs(v) < (1L << to.precision)) {
            return to == FpFormat.DOUBLE ? Double.doubleToRawLongBits(v) : Float.floatToRawIntBits(v) & 0xFFFF_FFFFL;
        }
        return SoftRound.fromInteger(to, v, c);
    }

    /**
     * A float converted to a signed integer of {@code bits} (32 or 64): rounded by MXCSR, or toward
     * zero when {@code truncate} (CVTT*); the indefinite value with invalid when it does not fit.
     */
    public static long toInteger(FpFormat f, long v, int bits, boolean truncate, FpContext c) {
        long indefinite = 1L << (bits - 1);
        if (f.isNaN(v) || f.isInfinite(v)) {
            c.pre |= IE;
            return indefinite;
        }
        if (f.isDenormal(v) && c.denormalsAreZero()) return 0;
        int mode = truncate ? ROUND_ZERO : c.roundingMode();
        double d = f == FpFormat.DOUBLE ? Double.longBitsToDouble(v) : Float.intBitsToFloat((int) v);
        if (Math.abs(d) >= 0x1p64) { // far out of range (and keeps the integer rounding below within a long)
            c.pre |= IE;
            return indefinite;
        }
        double r = switch (mode) { // exact: d is an integer from 2^52 on, and each of these is exact below that
            case ROUND_NEAREST -> Math.rint(d);
            case ROUND_DOWN -> Math.floor(d);
            case ROUND_UP -> Math.ceil(d);
            default -> d < 0 ? Math.ceil(d) : Math.floor(d);
        };
        boolean fits = bits == 64 ? r >= -0x1p63 && r < 0x1p63 : r >= -0x1p31 && r < 0x1p31;
        if (!fits) {
            c.pre |= IE;
            return indefinite;
        }
        if (r != d) c.post |= PE;
        return (long) r & (bits == 64 ? -1L : 0xFFFF_FFFFL);
    }
}
