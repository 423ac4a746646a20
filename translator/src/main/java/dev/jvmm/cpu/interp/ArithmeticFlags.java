package dev.jvmm.cpu.interp;

import static dev.jvmm.cpu.interp.Cpu.*;

/**
 * The status flags of the integer instructions (SDM vol. 1 appendix A), defined once: the
 * interpreter's {@link Alu} and {@link Muldiv} and the translator's flag helpers
 * ({@code jit.Flags}, eager and lazy) all call these. Pure functions: operands and the truncated
 * result in, the {@link Cpu#ARITH} bits (CF PF AF ZF SF OF) out; the caller merges them into
 * RFLAGS. Flags the SDM leaves undefined get the values current Intel CPUs produce where that is
 * well known (AF cleared by logic ops and shifts), otherwise one consistent choice.
 */
public final class ArithmeticFlags {
    private static final byte[] PARITY = new byte[256];

    static {
        for (int i = 0; i < 256; i++) PARITY[i] = (byte) ((Integer.bitCount(i) & 1) == 0 ? PF : 0);
    }

    private ArithmeticFlags() {}

    /** The sign bit of a {@code size}-byte operand. */
    public static long sign(int size) {
        return 1L << (size * 8 - 1);
    }

    /** All ones in the low {@code size} bytes. */
    public static long mask(int size) {
        return size == 8 ? -1L : (1L << (size * 8)) - 1;
    }

    public static long signExtend(int size, long v) {
        int sh = 64 - size * 8;
        return (v << sh) >> sh;
    }

    /** SF, ZF and PF of a truncated result. */
    public static long szp(int size, long r) {
        return (r == 0 ? ZF : 0) | ((r & sign(size)) != 0 ? SF : 0) | PARITY[(int) r & 0xFF];
    }

    /** ADD/ADC/INC: {@code r = a + b + carryIn}, all truncated to {@code size}. */
    public static long add(int size, long a, long b, long r, long carryIn) {
        boolean cf = size == 8 ? (Long.compareUnsigned(r, a) < 0 || (carryIn != 0 && r == a))
                : ((a + b + carryIn) >>> (size * 8)) != 0;
        return szp(size, r) | (cf ? CF : 0) | ((a ^ b ^ r) & AF) | ((((a ^ r) & (b ^ r)) & sign(size)) != 0 ? OF : 0);
    }

    /** SUB/SBB/CMP/NEG/DEC: {@code r = a - b - borrowIn}. */
    public static long sub(int size, long a, long b, long r, long borrowIn) {
        boolean cf = Long.compareUnsigned(a, b) < 0 || (borrowIn != 0 && a == b);
        return szp(size, r) | (cf ? CF : 0) | ((a ^ b ^ r) & AF) | ((((a ^ b) & (a ^ r)) & sign(size)) != 0 ? OF : 0);
    }

    /** AND/OR/XOR/TEST: CF, OF and AF cleared. */
    public static long logic(int size, long r) {
        return szp(size, r);
    }

    /** SHL/SAL of {@code a} by a masked, non-zero {@code count} giving {@code r}. */
    public static long shl(int size, long a, int count, long r) {
        long sb = sign(size);
        boolean cf = count <= size * 8 && ((a << (count - 1)) & sb) != 0;
        return szp(size, r) | (cf ? CF : 0) | (((r & sb) != 0) ^ cf ? OF : 0);
    }

    /**
     * SHR by a masked, non-zero count. OF is MSB(a) for a count of 1 (SDM); for larger counts
     * (undefined) it is what hardware yields: the top two result bits differ.
     */
    public static long shr(int size, long a, int count, long r) {
        long sb = sign(size);
        boolean cf = count <= size * 8 && ((a >>> (count - 1)) & 1) != 0;
        boolean of = ((r & sb) != 0) ^ ((r & (sb >>> 1)) != 0) || (count == 1 && (a & sb) != 0);
        return szp(size, r) | (cf ? CF : 0) | (of ? OF : 0);
    }

    /** SAR by a masked, non-zero count; OF cleared. */
    public static long sar(int size, long a, int count, long r) {
        boolean cf = ((signExtend(size, a) >> (Math.min(count, 63) - 1)) & 1) != 0;
        return szp(size, r) | (cf ? CF : 0);
    }

    /**
     * True if the signed product of {@code sa} and {@code sb} (sign-extended operands) does not fit
     * in {@code size} bytes; {@code product} is their 64-bit product.
     */
    public static boolean imulOverflow(int size, long sa, long sb, long product) {
        return size == 8 ? Math.multiplyHigh(sa, sb) != (product >> 63) : signExtend(size, product & mask(size)) != product;
    }

    /**
     * MUL/IMUL: CF = OF = {@code overflow}; SF, ZF, PF follow the low half of the result and AF is
     * cleared (what recent Intel cores do; the SDM leaves them undefined).
     */
    public static long multiply(int size, long low, boolean overflow) {
        return szp(size, low & mask(size)) | (overflow ? CF | OF : 0);
    }

    /** The Jcc/SETcc/CMOVcc condition {@code cc} (0-15) of RFLAGS {@code f}. */
    public static boolean condition(long f, int cc) {
        boolean r = switch (cc >> 1) {
            case 0 -> (f & OF) != 0;
            case 1 -> (f & CF) != 0;
            case 2 -> (f & ZF) != 0;
            case 3 -> (f & (CF | ZF)) != 0;
            case 4 -> (f & SF) != 0;
            case 5 -> (f & PF) != 0;
            case 6 -> ((f & SF) != 0) != ((f & OF) != 0);
            default -> (f & ZF) != 0 || (((f & SF) != 0) != ((f & OF) != 0));
        };
        return r ^ ((cc & 1) != 0);
    }
}
