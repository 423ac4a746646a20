package dev.jvmm.core.engine;

import dev.jvmm.core.bus.PortBus;
import dev.jvmm.core.clock.TimerQueue;
import dev.jvmm.core.irq.InterruptController;
import dev.jvmm.core.irq.IrqChip;
import dev.jvmm.core.memory.GuestMemory;

/**
 * Everything an engine's vCPU is connected to: the one set of device-facing objects that every
 * engine shares. MMIO is reached through {@link GuestMemory#mmio()}.
 *
 * @param memory    guest physical memory
 * @param ports     the I/O port bus
 * @param irqChip   the interrupt controllers, one CPU-facing view per vCPU
 * @param timers    device timers and posted events; its clock is the machine's clock
 * @param stop      where devices ask for the run to end (debug exit, reset)
 */
public record Platform(GuestMemory memory, PortBus ports, IrqChip irqChip, TimerQueue timers, StopRequest stop) {
    /** A one-vCPU platform whose CPU sees {@code interrupts} directly (a bare PIC, or a test double). */
    public Platform(GuestMemory memory, PortBus ports, InterruptController interrupts, TimerQueue timers,
                    StopRequest stop) {
        this(memory, ports, IrqChip.single(interrupts), timers, stop);
    }

    /** vCPU 0's view of the interrupt controllers (INTR + INTA, NMI, its local APIC if any). */
    public InterruptController interrupts() {
        return irqChip.vcpu(0);
    }

    /** vCPU {@code index}'s view of the interrupt controllers. */
    public InterruptController interrupts(int index) {
        return irqChip.vcpu(index);
    }
}
