package dev.jvmm.core.clock;

/** Host monotonic time ({@link System#nanoTime()}), zero when the machine was created. */
public final class HostClock implements Clock {
    private final long origin = System.nanoTime();

    @Override
    public long nanos() {
        return System.nanoTime() - origin;
    }

    @Override
    public boolean skipTo(long deadlineNanos) {
        return false;
    }
}
