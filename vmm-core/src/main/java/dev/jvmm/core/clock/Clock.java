package dev.jvmm.core.clock;

/**
 * Where devices read time from. {@link HostClock} follows the host's monotonic clock, for interactive
 * use; {@link VirtualClock} is advanced by retired guest instructions (QEMU's icount idea), so a run
 * is reproducible: a PIT interrupt lands after the same instruction every time.
 */
public interface Clock {
    /** Nanoseconds since the machine was created. */
    long nanos();

    /** Engines report retired guest instructions here; only a virtual clock moves because of it. */
    default void instructionsRetired(long count) {}

    /**
     * Called while the vCPU is idle (HLT) and the next timer is due at {@code deadlineNanos}: a
     * virtual clock jumps there at once; the host clock returns false so the caller sleeps.
     */
    boolean skipTo(long deadlineNanos);
}
