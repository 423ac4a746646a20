package dev.jvmm.launcher.gdb;

/** A debugger request the target refuses (unmapped memory, a register it will not write); gdb gets an error reply. */
final class DebugError extends Exception {
    DebugError(String message) {
        super(message);
    }
}
