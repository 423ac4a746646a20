package dev.jvmm.cpu.fpu;

/**
 * What one soft-float operation reads and reports: the x87 control word in (precision control,
 * rounding control, exception masks) and the exceptions it raised out, in the status word's bit
 * positions, with {@link #C1} set when the result was rounded up in magnitude (SDM vol. 1 §8.1.3.3).
 *
 * <p>The caller clears {@link #flags} before an instruction and looks at them after it: a masked
 * exception only sets its flag, an unmasked one (see {@link #unmasked}) means the instruction must
 * not write its destination (invalid, denormal, divide-by-zero), or writes a result with its
 * exponent bias-adjusted (overflow, underflow to a register; SDM vol. 1 §8.5.4, §8.5.5).
 */
public final class FpEnv {
    public static final int IE = 1, DE = 2, ZE = 4, OE = 8, UE = 0x10, PE = 0x20, C1 = 0x200;
    /** Precision control values (control word bits 8-9). */
    public static final int PC_24 = 0, PC_53 = 2, PC_64 = 3;
    /** Rounding control values (control word bits 10-11). */
    public static final int RC_NEAREST = 0, RC_DOWN = 1, RC_UP = 2, RC_ZERO = 3;

    public int control;
    public int flags;

    public FpEnv(int control) {
        this.control = control;
    }

    public int roundingControl() {
        return (control >> 10) & 3;
    }

    /** The significand precision PC selects: 24, 53 or 64 bits (the reserved value 01 behaves as 64 here). */
    public int precision() {
        return switch ((control >> 8) & 3) {
            case PC_24 -> 24;
            case PC_53 -> 53;
            default -> 64;
        };
    }

    /** True if the exception with status bit {@code flag} is unmasked in the control word. */
    public boolean unmasked(int flag) {
        return (control & flag & 0x3F) == 0;
    }

    /**
     * True if an unmasked exception this operation raised means its destination must stay as it
     * was: invalid, denormal or divide-by-zero always (they are detected before the result exists),
     * overflow and underflow when the destination is memory (SDM vol. 1 §8.5.4, §8.5.5). Loads
     * from memory ({@code load}) complete despite an unmasked denormal operand, as on this machine's CPU.
     */
    public boolean blocksResult(boolean memoryDestination, boolean load) {
        int pending = flags & ~control & 0x3F;
        if (load) pending &= ~DE;
        return (pending & (IE | DE | ZE)) != 0 || (memoryDestination && (pending & (OE | UE)) != 0);
    }

    /** Sets exception flags (and C1). */
    public void raise(int bits) {
        flags |= bits;
    }
}
