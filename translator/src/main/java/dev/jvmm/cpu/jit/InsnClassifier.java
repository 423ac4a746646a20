package dev.jvmm.cpu.jit;

import dev.jvmm.cpu.decode.Form;
import dev.jvmm.cpu.decode.Insn;
import dev.jvmm.cpu.decode.JitTreatment;
import dev.jvmm.cpu.decode.OpcodeTable;

/**
 * Decides, per decoded instruction, whether the translator compiles it inline, lets the
 * interpreter run it and continues, or lets the interpreter run it and leaves the unit. The
 * inline set is what {@link InsnEmitter} implements; anything that can change the mode, the
 * segments, the interrupt flag or the control flow in ways the unit cannot follow ends the unit.
 */
final class InsnClassifier {
    private InsnClassifier() {}

    /** Interpreter-run instructions that change only registers, flags and memory: the unit may continue. */
    private static final boolean[] CONTINUABLE = new boolean[0x400];

    static {
        int[] cont = {0x27, 0x2F, 0x37, 0x3F, 0x62, 0x86, 0x87, 0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99,
            0x9E, 0x9F, 0xA4, 0xA5, 0xA6, 0xA7, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE, 0xAF, 0xC0, 0xC1, 0xC8, 0xD0, 0xD1,
            0xD2, 0xD3, 0xD4, 0xD5, 0xD7, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0xFC, 0xFD,
            0x11F, 0x1A2, 0x1A3, 0x1A4, 0x1A5, 0x1AB, 0x1AC, 0x1AD, 0x1AF, 0x1B0, 0x1B1, 0x1B3, 0x1B6, 0x1B7,
            0x1BA, 0x1BB, 0x1BC, 0x1BD, 0x1BE, 0x1BF, 0x1C0, 0x1C1, 0x1C8, 0x1C9, 0x1CA, 0x1CB, 0x1CC, 0x1CD,
            0x1CE, 0x1CF};
        for (int op : cont) CONTINUABLE[op] = true;
        for (int op = 0x140; op <= 0x14F; op++) CONTINUABLE[op] = true; // CMOVcc
        CONTINUABLE[0x9C] = true; // PUSHF
        CONTINUABLE[0x9D] = true; // POPF: JitRuntime#fallback leaves the unit if it set TF or IF
        CONTINUABLE[0xFA] = true; // CLI
        CONTINUABLE[0x9B] = true; // FWAIT
        for (int op = 0xD8; op <= 0xDF; op++) CONTINUABLE[op] = true; // x87: FPU state and memory only
        // SSE/SSE2 data movement and arithmetic: XMM, MXCSR, flags (COMISS) and memory only
        int[][] sse = {{0x110, 0x117}, {0x128, 0x12F}, {0x150, 0x17F}, {0x1C2, 0x1C6}, {0x1D0, 0x1FF}, {0x1AE, 0x1AE}};
        for (int[] r : sse) for (int op = r[0]; op <= r[1]; op++) CONTINUABLE[op] = true;
        for (int op = 0x190; op <= 0x19F; op++) CONTINUABLE[op] = true; // SETcc
    }

    /** Fills in kind, flow and target of {@code g}; {@code opMask} truncates branch targets in 16/32-bit code. */
    static void classify(GuestInsn g) {
        Insn i = g.insn;
        int op = i.opcode;
        if ((i.attrs & OpcodeTable.INVALID) != 0 || i.lock) {
            g.kind = GuestInsn.Kind.FALLBACK_EXIT;
            return;
        }
        if (InsnEmitter.canInline(i)) {
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
        Form form = i.form;
        if (form != null && form.exec != null) { // a row with its own semantics says how it is treated
            g.kind = form.jit == JitTreatment.CONTINUE ? GuestInsn.Kind.FALLBACK : GuestInsn.Kind.FALLBACK_EXIT;
            return;
        }
        // F2/F3 on these are string repeats or mandatory SSE prefixes: either way data-only.
        g.kind = CONTINUABLE[op] ? GuestInsn.Kind.FALLBACK : GuestInsn.Kind.FALLBACK_EXIT;
    }
}
