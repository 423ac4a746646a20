/**
 * Interrupt wiring. A device raises and lowers an {@link dev.jvmm.core.irq.IrqLine}; the interrupt
 * controller (the 8259A pair in {@code devices}) turns pending lines into a vector; an engine asks the
 * {@link dev.jvmm.core.irq.InterruptController} at instruction or block boundaries — "is INTR asserted?",
 * then "acknowledge: which vector?" — exactly the two bus cycles a real CPU performs.
 */
package dev.jvmm.core.irq;
