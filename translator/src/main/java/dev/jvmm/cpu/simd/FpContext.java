package dev.jvmm.cpu.simd;

/**
 * What an SSE floating-point operation reads from MXCSR and what it raises (SDM vol. 1 §10.2.3,
 * §11.5). The caller sets {@link #mxcsr} before an instruction and clears the raised flags; each
 * lane's operation adds to {@link #pre} (the pre-computation exceptions invalid, denormal, divide by
 * zero) or {@link #post} (overflow, underflow, precision), so the instruction can then apply the
 * SDM's two-step rule (§11.5.3): an unmasked pre-computation exception in any lane stops it with
 * only the pre-computation flags set; otherwise an unmasked exception of either kind stops it with
 * all flags set; otherwise the results are stored and all flags set.
 */
public final class FpContext {
    public static final int IE = 1, DE = 2, ZE = 4, OE = 8, UE = 16, PE = 32;
    public static final int DAZ = 1 << 6, FTZ = 1 << 15;
    public static final int ROUND_NEAREST = 0, ROUND_DOWN = 1, ROUND_UP = 2, ROUND_ZERO = 3;

    public int mxcsr = 0x1F80;
    public int pre, post;

    /** Starts an instruction under {@code mxcsr}. */
    public FpContext begin(int mxcsr) {
        this.mxcsr = mxcsr;
        pre = 0;
        post = 0;
        return this;
    }

    public int roundingMode() {
        return (mxcsr >> 13) & 3;
    }

    public boolean denormalsAreZero() {
        return (mxcsr & DAZ) != 0;
    }

    public boolean flushToZero() {
        return (mxcsr & FTZ) != 0;
    }

    /** True if exception flag {@code e} (one of IE..PE) is masked. */
    public boolean masked(int e) {
        return ((mxcsr >> 7) & e) != 0;
    }

    /**
     * Ends one step of an instruction that computes in steps (DPPS: the products, then two rounds of
     * sums): true if it completed, its flags then in {@link #mxcsr} and the next step starting clean;
     * false if an unmasked exception stops the instruction here ({@link #finish} then says how).
     */
    public boolean step() {
        int r = finish();
        if (r < 0) return false;
        mxcsr = r;
        pre = 0;
        post = 0;
        return true;
    }

    /**
     * The flags MXCSR gets after the instruction (SDM §11.5.3's two steps), and whether the
     * instruction completes: a negative return means an unmasked exception stops it, and
     * {@code ~result} is then the new MXCSR.
     */
    public int finish() {
        int unmasked = ~(mxcsr >> 7) & 0x3F;
        if ((pre & unmasked) != 0) return ~(mxcsr | pre);
        int all = pre | post;
        if ((all & unmasked) != 0) return ~(mxcsr | all);
        return mxcsr | all;
    }
}
