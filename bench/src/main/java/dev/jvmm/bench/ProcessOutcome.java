package dev.jvmm.bench;

/**
 * How one guest process ended.
 *
 * @param exitStatus the process status (meaningless if {@code timedOut})
 * @param timing     wall and CPU time; null if the process was killed
 * @param stderr     everything it wrote to stderr
 * @param timedOut   true if it ran past the timeout and was killed
 */
public record ProcessOutcome(int exitStatus, Timing timing, String stderr, boolean timedOut) {}
