package dev.jvmm.cpu.jit;

import dev.jvmm.cpu.interp.Cpu;

/**
 * A translated unit: the generated hidden class implements this. {@link #run} executes guest
 * instructions from the unit's entry until it leaves the region, runs out of budget, hits an
 * instruction it hands to the interpreter that ends the unit, or faults; it returns with every
 * register, RFLAGS, RIP and {@link Cpu#instructions} exactly as the interpreter would have left
 * them, and says why it stopped (one of the {@code EXIT_} codes).
 */
public interface CompiledUnit {
    int EXIT_BRANCH = 0, EXIT_FALLBACK = 1, EXIT_FAULT = 2, EXIT_BUDGET = 3, EXIT_SMC = 4, EXIT_TLB_MISS = 5;
    int EXIT_REASONS = 6;

    int run(Cpu c, JitRuntime rt);

    static String exitName(int reason) {
        return switch (reason) {
            case EXIT_BRANCH -> "branch";
            case EXIT_FALLBACK -> "interpreted";
            case EXIT_FAULT -> "fault";
            case EXIT_BUDGET -> "budget";
            case EXIT_SMC -> "smc";
            case EXIT_TLB_MISS -> "tlb-miss";
            default -> "?";
        };
    }
}
