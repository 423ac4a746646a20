package dev.jvmm.bench;

/**
 * How long one guest process took.
 *
 * @param wallSeconds elapsed time, measured by the bench around the whole process
 * @param userSeconds CPU time the process (all its threads and children) spent in user mode
 * @param sysSeconds  CPU time it spent in the kernel (for /dev/kvm engines, guest time shows up here)
 * @param peakRssKilobytes the largest resident set size of the process (its biggest process, with
 *                    children), KiB, or -1 if not measured
 */
public record Timing(double wallSeconds, double userSeconds, double sysSeconds, long peakRssKilobytes) {
    /** A timing without a peak memory measurement. */
    public Timing(double wallSeconds, double userSeconds, double sysSeconds) {
        this(wallSeconds, userSeconds, sysSeconds, -1);
    }

    /** User plus system time: what the run cost the machine, whatever the number of threads. */
    public double cpuSeconds() {
        return userSeconds + sysSeconds;
    }
}
