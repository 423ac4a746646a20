package dev.jvmm.bench;

/**
 * How one guest process ended.
 *
 * @param exitStatus the process status (meaningless if {@code timedOut})
 * @param timing     wall and CPU time; null if the process was killed
 * @param stderr     everything it wrote to stderr
 * @param timedOut   true if it ran past the timeout and was killed
 * @param threads    its threads' CPU time by kind, when they were sampled ({@link ThreadCpuSampler}), else null
 */
public record ProcessOutcome(int exitStatus, Timing timing, String stderr, boolean timedOut, ThreadCpu threads) {
    public ProcessOutcome(int exitStatus, Timing timing, String stderr, boolean timedOut) {
        this(exitStatus, timing, stderr, timedOut, null);
    }
}
