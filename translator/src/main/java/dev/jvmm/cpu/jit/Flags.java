package dev.jvmm.cpu.jit;

import static dev.jvmm.cpu.interp.Cpu.*;

import dev.jvmm.cpu.interp.Cpu;

/**
 * Flag computations called from translated code when (and only when) translate-time liveness says
 * a later instruction may read the flags. Each method gets the already computed, truncated result
 * and updates {@link Cpu#flags} exactly as the interpreter would (SDM vol. 1 appendix A), so a
 * side exit can hand the CPU back to the interpreter with eager flags.
 */
public final class Flags {
    private static final byte[] PARITY = new byte[256];

    static {
        for (int i = 0; i < 256; i++) PARITY[i] = (byte) ((Integer.bitCount(i) & 1) == 0 ? PF : 0);
    }

    private Flags() {}

    static long sign(int size) {
        return 1L << (size * 8 - 1);
    }

    private static long szp(int size, long r) {
        return (r == 0 ? ZF : 0) | ((r & sign(size)) != 0 ? SF : 0) | PARITY[(int) r & 0xFF];
    }

    /** ADD/ADC: {@code r = a + b + carryIn}, all truncated to {@code size}. */
    public static void add(Cpu c, int size, long a, long b, long r, long carryIn) {
        boolean cf = size == 8 ? (Long.compareUnsigned(r, a) < 0 || (carryIn != 0 && r == a))
                : ((a + b + carryIn) >>> (size * 8)) != 0;
        long f = szp(size, r) | (cf ? CF : 0) | ((a ^ b ^ r) & AF) | ((((a ^ r) & (b ^ r)) & sign(size)) != 0 ? OF : 0);
        c.flags = (c.flags & ~ARITH) | f;
    }

    /** SUB/SBB/CMP/NEG: {@code r = a - b - borrowIn}. */
    public static void sub(Cpu c, int size, long a, long b, long r, long borrowIn) {
        boolean cf = Long.compareUnsigned(a, b) < 0 || (borrowIn != 0 && a == b);
        long f = szp(size, r) | (cf ? CF : 0) | ((a ^ b ^ r) & AF) | ((((a ^ b) & (a ^ r)) & sign(size)) != 0 ? OF : 0);
        c.flags = (c.flags & ~ARITH) | f;
    }

    /** AND/OR/XOR/TEST: CF, OF and AF cleared. */
    public static void logic(Cpu c, int size, long r) {
        c.flags = (c.flags & ~ARITH) | szp(size, r);
    }

    /** The Jcc/SETcc/CMOVcc condition {@code cc} (0-15) of RFLAGS {@code f}. */
    public static boolean cond(long f, int cc) {
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

    /** The RFLAGS bits condition {@code cc} reads. */
    static int reads(int cc) {
        return (int) switch (cc >> 1) {
            case 0 -> OF;
            case 1 -> CF;
            case 2 -> ZF;
            case 3 -> CF | ZF;
            case 4 -> SF;
            case 5 -> PF;
            case 6 -> SF | OF;
            default -> ZF | SF | OF;
        };
    }

    // ---- lazy flags: the last flag-producing operation, recorded by translated code ----

    /** Lazy operation kinds; a lazy op is {@code kind << 4 | size}, 0 meaning "RFLAGS is up to date". */
    static final int ADD = 1, SUB = 2, LOGIC = 3, INC = 4, DEC = 5, SHL = 6, SHR = 7, SAR = 8, IMUL = 9;

    /**
     * Computes RFLAGS from a recorded operation: called when a flag reader, a side exit or a fault
     * needs them. {@code a}, {@code b} and {@code r} are the operands and result as recorded by
     * {@link InsnEmitter} (for shifts {@code b} is the masked, non-zero count; for INC/DEC the carry
     * flag before the instruction; for IMUL the sign-extended operands and the full product).
     */
    public static void materialize(Cpu c, int op, long a, long b, long r) {
        int size = op & 15;
        switch (op >> 4) {
            case ADD -> add(c, size, a, b, r, 0);
            case SUB -> sub(c, size, a, b, r, 0);
            case LOGIC -> logic(c, size, r);
            case INC -> { // b: CF before the instruction (INC/DEC keep it)
                add(c, size, a, 1, r, 0);
                c.flags = (c.flags & ~CF) | (b & CF);
            }
            case DEC -> {
                sub(c, size, a, 1, r, 0);
                c.flags = (c.flags & ~CF) | (b & CF);
            }
            case SHL, SHR, SAR -> shift(c, op >> 4, size, a, (int) b, r);
            case IMUL -> {
                boolean ovf = size == 8 ? Math.multiplyHigh(a, b) != (r >> 63) : signExtend(size, r & mask(size)) != r;
                c.flags = (c.flags & ~ARITH) | szp(size, r & mask(size)) | (ovf ? CF | OF : 0);
            }
            default -> throw new IllegalStateException("lazy flag op " + op);
        }
    }

    /**
     * CF as it would be after materializing the lazy operation {@code op} over RFLAGS {@code f},
     * without writing anything: INC/DEC after a join need only the carry, and building all of
     * RFLAGS (and storing it) on every pass round a loop would cost much more. It calls nothing,
     * so HotSpot inlines it without a call in the loop (a call makes C2 keep every guest register
     * of the loop in memory).
     */
    public static long carry(long f, int op, long a, long b, long r) {
        int kind = op >> 4, bits = (op & 15) * 8;
        if (kind == 0) return f & CF;
        if (kind == SUB) return Long.compareUnsigned(a, b) < 0 ? 1 : 0;
        if (kind == INC || kind == DEC) return b & CF;
        if (kind == LOGIC) return 0;
        if (kind == ADD) return bits == 64 ? (Long.compareUnsigned(r, a) < 0 ? 1 : 0) : ((a + b) >>> bits) & 1;
        if (kind == IMUL) {
            long low = bits == 64 ? r : (r << (64 - bits)) >> (64 - bits);
            return (bits == 64 ? Math.multiplyHigh(a, b) != (r >> 63) : low != r) ? 1 : 0;
        }
        int count = (int) b; // shifts: the masked count, never 0 here
        if (kind == SHL) return count <= bits ? (a >>> (bits - count)) & 1 : 0;
        if (kind == SHR) return count <= bits ? (a >>> (count - 1)) & 1 : 0;
        long signed = (a << (64 - bits)) >> (64 - bits); // SAR
        return (signed >> (Math.min(count, 63) - 1)) & 1;
    }

    private static void shift(Cpu c, int kind, int size, long a, int count, long r) {
        int bits = size * 8;
        long sb = sign(size);
        boolean cf;
        long of;
        if (kind == SHL) {
            cf = count <= bits && ((a << (count - 1)) & sb) != 0;
            of = ((r & sb) != 0) ^ cf ? OF : 0;
        } else if (kind == SHR) {
            cf = count <= bits && ((a >>> (count - 1)) & 1) != 0;
            of = ((r & sb) != 0) ^ ((r & (sb >>> 1)) != 0) || (count == 1 && (a & sb) != 0) ? OF : 0;
        } else {
            cf = ((signExtend(size, a) >> (Math.min(count, 63) - 1)) & 1) != 0;
            of = 0;
        }
        c.flags = (c.flags & ~ARITH) | szp(size, r) | (cf ? CF : 0) | of;
    }

    static long signExtend(int size, long v) {
        int sh = 64 - size * 8;
        return (v << sh) >> sh;
    }

    static long mask(int size) {
        return size == 8 ? -1L : (1L << (size * 8)) - 1;
    }
}
