package dev.jvmm.launcher;

/** A command-line or image problem, reported as one line with status 2. */
final class UsageException extends Exception {
    UsageException(String message) {
        super(message, null, false, false);
    }
}
