/**
 * The legacy interrupt controller: two cascaded 8259A PICs ({@link dev.jvmm.devices.pic.PicPair}) plus
 * the ELCR. Devices hold {@link dev.jvmm.core.irq.IrqLine}s from {@link dev.jvmm.devices.pic.PicPair#irqLine};
 * engines see the pair as an {@link dev.jvmm.core.irq.InterruptController}: "is INTR up?" at instruction
 * boundaries, then "acknowledge" to get the vector.
 *
 * <p>A life of an interrupt: a device raises its line; an edge sets the IRR bit; the priority resolver
 * compares it with IMR and ISR; INTR rises; the CPU acknowledges and gets ICW2 + level; the ISR bit stays
 * set until the guest's EOI (OCW2), which lets lower-priority requests through again.
 */
package dev.jvmm.devices.pic;
