package dev.jvmm.cpu.decode;

/**
 * How the bytecode translator treats an opcode form (read by {@code jit.InsnClassifier}).
 */
public enum JitTreatment {
    /** The unit contains the instruction's code (the translator's emitter implements the form). */
    INLINE,
    /**
     * The interpreter runs the instruction from inside the unit, which then continues: the form
     * changes only registers, flags and memory, never the mode, segments, IF or the control flow.
     */
    CONTINUE,
    /** The interpreter runs the instruction and the unit ends: anything else (the safe default). */
    EXIT
}
