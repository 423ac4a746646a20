package dev.jvmm.core.irq;

import java.util.OptionalLong;

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

    /** The CPU's IRET ended NMI blocking: NMIs arriving from now on are not behind a handler any more. */
    default void nmiHandlerEnded() {}

    // ---- the CPU's own registers in the interrupt controller (a local APIC) ----

    /**
     * True if this view is a local APIC that answers for {@code msr} (IA32_APIC_BASE, IA32_TSC_DEADLINE,
     * the x2APIC range): the CPU then sends RDMSR/WRMSR of it here instead of handling it itself.
     */
    default boolean ownsMsr(int msr) {
        return false;
    }

    /** RDMSR of an owned MSR; empty means the access raises #GP(0) (e.g. x2APIC MSRs in xAPIC mode). */
    default OptionalLong readMsr(int msr) {
        return OptionalLong.empty();
    }

    /**
     * WRMSR of an owned MSR; false means #GP(0) (reserved bits, read-only registers, illegal mode
     * switches). {@code tsc} is the CPU's time-stamp counter at the write (for IA32_TSC_DEADLINE).
     */
    default boolean writeMsr(int msr, long value, long tsc) {
        return false;
    }

    /**
     * Sends an IPI described by an ICR low word ({@code icrLow}: vector, delivery mode, level, trigger;
     * destination fields ignored) to the local APIC whose physical ID is {@code apicId}, as KVM's
     * paravirtual KVM_HC_SEND_IPI does; false if no enabled APIC has that ID.
     */
    default boolean sendIpiToApicId(int apicId, int icrLow) {
        return false;
    }

    /** True if CR8 is this controller's task priority (a local APIC is present). */
    default boolean hasTaskPriority() {
        return false;
    }

    /** MOV from CR8: the task priority's upper four bits (TPR[7:4]). */
    default int readCr8() {
        return 0;
    }

    /** MOV to CR8 with a value already checked to be 0-15: TPR = value << 4. */
    default void writeCr8(int value) {}

    /**
     * CPUID leaf 1 as this controller changes it: EDX bit 9 (APIC) follows IA32_APIC_BASE's global
     * enable, ECX bit 21 (x2APIC) and 24 (TSC-deadline) say what the local APIC supports, EBX[31:24] is
     * the initial APIC ID. Returns {@code {ebx, ecx, edx}} for the CPU's base values.
     */
    default int[] cpuidLeaf1(int ebx, int ecx, int edx) {
        return new int[] {ebx, ecx, edx};
    }

    /** The initial (x2)APIC ID of this vCPU, for CPUID leaf 0xB; 0 without a local APIC. */
    default int initialApicId() {
        return 0;
    }

    /**
     * Who to tell, from whatever thread raised it, that an interrupt or NMI became deliverable to this vCPU
     * (a machine with several vCPUs: another vCPU's IPI, an IOAPIC message). The engine uses it to leave
     * translated code that would otherwise run on to its instruction budget before it looks. A controller
     * only the vCPU's own thread drives needs none; the default ignores it.
     */
    default void setKickListener(Runnable kick) {}
}
