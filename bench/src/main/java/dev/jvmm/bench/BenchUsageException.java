package dev.jvmm.bench;

/** A bad {@code jvmm bench} command line; the message says what is wrong and is shown as is (exit 2). */
public class BenchUsageException extends Exception {
    public BenchUsageException(String message) {
        super(message);
    }
}
