/**
 * The engine SPI: what an execution engine must provide and what it is connected to.
 *
 * <pre>
 *   Engine ──createVcpu(Platform)──► Vcpu
 *   Vcpu.run() ──► VcpuExit: Halted | Shutdown | ExitRequested | Breakpoint | InternalError
 * </pre>
 *
 * <p>A {@link dev.jvmm.core.engine.Platform} bundles the shared machine: guest memory, the port bus, the
 * interrupt controller, the timer queue and the {@link dev.jvmm.core.engine.StopRequest} through which
 * devices (isa-debug-exit, reset) and the launcher (timeout, Ctrl-C) end a run. Port I/O and MMIO are
 * served inside {@code run()}; only events the machine must decide about come out as a
 * {@link dev.jvmm.core.engine.VcpuExit}.
 */
package dev.jvmm.core.engine;
