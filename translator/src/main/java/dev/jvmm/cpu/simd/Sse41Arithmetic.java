package dev.jvmm.cpu.simd;

import static dev.jvmm.cpu.simd.FpContext.*;

/**
 * SSE4.1 floating point on one lane or one register (Intel SDM vol. 2, instruction pages
 * ROUNDPS/PD/SS/SD, DPPS, DPPD).
 *
 * <p>ROUND*: the rounding mode is {@code imm[1:0]}, or MXCSR.RC when {@code imm[2]} is set; an SNaN
 * raises invalid and gives its quieted NaN, a QNaN passes unchanged; an inexact result raises
 * precision unless {@code imm[3]} suppresses it. The result of rounding a binary32 or binary64 to an
 * integral value is exact in the same format, so the host's {@code Math.rint/floor/ceil} (which keep
 * the sign of a zero result, as IEEE 754 roundToIntegral does) compute it.
 *
 * <p>DPPS/DPPD: the products of the lanes selected by {@code imm[7:4]} (others +0.0), summed in
 * pairs, the sum broadcast to the lanes selected by {@code imm[3:0]} (others +0.0); every multiply
 * and add rounds and raises flags as MULPS/ADDPS would. The products, the pair sums and the final sum
 * are three steps, each under the SDM's two-step exception rule (§11.5.3) on its own: the host CPU
 * keeps the flags of a finished step (an underflowing product's UE and PE) when the next step stops
 * on an unmasked exception (the denormal flag for that product as an addend). An unmasked exception
 * leaves {@code out} unwritten.
 */
public final class Sse41Arithmetic {
    private Sse41Arithmetic() {}

    /** ROUNDSS/ROUNDPS (SINGLE) or ROUNDSD/ROUNDPD (DOUBLE) of one lane. */
    public static long round(FpFormat f, long v, int imm, FpContext c) {
        if (f.isNaN(v)) {
            if (f.isSignalingNaN(v)) c.pre |= IE;
            return f.quiet(v);
        }
        if (f.isDenormal(v) && c.denormalsAreZero()) v = f.zero(f.negative(v)); // no denormal flag: not in the SDM's list
        int mode = (imm & 4) != 0 ? c.roundingMode() : imm & 3;
        double x = f == FpFormat.SINGLE ? Float.intBitsToFloat((int) v) : Double.longBitsToDouble(v);
        double r = switch (mode) {
            case ROUND_NEAREST -> Math.rint(x);
            case ROUND_DOWN -> Math.floor(x);
            case ROUND_UP -> Math.ceil(x);
            default -> x < 0 ? Math.ceil(x) : Math.floor(x);
        };
        if (r != x && (imm & 8) == 0) c.post |= PE;
        return f == FpFormat.SINGLE ? Float.floatToRawIntBits((float) r) & 0xFFFF_FFFFL : Double.doubleToRawLongBits(r);
    }

    /** Lane {@code k} of the binary32 lanes {@code (lo, hi)}. */
    private static long single(long lo, long hi, int k) {
        return ((k < 2 ? lo : hi) >>> (32 * (k & 1))) & 0xFFFF_FFFFL;
    }

    /** DPPS of the destination {@code (dLo, dHi)} and the source {@code (sLo, sHi)} into {@code out}. */
    public static void dotProductSingle(long dLo, long dHi, long sLo, long sHi, int imm, FpContext c, long[] out) {
        long[] p = new long[4];
        for (int k = 0; k < 4; k++) {
            p[k] = (imm >>> (4 + k) & 1) != 0
                    ? SseFloat.binary(SseFloat.MUL, FpFormat.SINGLE, single(dLo, dHi, k), single(sLo, sHi, k), c) : 0;
        }
        if (!c.step()) return;
        long low = SseFloat.binary(SseFloat.ADD, FpFormat.SINGLE, p[0], p[1], c);
        long high = SseFloat.binary(SseFloat.ADD, FpFormat.SINGLE, p[2], p[3], c);
        if (!c.step()) return;
        long sum = SseFloat.binary(SseFloat.ADD, FpFormat.SINGLE, low, high, c);
        long[] r = new long[2];
        for (int k = 0; k < 4; k++) if ((imm >>> k & 1) != 0) r[k >> 1] |= sum << (32 * (k & 1));
        out[0] = r[0];
        out[1] = r[1];
    }

    /** DPPD of the destination {@code (dLo, dHi)} and the source {@code (sLo, sHi)} into {@code out}. */
    public static void dotProductDouble(long dLo, long dHi, long sLo, long sHi, int imm, FpContext c, long[] out) {
        long p0 = (imm & 0x10) != 0 ? SseFloat.binary(SseFloat.MUL, FpFormat.DOUBLE, dLo, sLo, c) : 0;
        long p1 = (imm & 0x20) != 0 ? SseFloat.binary(SseFloat.MUL, FpFormat.DOUBLE, dHi, sHi, c) : 0;
        if (!c.step()) return;
        long sum = SseFloat.binary(SseFloat.ADD, FpFormat.DOUBLE, p0, p1, c);
        out[0] = (imm & 1) != 0 ? sum : 0;
        out[1] = (imm & 2) != 0 ? sum : 0;
    }
}
