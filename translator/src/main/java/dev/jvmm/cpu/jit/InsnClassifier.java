package dev.jvmm.cpu.jit;

import dev.jvmm.cpu.decode.Form;
import dev.jvmm.cpu.decode.Insn;
import dev.jvmm.cpu.decode.JitTreatment;
import dev.jvmm.cpu.decode.OpcodeTable;

/**
 * Decides, per decoded instruction, whether the translator compiles it inline, lets the
 * interpreter run it and continues, or lets the interpreter run it and leaves the unit: the
 * {@link JitTreatment} of its opcode-table row ({@code INLINE} rows are what {@link InsnEmitter}
 * implements, less the operand values it {@link InsnEmitter#declines declines}); anything that
 * can change the mode, the segments, the interrupt flag or the control flow in ways the unit
 * cannot follow ends the unit.
 */
final class InsnClassifier {
    private InsnClassifier() {}

    /**
     * The treatment of an opcode without a row: the x87 escapes and the 0F MMX/SSE space until
     * their rows name it (they change only FPU/XMM state, flags and memory), else end the unit.
     */
    private static JitTreatment withoutRow(int op) {
        int o = op & 0xFF;
        boolean x87 = op >= 0xD8 && op <= 0xDF;
        boolean simd = op >= 0x100 && op < 0x200 && (o >= 0x10 && o <= 0x17 || o >= 0x28 && o <= 0x2F
                || o >= 0x50 && o <= 0x7F || o >= 0xC2 && o <= 0xC6 || o >= 0xD0 || o == 0xAE);
        return x87 || simd ? JitTreatment.CONTINUE : JitTreatment.EXIT;
    }

    /** Fills in kind, flow and target of {@code g} from the instruction's opcode-table row. */
    static void classify(GuestInsn g) {
        Insn i = g.insn;
        int op = i.opcode;
        if ((i.attrs & OpcodeTable.INVALID) != 0 || i.lock) {
            g.kind = GuestInsn.Kind.FALLBACK_EXIT;
            return;
        }
        Form form = i.form;
        JitTreatment t = form != null ? form.jit : withoutRow(op);
        if (t == JitTreatment.INLINE && InsnEmitter.declines(i)) t = JitTreatment.CONTINUE;
        if (t == JitTreatment.CONTINUE && SimdEmitter.compiles(i)) t = JitTreatment.INLINE;
        if (t == JitTreatment.INLINE) {
            g.kind = GuestInsn.Kind.INLINE;
            int os = i.opSize;
            long mask = os == 2 ? 0xFFFF : os == 4 ? 0xFFFF_FFFFL : -1L;
            if ((op >= 0x70 && op <= 0x7F) || (op >= 0x180 && op <= 0x18F)) {
                g.flow = GuestInsn.Flow.JCC;
                g.target = (g.next + i.imm) & mask;
            } else if (op == 0xE9 || op == 0xEB) {
                g.flow = GuestInsn.Flow.JMP;
                g.target = (g.next + i.imm) & mask;
            } else if (op == 0xE8) {
                g.flow = GuestInsn.Flow.CALL;
                g.target = (g.next + i.imm) & mask;
            } else if (op == 0xC3 || op == 0xC2 || op == 0xFF && ((i.reg & 7) == 2 || (i.reg & 7) == 4)) {
                g.flow = GuestInsn.Flow.RET; // RET, CALL/JMP r/m: leave with the computed RIP
            }
            return;
        }
        g.kind = t == JitTreatment.CONTINUE ? GuestInsn.Kind.FALLBACK : GuestInsn.Kind.FALLBACK_EXIT;
    }
}
