package dev.jvmm.core.kvm;

import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.cpu.SegmentState;
import dev.jvmm.core.memory.GuestMemory;
import java.util.function.LongUnaryOperator;

/**
 * The few instructions jvmm executes itself when KVM's in-kernel emulator gives up on them
 * (KVM_EXIT_INTERNAL_ERROR, suberror "emulation failure"). Hardware KVM never needs this; PVM, which
 * emulates every guest instruction, fails on 32-bit interrupt delivery by {@code INT n}/{@code INT3}
 * and on {@code IRET}, which every interrupt-driven 32-bit guest executes.
 *
 * <p>Deliberately narrow: 32-bit protected mode without paging tricks beyond what KVM_TRANSLATE
 * resolves, a flat 32-bit stack, same-privilege transfers only (no stack switch, no task gate, no
 * virtual-8086 return). Anything else returns null and stays a readable InternalError.
 */
final class EmulationFallback {
    /** EFLAGS bits IRET may load at CPL 0 (everything architectural except VM). */
    static final long IRET_FLAGS = 0x3D_7FD5L;
    private static final int INTERRUPT_GATE_32 = 0xE, TRAP_GATE_32 = 0xF;

    private final GuestMemory memory;
    private final LongUnaryOperator translate;

    /**
     * @param translate guest linear to guest physical address (KVM_TRANSLATE), -1 if unmapped
     */
    EmulationFallback(GuestMemory memory, LongUnaryOperator translate) {
        this.memory = memory;
        this.translate = translate;
    }

    /** Executes the instruction at CS:EIP on {@code s} and returns true, or returns false if it is not one handled here. */
    boolean execute(CpuState s) {
        if (!s.protectedMode() || s.longModeActive() || (s.rflags & ControlBits.VM) != 0 || s.codeBits() != 32
                || !s.seg[CpuState.SS].big()) {
            return false;
        }
        long eip = s.rip & 0xFFFF_FFFFL;
        long linear = s.cs().base() + eip;
        int opcode = read8(linear);
        return switch (opcode) {
            case 0xCF -> iret(s);
            case 0xCC -> interrupt(s, 3, eip + 1);
            case 0xCD -> {
                int vector = read8(linear + 1);
                yield vector >= 0 && interrupt(s, vector, eip + 2);
            }
            default -> false;
        };
    }

    /** IRET, 32-bit operand size, to the same privilege level: pop EIP, CS, EFLAGS. */
    private boolean iret(CpuState s) {
        long esp = s.gpr[CpuState.RSP] & 0xFFFF_FFFFL;
        long ssBase = s.seg[CpuState.SS].base();
        long eip = read32(ssBase + esp), cs = read32(ssBase + esp + 4), eflags = read32(ssBase + esp + 8);
        if (eip < 0 || cs < 0 || eflags < 0) return false;
        if ((eflags & ControlBits.VM) != 0 || (s.rflags & ControlBits.NT) != 0) return false; // v86 return, task return
        SegmentState code = codeSegment(s, (int) (cs & 0xFFFF));
        if (code == null) return false;
        s.seg[CpuState.CS] = code;
        s.rip = eip;
        s.rflags = (eflags & IRET_FLAGS) | ControlBits.RFLAGS_FIXED;
        s.gpr[CpuState.RSP] = (s.gpr[CpuState.RSP] & ~0xFFFF_FFFFL) | ((esp + 12) & 0xFFFF_FFFFL);
        return true;
    }

    /** INT n / INT3 through a 32-bit interrupt or trap gate to a same-privilege handler. */
    private boolean interrupt(CpuState s, int vector, long returnEip) {
        if (vector * 8L + 7 > s.idtLimit) return false;
        long low = read32(s.idtBase + vector * 8L), high = read32(s.idtBase + vector * 8L + 4);
        if (low < 0 || high < 0) return false;
        int type = (int) (high >>> 8) & 0xF, gateDpl = (int) (high >>> 13) & 3;
        boolean present = (high & 0x8000) != 0;
        if (!present || (type != INTERRUPT_GATE_32 && type != TRAP_GATE_32) || gateDpl < cpl(s)) return false;
        SegmentState code = codeSegment(s, (int) (low >>> 16));
        if (code == null) return false;
        long esp = s.gpr[CpuState.RSP] & 0xFFFF_FFFFL;
        long ssBase = s.seg[CpuState.SS].base();
        long newEsp = (esp - 12) & 0xFFFF_FFFFL;
        if (!write32(ssBase + newEsp + 8, s.rflags) || !write32(ssBase + newEsp + 4, s.cs().selector())
                || !write32(ssBase + newEsp, returnEip)) {
            return false;
        }
        s.seg[CpuState.CS] = code;
        s.rip = (low & 0xFFFF) | (high & 0xFFFF_0000L);
        s.gpr[CpuState.RSP] = (s.gpr[CpuState.RSP] & ~0xFFFF_FFFFL) | newEsp;
        s.rflags &= ~(ControlBits.TF | ControlBits.NT | ControlBits.RF | ControlBits.VM);
        if (type == INTERRUPT_GATE_32) s.rflags &= ~ControlBits.IF;
        return true;
    }

    private static int cpl(CpuState s) {
        return s.cs().selector() & 3;
    }

    /** The code segment {@code selector} names, if a same-privilege transfer to it is allowed here. */
    private SegmentState codeSegment(CpuState s, int selector) {
        if ((selector & 3) != cpl(s) || (selector & 4) != 0) return null; // privilege change or LDT
        if (selector == s.cs().selector()) return s.cs();
        long offset = selector & ~7L;
        if (offset == 0 || offset + 7 > s.gdtLimit) return null;
        long low = read32(s.gdtBase + offset), high = read32(s.gdtBase + offset + 4);
        if (low < 0 || high < 0) return null;
        SegmentState seg = SegmentState.fromDescriptor(selector, low | (high << 32));
        return seg.present() && seg.isCode() && seg.big() && !seg.longMode() ? seg : null;
    }

    private int read8(long linear) {
        long pa = translate.applyAsLong(linear & 0xFFFF_FFFFL);
        return pa >= 0 && memory.isRam(pa, 1) ? memory.read8(pa) : -1;
    }

    /** A little-endian dword at a linear address (pages translated byte by byte), or -1. */
    private long read32(long linear) {
        long v = 0;
        for (int i = 0; i < 4; i++) {
            int b = read8(linear + i);
            if (b < 0) return -1;
            v |= (long) b << (8 * i);
        }
        return v;
    }

    private boolean write32(long linear, long value) {
        long[] pa = new long[4];
        for (int i = 0; i < 4; i++) {
            pa[i] = translate.applyAsLong((linear + i) & 0xFFFF_FFFFL);
            if (pa[i] < 0 || !memory.isRam(pa[i], 1)) return false;
        }
        for (int i = 0; i < 4; i++) memory.write8(pa[i], (int) (value >>> (8 * i)));
        return true;
    }
}
