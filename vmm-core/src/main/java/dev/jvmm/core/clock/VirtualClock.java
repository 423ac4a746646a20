package dev.jvmm.core.clock;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Time as a function of retired guest instructions: {@code nanos = instructions * nanosPerInstruction}
 * plus whatever was skipped while the CPU was halted (the software CPU reports an instruction that stalls
 * a real CPU for long, PAUSE, as that many instructions' worth: {@code Cpu.stallCycles}). Deterministic with one vCPU: two runs of the same
 * guest see the same time at the same instruction. With several vCPUs every vCPU's instructions advance
 * the one clock (thread-safe), so time still passes at the same rate, but which instruction of which vCPU
 * sees a deadline depends on how the host schedules the threads: such runs are not reproducible.
 */
public final class VirtualClock implements Clock {
    private final long nanosPerInstruction;
    private final AtomicLong nanos = new AtomicLong();

    /** {@code nanosPerInstruction} = 1 models a 1 GHz, one-instruction-per-cycle CPU. */
    public VirtualClock(long nanosPerInstruction) {
        if (nanosPerInstruction <= 0) throw new IllegalArgumentException("nanosPerInstruction must be positive");
        this.nanosPerInstruction = nanosPerInstruction;
    }

    @Override
    public long nanos() {
        return nanos.get();
    }

    @Override
    public void instructionsRetired(long count) {
        nanos.addAndGet(count * nanosPerInstruction);
    }

    @Override
    public boolean skipTo(long deadlineNanos) {
        nanos.accumulateAndGet(deadlineNanos, Math::max);
        return true;
    }
}
