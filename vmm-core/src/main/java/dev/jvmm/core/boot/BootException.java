package dev.jvmm.core.boot;

/**
 * A kernel image that cannot be booted, with one line saying exactly why (empty, truncated, not x86,
 * bad multiboot checksum, a segment outside guest RAM...). The launcher prints the message and exits
 * with status 2; no stack trace reaches the user.
 */
public final class BootException extends Exception {
    public BootException(String message) {
        super(message, null, false, false);
    }
}
