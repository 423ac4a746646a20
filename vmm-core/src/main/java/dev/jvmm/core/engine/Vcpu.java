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

    /** Engine-specific counters for {@code --stats}, one per line. */
    default String stats() {
        return "";
    }

    @Override
    default void close() {}
}
