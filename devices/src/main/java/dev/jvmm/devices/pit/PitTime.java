package dev.jvmm.devices.pit;

/**
 * Conversions between machine nanoseconds and 8254 input clock ticks. The PC feeds all three counters
 * with 1.193182 MHz (the 14.31818 MHz NTSC crystal divided by 12). Exact integer arithmetic:
 * {@code ticks(nanosAt(t)) == t}, and no overflow for centuries of guest time.
 */
final class PitTime {
    static final long HZ = 1_193_182;
    private static final long NS = 1_000_000_000L;

    private PitTime() {}

    /** Whole ticks elapsed at {@code nanos}. */
    static long ticks(long nanos) {
        return nanos / NS * HZ + nanos % NS * HZ / NS;
    }

    /** The first nanosecond at which {@code tick} has elapsed. */
    static long nanosAt(long tick) {
        long r = tick % HZ;
        return tick / HZ * NS + (r * NS + HZ - 1) / HZ;
    }
}
