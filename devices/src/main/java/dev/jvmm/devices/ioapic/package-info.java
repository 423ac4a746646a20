/**
 * The I/O APIC at 0xFEC00000 ({@link dev.jvmm.devices.ioapic.Ioapic}): 24 pins fed from the board's GSI
 * wires, redirection entries, and messages to the local APICs over {@link dev.jvmm.devices.apic.ApicBus}.
 */
package dev.jvmm.devices.ioapic;
