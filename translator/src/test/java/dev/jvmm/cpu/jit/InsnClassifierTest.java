package dev.jvmm.cpu.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jvmm.cpu.decode.Decoder;
import dev.jvmm.cpu.decode.Insn;
import org.junit.jupiter.api.Test;

/** The translator's treatment comes from the opcode-table row, less the operand values the emitter declines. */
class InsnClassifierTest {
    private final Decoder decoder = new Decoder();

    private GuestInsn classify(int mode, int... bytes) {
        Insn i = decoder.decode(ip -> ip < bytes.length ? bytes[(int) ip] : 0, 0, mode, new Insn());
        GuestInsn g = new GuestInsn(0, i.length, i);
        InsnClassifier.classify(g);
        return g;
    }

    private GuestInsn.Kind kind(int mode, int... bytes) {
        return classify(mode, bytes).kind;
    }

    @Test
    void rowsSayInlineContinueOrExit() {
        assertEquals(GuestInsn.Kind.INLINE, kind(32, 0x01, 0xC8), "add eax, ecx");
        assertEquals(GuestInsn.Kind.FALLBACK, kind(32, 0x0F, 0xBC, 0xC1), "bsf eax, ecx");
        assertEquals(GuestInsn.Kind.FALLBACK_EXIT, kind(32, 0xEC), "in al, dx");
        assertEquals(GuestInsn.Kind.FALLBACK_EXIT, kind(32, 0x8E, 0xD8), "mov ds, eax");
        assertEquals(GuestInsn.Kind.FALLBACK_EXIT, kind(32, 0xF0, 0x01, 0x08), "lock add: the interpreter, then leave");
        assertEquals(GuestInsn.Kind.FALLBACK_EXIT, kind(32, 0xFF, 0xF8), "FF /7: undefined");
    }

    @Test
    void groupMembersAndRegisterOrMemoryFormsDiffer() {
        assertEquals(GuestInsn.Kind.INLINE, kind(32, 0xD3, 0xE0), "shl eax, cl");
        assertEquals(GuestInsn.Kind.FALLBACK, kind(32, 0xD3, 0xC0), "rol eax, cl");
        assertEquals(GuestInsn.Kind.INLINE, kind(32, 0x0F, 0xA3, 0xC8), "bt eax, ecx");
        assertEquals(GuestInsn.Kind.FALLBACK, kind(32, 0x0F, 0xA3, 0x08), "bt [eax], ecx");
        assertEquals(GuestInsn.Kind.FALLBACK_EXIT, kind(32, 0xFF, 0x18), "call far [eax]");
        assertEquals(GuestInsn.Flow.RET, classify(32, 0xFF, 0xD0).flow, "call eax");
    }

    @Test
    void declinedOperandsRunInTheInterpreter() {
        assertEquals(GuestInsn.Kind.INLINE, kind(64, 0x90), "nop");
        assertEquals(GuestInsn.Kind.FALLBACK, kind(64, 0x41, 0x90), "xchg r8, rax");
        assertEquals(GuestInsn.Kind.FALLBACK, kind(32, 0xC1, 0xE0, 0x00), "shl eax, 0");
        assertEquals(GuestInsn.Kind.INLINE, kind(64, 0xF7, 0xF1), "div ecx");
        assertEquals(GuestInsn.Kind.FALLBACK, kind(64, 0x48, 0xF7, 0xF1), "div rcx");
        assertEquals(GuestInsn.Kind.INLINE, kind(32, 0xF7, 0xE1), "mul ecx");
        assertEquals(GuestInsn.Kind.INLINE, kind(32, 0xF6, 0xE9), "imul cl");
        assertEquals(GuestInsn.Kind.INLINE, kind(32, 0xF7, 0x39), "idiv dword [ecx]");
        assertEquals(GuestInsn.Kind.FALLBACK, kind(64, 0x48, 0xF7, 0xE1), "mul rcx");
        assertEquals(GuestInsn.Kind.FALLBACK, kind(64, 0x48, 0xF7, 0xE9), "imul rcx");
        assertEquals(GuestInsn.Kind.FALLBACK, kind(64, 0x48, 0xF7, 0xF9), "idiv rcx");
    }
}
