package dev.jvmm.launcher;

/**
 * The process exit statuses of {@code jvmm run}. A guest that writes V to isa-debug-exit ends the
 * process with {@code (V << 1) | 1} — always odd, QEMU's convention — so every other way a run can end
 * gets a distinct even status.
 */
public final class ExitStatus {
    /** {@code jvmm list}, {@code --help} and friends. */
    public static final int OK = 0;
    /** Bad command line or a kernel image that cannot be booted. */
    public static final int USAGE = 2;
    /** The guest executed HLT with nothing that could ever wake it (e.g. interrupts disabled). */
    public static final int HALTED = 10;
    /** Triple fault (or another shutdown condition). */
    public static final int SHUTDOWN = 12;
    /** The guest asked for a reset (i8042 0xFE, port 0x92); jvmm always behaves as {@code -no-reboot}. */
    public static final int RESET = 14;
    /**
     * A bundled guest wrote its success value to isa-debug-exit but printed other than its catalogue
     * entry's expected output: it did not pass (its own checks cannot see everything, e.g. a picture).
     */
    public static final int WRONG_OUTPUT = 16;
    /** The engine could not go on (an /dev/kvm emulation failure, an internal error). */
    public static final int ENGINE_ERROR = 70;
    /** {@code --timeout} passed. */
    public static final int TIMEOUT = 124;
    /** Interrupted by the user (Ctrl-C, or Ctrl-A x on the serial console). */
    public static final int INTERRUPTED = 130;

    private ExitStatus() {}

    /** QEMU's isa-debug-exit mapping, truncated to the 8 bits a process status has. */
    public static int debugExit(int value) {
        return ((value << 1) | 1) & 0xFF;
    }
}
