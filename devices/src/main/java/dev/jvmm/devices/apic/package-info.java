/**
 * The local APIC, one per vCPU ({@link dev.jvmm.devices.apic.LocalApic}), the bus between local APICs
 * and the IOAPIC ({@link dev.jvmm.devices.apic.ApicBus}: IPIs, IOAPIC messages, EOI broadcast), the
 * xAPIC register page ({@link dev.jvmm.devices.apic.XapicWindow}) and the APIC timer.
 *
 * <p>A {@code LocalApic} is its vCPU's {@link dev.jvmm.core.irq.InterruptController}: the engine asks it
 * "is INTR up?" and "acknowledge" at instruction boundaries as it asks a bare 8259A pair, and the CPU
 * sends it IA32_APIC_BASE, the x2APIC MSRs, IA32_TSC_DEADLINE and CR8. The 8259A pair sits behind LINT0.
 * All state belongs to the vCPU thread, as every device's does.
 */
package dev.jvmm.devices.apic;
