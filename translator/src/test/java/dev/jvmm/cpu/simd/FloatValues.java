package dev.jvmm.cpu.simd;

import dev.jvmm.cpu.oracle.MachineState;
import java.util.SplittableRandom;

/**
 * Random binary32/binary64 operands that reach every IEEE case: zeros, infinities, quiet and
 * signalling NaNs with payloads, denormals, the ends of the normal range (where results overflow or
 * underflow), values near one (where rounding is decided by a few bits) and small integers; plus
 * random MXCSR settings (rounding mode, FTZ, DAZ, masks, sticky flags).
 */
final class FloatValues {
    private FloatValues() {}

    static long single(SplittableRandom rnd) {
        long sign = rnd.nextBoolean() ? 0x8000_0000L : 0;
        long frac = rnd.nextLong() & 0x7F_FFFF;
        if (rnd.nextInt(4) == 0) frac &= ~0xFFFL << rnd.nextInt(12); // few significant bits: exact results happen
        long exp = switch (rnd.nextInt(12)) {
            case 0 -> 0; // zero or denormal
            case 1 -> 0xFF; // infinity or NaN
            case 2 -> rnd.nextInt(1, 30); // near underflow
            case 3 -> rnd.nextInt(225, 255); // near overflow
            case 4 -> {
                frac = rnd.nextBoolean() ? 0 : frac;
                yield rnd.nextBoolean() ? 0 : 0xFF;
            }
            case 5 -> { // small integers
                float f = rnd.nextInt(-1000, 1000);
                yield -(long) Float.floatToRawIntBits(f) - 1;
            }
            default -> rnd.nextInt(110, 145); // around one
        };
        if (exp < 0) return -(exp + 1) & 0xFFFF_FFFFL;
        return sign | exp << 23 | frac;
    }

    static long dbl(SplittableRandom rnd) {
        long sign = rnd.nextBoolean() ? Long.MIN_VALUE : 0;
        long frac = rnd.nextLong() & 0xF_FFFF_FFFF_FFFFL;
        if (rnd.nextInt(4) == 0) frac &= ~0xFFFF_FFFFL << rnd.nextInt(20);
        long exp = switch (rnd.nextInt(12)) {
            case 0 -> 0;
            case 1 -> 0x7FF;
            case 2 -> rnd.nextInt(1, 60);
            case 3 -> rnd.nextInt(1990, 2047);
            case 4 -> {
                frac = rnd.nextBoolean() ? 0 : frac;
                yield rnd.nextBoolean() ? 0 : 0x7FF;
            }
            case 5 -> -1;
            case 6 -> rnd.nextInt(850, 1100); // floats widened, and values where a single result is normal
            default -> rnd.nextInt(1000, 1050);
        };
        if (exp == -1) return Double.doubleToRawLongBits(rnd.nextInt(-100000, 100000));
        return sign | exp << 52 | frac;
    }

    /** 64 bits as two binary32 lanes, one binary64, or integer bits (for conversions). */
    static long half(SplittableRandom rnd) {
        return switch (rnd.nextInt(5)) {
            case 0, 1 -> single(rnd) | single(rnd) << 32;
            case 2, 3 -> dbl(rnd);
            default -> SimdOracleCases.value(rnd);
        };
    }

    static int mxcsr(SplittableRandom rnd) {
        int m = rnd.nextInt(4) << 13; // rounding
        if (rnd.nextInt(3) == 0) m |= 1 << 15; // FTZ
        if (rnd.nextInt(3) == 0) m |= 1 << 6; // DAZ
        m |= rnd.nextInt(3) == 0 ? (rnd.nextInt(64) << 7) : 0x1F80; // masks
        if (rnd.nextInt(4) == 0) m |= rnd.nextInt(64); // flags already set
        return m;
    }

    /** {@link #state}'s registers with {@code dataLength} bytes of random data (room for an FXSAVE or XSAVE image). */
    static MachineState stateWithData(SplittableRandom rnd, int dataLength) {
        MachineState s = state(rnd);
        MachineState big = SimdOracleCases.randomState(rnd, dataLength);
        System.arraycopy(s.fx, 0, big.fx, 0, s.fx.length);
        System.arraycopy(s.gpr, 0, big.gpr, 0, 16);
        return big;
    }

    static MachineState state(SplittableRandom rnd) {
        MachineState s = SimdOracleCases.randomState(rnd, 256);
        for (int r = 0; r < 16; r++) s.setXmm(r, half(rnd), half(rnd));
        s.setMxcsr(mxcsr(rnd));
        for (int k = 0; k + 8 <= 256; k += 8) {
            long v = half(rnd);
            for (int b = 0; b < 8; b++) s.data[k + b] = (byte) (v >>> (8 * b));
        }
        return s;
    }
}
