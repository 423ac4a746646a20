package dev.jvmm.cpu.jit;

import dev.jvmm.cpu.decode.Insn;

/**
 * One decoded guest instruction inside a {@link Region}: its address, the decoded form, how the
 * translator handles it ({@link Kind}) and where control goes next.
 */
final class GuestInsn {
    /** How an instruction is translated. */
    enum Kind {
        /** Compiled to bytecode inline. */
        INLINE,
        /** Run by the interpreter from translated code; the unit continues after it. */
        FALLBACK,
        /** Run by the interpreter; the unit exits after it (control transfer, mode change, I/O, HLT...). */
        FALLBACK_EXIT
    }

    /** Control flow shape of an inline instruction. */
    enum Flow { NEXT, JCC, JMP, CALL, RET }

    final long rip;
    final long next;
    final Insn insn;
    /** The instruction bytes as translated (for traces and reports). */
    byte[] bytes = new byte[0];
    Kind kind;
    Flow flow = Flow.NEXT;
    /** Target RIP of a direct JCC/JMP/CALL. */
    long target;
    /**
     * A JMP through a jump table ({@link JumpTables}): the table's targets that lie in the
     * region, where the unit jumps inside instead of leaving. Empty for every other instruction.
     */
    long[] tableTargets = NO_TARGETS;
    static final long[] NO_TARGETS = {};
    /** Number of control-flow predecessors inside the region (labels with one fall-through predecessor keep static flag knowledge). */
    int jumpPreds;

    GuestInsn(long rip, long next, Insn insn) {
        this.rip = rip;
        this.next = next;
        this.insn = insn;
    }

    boolean fallsThrough() {
        return kind == Kind.INLINE ? flow == Flow.NEXT || flow == Flow.JCC : kind == Kind.FALLBACK;
    }

    /** A compiled near RET (C3, or C2 with its stack adjustment). */
    boolean isNearReturn() {
        return kind == Kind.INLINE && flow == Flow.RET && (insn.opcode == 0xC3 || insn.opcode == 0xC2);
    }

    /** A compiled JMP r/m (FF /4): leaves with the computed RIP unless it is one of {@link #tableTargets}. */
    boolean isIndirectJump() {
        return kind == Kind.INLINE && flow == Flow.RET && insn.opcode == 0xFF && (insn.reg & 7) == 4;
    }

    boolean hasTarget() {
        return kind == Kind.INLINE && (flow == Flow.JCC || flow == Flow.JMP || flow == Flow.CALL);
    }
}
