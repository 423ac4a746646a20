package dev.jvmm.cpu.fpu;

import static dev.jvmm.cpu.fpu.FpEnv.DE;
import static dev.jvmm.cpu.fpu.FpEnv.IE;

/**
 * Comparisons of 80-bit values, answered as the x87 condition codes FCOM sets (SDM vol. 2 FCOM,
 * table 3-21): C3 C2 C0 = 000 greater, 001 less, 100 equal, 111 unordered. FCOMI/FUCOMI put the
 * same pattern in ZF, PF and CF.
 */
public final class F80Compare {
    public static final int C0 = 0x100, C2 = 0x400, C3 = 0x4000;
    public static final int GREATER = 0, LESS = C0, EQUAL = C3, UNORDERED = C3 | C2 | C0;

    private F80Compare() {}

    /**
     * Compares {@code a} with {@code b}. An unsupported operand is invalid; a NaN is invalid for the
     * ordered compares (FCOM, FCOMI, FTST: {@code quiet} false) and only when signaling for the
     * unordered ones (FUCOM, FUCOMI); a denormal operand, if nothing was invalid, raises DE.
     * The result is the condition code pattern, {@link #GREATER} ... {@link #UNORDERED}.
     */
    public static int compare(F80 a, F80 b, boolean quiet, FpEnv env) {
        return compare(a, b, quiet, false, env);
    }

    /** As {@link #compare(F80, F80, boolean, FpEnv)}, {@code b} having been a denormal single or double in memory. */
    public static int compare(F80 a, F80 b, boolean quiet, boolean memoryDenormal, FpEnv env) {
        if (a.isUnsupported() || b.isUnsupported()) {
            env.raise(IE);
            return UNORDERED;
        }
        if (a.isNaN() || b.isNaN()) {
            if (!quiet || a.isSignalingNaN() || b.isSignalingNaN()) env.raise(IE);
            return UNORDERED;
        }
        F80Arith.flagDenormals(a, b, memoryDenormal, env); // even unmasked, the condition codes are set (as this machine's CPU does)
        if (a.isZero() && b.isZero()) return EQUAL;
        if (a.negative() != b.negative()) return a.isZero() ? (b.negative() ? GREATER : LESS)
                : b.isZero() ? (a.negative() ? LESS : GREATER) : a.negative() ? LESS : GREATER;
        int magnitude = compareMagnitude(a, b);
        if (magnitude == 0) return EQUAL;
        return (magnitude > 0) != a.negative() ? GREATER : LESS;
    }

    /** Compares |a| with |b| (finite or infinite, supported, not NaN). */
    static int compareMagnitude(F80 a, F80 b) {
        if (a.isZero() || b.isZero()) return a.isZero() ? (b.isZero() ? 0 : -1) : 1;
        int ea = F80Arith.normalExponent(a), eb = F80Arith.normalExponent(b);
        if (ea != eb) return Integer.compare(ea, eb);
        return Long.compareUnsigned(F80Arith.normalSignificand(a), F80Arith.normalSignificand(b));
    }
}
