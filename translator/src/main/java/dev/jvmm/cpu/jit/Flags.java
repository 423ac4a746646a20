package dev.jvmm.cpu.jit;

import static dev.jvmm.cpu.interp.Cpu.*;

import dev.jvmm.cpu.interp.ArithmeticFlags;
import dev.jvmm.cpu.interp.Cpu;
import dev.jvmm.cpu.interp.Multiplication;

/**
 * Flag computations called from translated code when (and only when) translate-time liveness says
 * a later instruction may read the flags, and the lazy-flag record's materialization. The flags
 * themselves are {@link ArithmeticFlags}, the definitions the interpreter uses, so a side exit
 * hands the CPU back to the interpreter with exactly the flags it would have computed.
 */
public final class Flags {
    private Flags() {}

    static long sign(int size) {
        return ArithmeticFlags.sign(size);
    }

    private static void setArith(Cpu c, long f) {
        c.flags = (c.flags & ~ARITH) | f;
    }

    /** ADD/ADC: {@code r = a + b + carryIn}, all truncated to {@code size}. */
    public static void add(Cpu c, int size, long a, long b, long r, long carryIn) {
        setArith(c, ArithmeticFlags.add(size, a, b, r, carryIn));
    }

    /** SUB/SBB/CMP/NEG: {@code r = a - b - borrowIn}. */
    public static void sub(Cpu c, int size, long a, long b, long r, long borrowIn) {
        setArith(c, ArithmeticFlags.sub(size, a, b, r, borrowIn));
    }

    /** AND/OR/XOR/TEST: CF, OF and AF cleared. */
    public static void logic(Cpu c, int size, long r) {
        setArith(c, ArithmeticFlags.logic(size, r));
    }

    /** The Jcc/SETcc/CMOVcc condition {@code cc} (0-15) of RFLAGS {@code f}. */
    public static boolean cond(long f, int cc) {
        return ArithmeticFlags.condition(f, cc);
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
    static final int ADD = 1, SUB = 2, LOGIC = 3, INC = 4, DEC = 5, SHL = 6, SHR = 7, SAR = 8, IMUL = 9, MUL = 10;

    /**
     * Computes RFLAGS from a recorded operation: called when a flag reader, a side exit or a fault
     * needs them. {@code a}, {@code b} and {@code r} are the operands and result as recorded by
     * {@link InsnEmitter} (for shifts {@code b} is the masked, non-zero count; for INC/DEC the carry
     * flag before the instruction; for IMUL the sign-extended operands and the full product; for MUL,
     * which is recorded for 8-, 16- and 32-bit operands only, the zero-extended operands and the full product).
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
            case SHL -> setArith(c, ArithmeticFlags.shl(size, a, (int) b, r));
            case SHR -> setArith(c, ArithmeticFlags.shr(size, a, (int) b, r));
            case SAR -> setArith(c, ArithmeticFlags.sar(size, a, (int) b, r));
            case IMUL -> setArith(c, ArithmeticFlags.multiply(size, r, ArithmeticFlags.imulOverflow(size, a, b, r)));
            case MUL -> setArith(c, ArithmeticFlags.multiply(size, r, Multiplication.unsignedOverflow(size, r)));
            default -> throw new IllegalStateException("lazy flag op " + op);
        }
    }

    /**
     * CF as it would be after materializing the lazy operation {@code op} over RFLAGS {@code f},
     * without writing anything: INC/DEC after a join need only the carry, and building all of
     * RFLAGS (and storing it) on every pass round a loop would cost much more. It calls nothing,
     * so HotSpot inlines it without a call in the loop (a call makes C2 keep every guest register
     * of the loop in memory). FlagsCarryTest checks it against {@link #materialize}, that is
     * against {@link ArithmeticFlags}.
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
        if (kind == MUL) return r >>> bits != 0 ? 1 : 0; // Multiplication.unsignedOverflow, without a call
        int count = (int) b; // shifts: the masked count, never 0 here
        if (kind == SHL) return count <= bits ? (a >>> (bits - count)) & 1 : 0;
        if (kind == SHR) return count <= bits ? (a >>> (count - 1)) & 1 : 0;
        long signed = (a << (64 - bits)) >> (64 - bits); // SAR
        return (signed >> (Math.min(count, 63) - 1)) & 1;
    }

    static long signExtend(int size, long v) {
        return ArithmeticFlags.signExtend(size, v);
    }

    static long mask(int size) {
        return ArithmeticFlags.mask(size);
    }
}
