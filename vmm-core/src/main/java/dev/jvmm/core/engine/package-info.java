/**
 * The engine SPI: what an execution engine must provide and what it is connected to.
 *
 * <pre>
 *   Engine ──createMachine(Platform)──► Machine ──createVcpu(index)──► Vcpu    (Engine.createVcpu: a one-vCPU machine's vCPU 0)
 *   Vcpu.run() ──► VcpuExit: Halted | Shutdown | ExitRequested | Breakpoint | InternalError
 * </pre>
 *
 * <p>A {@link dev.jvmm.core.engine.Platform} bundles the shared machine: guest memory, the port bus, the
 * interrupt controller, the timer queue and the {@link dev.jvmm.core.engine.StopRequest} through which
 * devices (isa-debug-exit, reset) and the launcher (timeout, Ctrl-C) end a run. Port I/O and MMIO are
 * served inside {@code run()}; only events the machine must decide about come out as a
 * {@link dev.jvmm.core.engine.VcpuExit}.
 *
 * <h2>Threads</h2>
 * Each vCPU of a {@link dev.jvmm.core.engine.Machine} is run by one thread; a vCPU's state belongs to it.
 * Guest RAM is shared by all of them without a lock (atomic guest instructions are atomic on the RAM
 * segment). Devices are single-threaded state machines: every vCPU thread that runs one — a port or MMIO
 * access, a timer callback, its local APIC — holds the machine's one device lock
 * ({@link dev.jvmm.core.clock.TimerQueue#deviceLock()}). Only {@link dev.jvmm.core.engine.Vcpu#requestExit()},
 * {@code deliverInit} and {@code deliverStartup} may be called from other threads.
 */
package dev.jvmm.core.engine;
