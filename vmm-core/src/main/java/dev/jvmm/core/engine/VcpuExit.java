package dev.jvmm.core.engine;

/**
 * Why {@link Vcpu#run()} returned. Port I/O and MMIO are handled inside the engine through the
 * shared buses, so only events the machine must decide about come out here.
 */
public sealed interface VcpuExit {
    /** HLT with nothing that could ever wake the CPU (interrupts disabled, or no timer or input source). */
    record Halted(String why) implements VcpuExit {}

    /** Triple fault or another shutdown condition; the CPU can no longer run. */
    record Shutdown(String why) implements VcpuExit {}

    /** {@link Vcpu#requestExit()} was called (a {@link StopRequest}, a timeout, a debugger). */
    record ExitRequested() implements VcpuExit {}

    /** A breakpoint or single-step for an attached debugger. */
    record Breakpoint(long rip) implements VcpuExit {}

    /** The engine cannot go on: /dev/kvm emulation failure, an instruction jvmm does not implement. */
    record InternalError(String report) implements VcpuExit {}
}
