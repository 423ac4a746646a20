package dev.jvmm.core.engine;

/** Why a machine run ended, other than the vCPU exiting on its own. */
public sealed interface StopReason {
    /** The guest wrote {@code value} to isa-debug-exit; the process status is {@code (value << 1) | 1}. */
    record DebugExit(int value) implements StopReason {
        public int exitStatus() {
            return ((value << 1) | 1) & 0xFF;
        }
    }

    /** The guest asked for a reset (i8042 command 0xFE, port 0x92 bit 0, port 0xCF9). */
    record Reset(String source) implements StopReason {}

    /** The guest powered the machine off ({@code source}: ACPI S5, for instance); the process status is 0, as QEMU's. */
    record PowerOff(String source) implements StopReason {}

    /** The run's wall-clock limit passed. */
    record Timeout(double seconds) implements StopReason {}

    /** The user interrupted the run (Ctrl-C). */
    record Interrupted() implements StopReason {}
}
