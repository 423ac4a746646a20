package dev.jvmm.devices.apic;

/**
 * One interrupt message on the APIC bus (an IPI from an ICR, or an IOAPIC redirection): what the
 * destination logic and the receiving local APICs look at.
 *
 * @param destination  the destination field (xAPIC: 8 bits; x2APIC: 32 bits)
 * @param logical      logical (true) or physical destination mode
 * @param deliveryMode one of {@code ApicRegisters.DM_*}
 * @param vector       the vector (fixed, lowest priority) or start-up page (SIPI)
 * @param level        level-triggered (the receiver sets its TMR bit and broadcasts EOI to the IOAPIC)
 */
record ApicMessage(int destination, boolean logical, int deliveryMode, int vector, boolean level) {}
