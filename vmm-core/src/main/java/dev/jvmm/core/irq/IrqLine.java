package dev.jvmm.core.irq;

/**
 * One interrupt request wire from a device to an interrupt controller input. Devices get their lines
 * injected and never know which controller (or which engine) sits at the other end.
 * Edge-triggered inputs latch a rising edge; level-triggered inputs follow the level.
 */
public interface IrqLine {
    IrqLine NONE = level -> {};

    /** Drives the line to {@code level} (true = asserted). */
    void set(boolean level);

    default void raise() {
        set(true);
    }

    default void lower() {
        set(false);
    }

    /** An edge: raise then lower, as an ISA device signalling one event. */
    default void pulse() {
        set(true);
        set(false);
    }
}
