package dev.jvmm.core.irq;

/**
 * What an engine sees of the interrupt controller: is a maskable interrupt waiting, and the INTA
 * cycle that turns it into a vector. Engines ask at instruction (or block) boundaries when
 * {@code RFLAGS.IF} is set and no interrupt shadow is active.
 */
public interface InterruptController {
    /** An interrupt controller with no inputs. */
    InterruptController NONE = new InterruptController() {
        @Override public boolean interruptPending() { return false; }
        @Override public int acknowledge() { return -1; }
    };

    /** True if the INTR pin is asserted. Cheap: engines call it often. */
    boolean interruptPending();

    /**
     * The interrupt-acknowledge cycle: returns the vector (0-255) the CPU must deliver, updating the
     * controller's in-service state; a spurious interrupt still returns its (spurious) vector.
     * Returns -1 only if nothing was pending.
     */
    int acknowledge();

    /**
     * True if a non-maskable interrupt is waiting: the NMI pin saw a rising edge. Taken whatever
     * RFLAGS.IF says, but not while a previous NMI's handler runs (until its IRET).
     * No device of jvmm's PC raises NMI yet (no parity/IOCHK or watchdog model), so the default is none.
     */
    default boolean nmiPending() {
        return false;
    }

    /** Consumes the pending NMI edge as the CPU starts delivering vector 2. */
    default void acknowledgeNmi() {}
}
