package dev.jvmm.core.engine;

import dev.jvmm.core.cpu.CpuState;

/** One virtual CPU of some engine. Not thread-safe except for {@link #requestExit()}. */
public interface Vcpu extends AutoCloseable {
    /** Runs guest code until something the machine must handle; see {@link VcpuExit}. */
    VcpuExit run();

    /** Thread-safe: makes a running (or idle) {@link #run()} return {@link VcpuExit.ExitRequested} soon. */
    void requestExit();

    /** A snapshot of the architectural state (a copy). */
    CpuState state();

    /** Replaces the architectural state, e.g. as set up by a boot loader. */
    void setState(CpuState state);

    /** Guest instructions retired so far (engines that cannot count return -1). */
    long instructionsRetired();

    /** True if {@link #setSingleStep} works on this engine. */
    default boolean canSingleStep() {
        return false;
    }

    /**
     * Single-step mode: {@link #run()} returns {@link VcpuExit.Breakpoint} after every guest instruction
     * (port I/O and timers are still served inside). For instruction traces and lockstep comparison.
     */
    default void setSingleStep(boolean on) {
        throw new UnsupportedOperationException("this engine cannot single-step");
    }

    /**
     * Watches data accesses for a debugger ({@code null} stops watching); false if this engine cannot.
     * Where it can, accesses are reported while single-stepping ({@link #setSingleStep}); whether
     * translated code reports them is the engine's business (the software engines' do not: their
     * debugger steps them instead).
     */
    default boolean setMemoryWatch(MemoryWatch watch) {
        return false;
    }

    /** Engine-specific counters for {@code --stats}, one per line. */
    default String stats() {
        return "";
    }

    @Override
    default void close() {}
}
