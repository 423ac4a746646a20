package dev.jvmm.core.clock;

/**
 * Time as a function of retired guest instructions: {@code nanos = instructions * nanosPerInstruction}
 * plus whatever was skipped while the CPU was halted. Deterministic: two runs of the same guest see
 * the same time at the same instruction.
 */
public final class VirtualClock implements Clock {
    private final long nanosPerInstruction;
    private long nanos;

    /** {@code nanosPerInstruction} = 1 models a 1 GHz, one-instruction-per-cycle CPU. */
    public VirtualClock(long nanosPerInstruction) {
        if (nanosPerInstruction <= 0) throw new IllegalArgumentException("nanosPerInstruction must be positive");
        this.nanosPerInstruction = nanosPerInstruction;
    }

    @Override
    public long nanos() {
        return nanos;
    }

    @Override
    public void instructionsRetired(long count) {
        nanos += count * nanosPerInstruction;
    }

    @Override
    public boolean skipTo(long deadlineNanos) {
        if (deadlineNanos > nanos) nanos = deadlineNanos;
        return true;
    }
}
