package dev.jvmm.core.engine;

import dev.jvmm.core.bus.PortBus;
import dev.jvmm.core.clock.TimerQueue;
import dev.jvmm.core.irq.InterruptController;
import dev.jvmm.core.memory.GuestMemory;

/**
 * Everything an engine's vCPU is connected to: the one set of device-facing objects that every
 * engine shares. MMIO is reached through {@link GuestMemory#mmio()}.
 *
 * @param memory    guest physical memory
 * @param ports     the I/O port bus
 * @param interrupts the interrupt controller's CPU-facing side (INTR + INTA)
 * @param timers    device timers and posted events; its clock is the machine's clock
 * @param stop      where devices ask for the run to end (debug exit, reset)
 */
public record Platform(GuestMemory memory, PortBus ports, InterruptController interrupts, TimerQueue timers,
                       StopRequest stop) {}
