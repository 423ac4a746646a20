package dev.jvmm.core.kvm;

import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.cpu.SegmentState;
import dev.jvmm.core.memory.GuestMemory;
import java.util.function.LongUnaryOperator;

/**
 * The few instructions jvmm executes itself when KVM's in-kernel emulator gives up on them
 * (KVM_EXIT_INTERNAL_ERROR, suberror "emulation failure"). Hardware KVM never needs this; PVM, which
 * emulates every guest instruction, fails on 32-bit interrupt delivery by {@code INT n}/{@code INT3}/
 * {@code INTO}, on {@code IRET}, which every interrupt-driven 32-bit guest executes, on BOUND, and
 * on x87 instructions that must raise #NM.
 *
 * <p>Deliberately narrow: 32-bit protected mode without paging tricks beyond what KVM_TRANSLATE
 * resolves, a flat 32-bit stack, same-privilege transfers only (no stack switch, no task gate, no
 * virtual-8086 return). Anything else returns null and stays a readable InternalError.
 */
final class EmulationFallback {
    /** EFLAGS bits IRET may load at CPL 0 (everything architectural except VM). */
    static final long IRET_FLAGS = 0x3D_7FD5L;
    private static final int INTERRUPT_GATE_32 = 0xE, TRAP_GATE_32 = 0xF;
    private static final long NO_ERROR_CODE = -1;

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
            case 0xCE -> into(s, eip + 1);
            case 0x62 -> bound(s, linear, eip);
            case 0xD8, 0xD9, 0xDA, 0xDB, 0xDC, 0xDD, 0xDE, 0xDF -> deviceNotAvailable(s, eip);
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

    /** An x87 instruction with CR0.TS or CR0.EM set raises #NM (vector 7, a fault); anything else is not handled. */
    private boolean deviceNotAvailable(CpuState s, long eip) {
        if ((s.cr0 & (ControlBits.CR0_TS | ControlBits.CR0_EM)) == 0) return false;
        return exception(s, 7, eip);
    }

    /** INTO: #OF (vector 4) if OF is set, otherwise nothing. */
    private boolean into(CpuState s, long nextEip) {
        if ((s.rflags & ControlBits.OF) != 0) return interrupt(s, 4, nextEip);
        s.rip = nextEip;
        return true;
    }

    /**
     * BOUND r32, m32&32: #BR (vector 5, a fault: the saved EIP is the BOUND itself) if the signed
     * register lies outside [lower, upper]. Only the addressing forms without a SIB byte.
     */
    private boolean bound(CpuState s, long linear, long eip) {
        int modrm = read8(linear + 1);
        if (modrm < 0) return false;
        int mod = modrm >>> 6, reg = (modrm >>> 3) & 7, rm = modrm & 7;
        if (mod == 3 || rm == 4) return false; // register operand is #UD; SIB forms are not handled
        long offset;
        int length;
        int segment = CpuState.DS;
        if (mod == 0 && rm == 5) {
            offset = read32(linear + 2);
            length = 6;
        } else {
            long disp = mod == 1 ? (byte) read8(linear + 2) : mod == 2 ? (int) read32(linear + 2) : 0;
            offset = s.gpr[rm] + disp;
            length = 2 + (mod == 1 ? 1 : mod == 2 ? 4 : 0);
            if (rm == CpuState.RBP) segment = CpuState.SS;
        }
        long address = s.seg[segment].base() + (offset & 0xFFFF_FFFFL);
        long lower = read32(address), upper = read32(address + 4);
        if (offset < 0 || lower < 0 || upper < 0) return false;
        int index = (int) s.gpr[reg];
        if (index < (int) lower || index > (int) upper) return interrupt(s, 5, eip);
        s.rip = eip + length;
        return true;
    }

    /**
     * INT n / INT3 / INTO / #BR: software-raised. A gate outside the IDT limit or with DPL < CPL is
     * #GP, a not-present gate #NP, both with the error code {@code vector * 8 + 2} (the IDT flag).
     */
    private boolean interrupt(CpuState s, int vector, long returnEip) {
        int idtError = vector * 8 + 2;
        long high = vector * 8L + 7 > s.idtLimit ? -1 : read32(s.idtBase + vector * 8L + 4);
        if (high < 0 || ((high >>> 13) & 3) < cpl(s)) return deliver(s, 13, returnEip - instructionLength(s, returnEip), idtError);
        if ((high & 0x8000) == 0) return deliver(s, 11, returnEip - instructionLength(s, returnEip), idtError);
        return deliver(s, vector, returnEip, NO_ERROR_CODE);
    }

    /** A processor exception without error code. */
    private boolean exception(CpuState s, int vector, long returnEip) {
        return deliver(s, vector, returnEip, NO_ERROR_CODE);
    }

    /** #GP and #NP on INT are faults: they report the INT itself, {@code returnEip - length} back. */
    private static long instructionLength(CpuState s, long returnEip) {
        return returnEip - (s.rip & 0xFFFF_FFFFL);
    }

    /**
     * Delivery through a 32-bit interrupt or trap gate to a same-privilege handler: push EFLAGS, CS,
     * EIP (and the error code, if any), load CS:EIP from the gate, clear TF/NT/RF (and IF for an
     * interrupt gate). A fault during delivery (a double fault) is not modelled: returns false.
     */
    private boolean deliver(CpuState s, int vector, long returnEip, long errorCode) {
        if (vector * 8L + 7 > s.idtLimit) return false;
        long low = read32(s.idtBase + vector * 8L), high = read32(s.idtBase + vector * 8L + 4);
        if (low < 0 || high < 0) return false;
        int type = (int) (high >>> 8) & 0xF;
        boolean present = (high & 0x8000) != 0;
        if (!present || (type != INTERRUPT_GATE_32 && type != TRAP_GATE_32)) return false;
        SegmentState code = codeSegment(s, (int) (low >>> 16));
        if (code == null) return false;
        long esp = s.gpr[CpuState.RSP] & 0xFFFF_FFFFL;
        long ssBase = s.seg[CpuState.SS].base();
        long newEsp = (esp - (errorCode == NO_ERROR_CODE ? 12 : 16)) & 0xFFFF_FFFFL;
        long frame = errorCode == NO_ERROR_CODE ? newEsp : newEsp + 4;
        if (!write32(ssBase + frame + 8, s.rflags) || !write32(ssBase + frame + 4, s.cs().selector())
                || !write32(ssBase + frame, returnEip)
                || (errorCode != NO_ERROR_CODE && !write32(ssBase + newEsp, errorCode))) {
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
