package dev.jvmm.kvm;

import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.cpu.SegmentState;
import dev.jvmm.core.memory.GuestMemory;
import java.util.function.LongUnaryOperator;

/**
 * The few instructions jvmm executes itself when KVM's in-kernel emulator gives up on them
 * (KVM_EXIT_INTERNAL_ERROR, suberror "emulation failure"). Hardware KVM never needs this. PVM, which
 * emulates every guest instruction, cannot run software interrupts ({@code INT n}, {@code INT3},
 * {@code INTO}) in 32- or 64-bit mode, nor a 32-bit {@code IRET} (which every interrupt-driven
 * 32-bit guest executes), {@code BOUND}, or an x87 instruction that must raise #NM.
 *
 * <p>Deliberately narrow: same-privilege transfers only (no stack switch, no IST, no task gate, no
 * virtual-8086 return), a flat 32-bit stack in protected mode, no double-fault modelling. Anything
 * else is left alone (returns false) and stays a readable InternalError. A successful call leaves
 * the complete new state in the CpuState; the caller writes it back with KVM_SET_REGS/SREGS.
 */
final class EmulationFallback {
    /** EFLAGS bits IRET may load at CPL 0 (everything architectural except VM). */
    static final long IRET_FLAGS = 0x3D_7FD5L;
    private static final int INTERRUPT_GATE = 0xE, TRAP_GATE = 0xF;
    private static final int GP = 13, NP = 11;
    private static final long NO_ERROR_CODE = -1;
    private static final long MASK32 = 0xFFFF_FFFFL;

    private final LinearMemory memory;

    /** @param translate guest linear to guest physical address (KVM_TRANSLATE), -1 if unmapped */
    EmulationFallback(GuestMemory memory, LongUnaryOperator translate) {
        this.memory = new LinearMemory(memory, translate);
    }

    /** Executes the instruction at CS:RIP on {@code s} and returns true, or returns false if it is not one handled here. */
    boolean execute(CpuState s) {
        CpuState work = s.copy();
        try {
            boolean done = switch (work.codeBits()) {
                case 64 -> execute64(work);
                case 32 -> work.protectedMode() && (work.rflags & ControlBits.VM) == 0
                        && work.seg[CpuState.SS].big() && execute32(work);
                default -> false;
            };
            if (done) copyInto(work, s);
            return done;
        } catch (LinearMemory.Fault unmapped) {
            return false;
        }
    }

    // ---- 32-bit protected mode ----

    private boolean execute32(CpuState s) {
        long eip = s.rip & MASK32;
        long linear = (s.cs().base() + eip) & MASK32;
        return switch (memory.read8(linear)) {
            case 0xCF -> iret32(s);
            case 0xCC -> softwareInterrupt(s, 3, eip, eip + 1);
            case 0xCD -> softwareInterrupt(s, memory.read8(linear + 1), eip, eip + 2);
            case 0xCE -> into(s, eip);
            case 0x62 -> bound(s, linear, eip);
            case 0xD8, 0xD9, 0xDA, 0xDB, 0xDC, 0xDD, 0xDE, 0xDF -> deviceNotAvailable(s, eip);
            default -> false;
        };
    }

    /** IRET, 32-bit operand size, to the same privilege level: pop EIP, CS, EFLAGS. */
    private boolean iret32(CpuState s) {
        long esp = s.gpr[CpuState.RSP] & MASK32;
        long eip = stackRead32(s, esp), cs = stackRead32(s, esp + 4), eflags = stackRead32(s, esp + 8);
        if ((eflags & ControlBits.VM) != 0 || (s.rflags & ControlBits.NT) != 0) return false; // v86 or task return
        SegmentState code = codeSegment(s, (int) (cs & 0xFFFF), false);
        if (code == null) return false;
        s.seg[CpuState.CS] = code;
        s.rip = eip;
        s.rflags = iretFlags(s.rflags, eflags, cpl(s));
        setEsp(s, esp + 12);
        return true;
    }

    /**
     * The EFLAGS an IRET to the same privilege level leaves (SDM vol. 2, IRET): everything but VM
     * from the stack, except that IOPL changes only at CPL 0 and IF only when CPL <= IOPL.
     */
    static long iretFlags(long current, long popped, int cpl) {
        long loadable = IRET_FLAGS;
        int iopl = (int) (current >>> 12) & 3;
        if (cpl > 0) loadable &= ~ControlBits.IOPL;
        if (cpl > iopl) loadable &= ~ControlBits.IF;
        return (popped & loadable) | (current & ~loadable & IRET_FLAGS) | ControlBits.RFLAGS_FIXED;
    }

    /** INTO: #OF (vector 4, a trap) if OF is set, otherwise nothing. */
    private boolean into(CpuState s, long eip) {
        if ((s.rflags & ControlBits.OF) != 0) return softwareInterrupt(s, 4, eip, eip + 1);
        s.rip = eip + 1;
        return true;
    }

    /**
     * BOUND r32, m32&32: #BR (vector 5, a fault: the saved EIP is the BOUND itself) if the signed
     * register lies outside [lower, upper]. Only the addressing forms without a SIB byte.
     */
    private boolean bound(CpuState s, long linear, long eip) {
        int modrm = memory.read8(linear + 1);
        int mod = modrm >>> 6, reg = (modrm >>> 3) & 7, rm = modrm & 7;
        if (mod == 3 || rm == 4) return false; // a register operand is #UD; SIB forms are not handled
        long offset;
        int length;
        int segment = CpuState.DS;
        if (mod == 0 && rm == 5) {
            offset = memory.read(linear + 2, 4);
            length = 6;
        } else {
            long disp = mod == 1 ? (byte) memory.read8(linear + 2) : mod == 2 ? (int) memory.read(linear + 2, 4) : 0;
            offset = s.gpr[rm] + disp;
            length = 2 + (mod == 1 ? 1 : mod == 2 ? 4 : 0);
            if (rm == CpuState.RBP) segment = CpuState.SS;
        }
        long address = (s.seg[segment].base() + (offset & MASK32)) & MASK32;
        int lower = (int) memory.read(address, 4), upper = (int) memory.read(address + 4, 4);
        int index = (int) s.gpr[reg];
        if (index < lower || index > upper) return deliver32(s, 5, eip, NO_ERROR_CODE);
        s.rip = eip + length;
        return true;
    }

    /** An x87 instruction with CR0.TS or CR0.EM set raises #NM (vector 7, a fault); anything else is not ours. */
    private boolean deviceNotAvailable(CpuState s, long eip) {
        if ((s.cr0 & (ControlBits.CR0_TS | ControlBits.CR0_EM)) == 0) return false;
        return deliver32(s, 7, eip, NO_ERROR_CODE);
    }

    /**
     * Delivery through a 32-bit interrupt or trap gate to a same-privilege handler: push EFLAGS, CS,
     * EIP (and the error code, if any), load CS:EIP from the gate, clear TF/NT/RF (and IF for an
     * interrupt gate).
     */
    private boolean deliver32(CpuState s, int vector, long returnEip, long errorCode) {
        long gate = gate(s, vector, 8)[0];
        SegmentState code = codeSegment(s, (int) (gate >>> 16) & 0xFFFF, false);
        if (code == null) return false;
        long frame = ((s.gpr[CpuState.RSP] & MASK32) - 12) & MASK32;
        memory.write(stack(s, frame + 8), 4, s.rflags);
        memory.write(stack(s, frame + 4), 4, s.cs().selector());
        memory.write(stack(s, frame), 4, returnEip);
        if (errorCode != NO_ERROR_CODE) {
            frame = (frame - 4) & MASK32;
            memory.write(stack(s, frame), 4, errorCode);
        }
        enterHandler(s, code, (gate & 0xFFFF) | ((gate >>> 32) & 0xFFFF_0000L), gateType(gate));
        setEsp(s, frame);
        return true;
    }

    // ---- 64-bit mode ----

    private boolean execute64(CpuState s) {
        long rip = s.rip;
        return switch (memory.read8(rip)) {
            case 0xCC -> softwareInterrupt(s, 3, rip, rip + 1);
            case 0xCD -> softwareInterrupt(s, memory.read8(rip + 1), rip, rip + 2);
            default -> false;
        };
    }

    /**
     * Delivery through a 64-bit gate (16 bytes) to a same-privilege handler: align RSP to 16, push
     * SS, RSP, RFLAGS, CS, RIP (and the error code), all 8 bytes wide (SDM vol. 3, 6.14.2).
     */
    private boolean deliver64(CpuState s, int vector, long returnRip, long errorCode) {
        long[] gate = gate(s, vector, 16);
        if (((gate[0] >>> 32) & 7) != 0) return false; // IST stack switch: needs the TSS
        SegmentState code = codeSegment(s, (int) (gate[0] >>> 16) & 0xFFFF, true);
        if (code == null) return false;
        long oldRsp = s.gpr[CpuState.RSP];
        long[] frame = {s.seg[CpuState.SS].selector(), oldRsp, s.rflags, s.cs().selector(), returnRip};
        long rsp = oldRsp & ~0xFL;
        for (long value : frame) {
            rsp -= 8;
            memory.write(rsp, 8, value);
        }
        if (errorCode != NO_ERROR_CODE) {
            rsp -= 8;
            memory.write(rsp, 8, errorCode);
        }
        long target = (gate[0] & 0xFFFF) | ((gate[0] >>> 32) & 0xFFFF_0000L) | (gate[1] << 32);
        enterHandler(s, code, target, gateType(gate[0]));
        s.gpr[CpuState.RSP] = rsp;
        return true;
    }

    // ---- shared by both modes ----

    /**
     * INT n / INT3 / INTO: software-raised. A gate beyond the IDT limit or with DPL < CPL is #GP,
     * a not-present one #NP, both with error code {@code vector * 8 + 2} (IDT flag) and reported at
     * the INT itself ({@code faultIp}); otherwise the handler returns to {@code nextIp}.
     */
    private boolean softwareInterrupt(CpuState s, int vector, long faultIp, long nextIp) {
        int size = s.codeBits() == 64 ? 16 : 8;
        int idtError = vector * 8 + 2;
        if ((long) vector * size + size - 1 > s.idtLimit) return deliver(s, GP, faultIp, idtError);
        long attributes = memory.read(tableAddress(s, s.idtBase + (long) vector * size), 8) >>> 40;
        if (((attributes >>> 5) & 3) < cpl(s)) return deliver(s, GP, faultIp, idtError);
        if ((attributes & 0x80) == 0) return deliver(s, NP, faultIp, idtError);
        return deliver(s, vector, nextIp, NO_ERROR_CODE);
    }

    private boolean deliver(CpuState s, int vector, long returnIp, long errorCode) {
        return s.codeBits() == 64 ? deliver64(s, vector, returnIp, errorCode) : deliver32(s, vector, returnIp, errorCode);
    }

    /** The IDT entry ({@code size} 8 or 16 bytes) as u64 words; throws Fault if absent, beyond the limit, or not a gate. */
    private long[] gate(CpuState s, int vector, int size) {
        if ((long) vector * size + size - 1 > s.idtLimit) throw new LinearMemory.Fault();
        long base = s.idtBase + (long) vector * size;
        long[] words = new long[size / 8];
        for (int i = 0; i < words.length; i++) words[i] = memory.read(tableAddress(s, base + 8L * i), 8);
        int type = gateType(words[0]);
        if ((words[0] & (1L << 47)) == 0 || (type != INTERRUPT_GATE && type != TRAP_GATE)) throw new LinearMemory.Fault();
        return words;
    }

    /** A GDT/IDT entry's linear address: 32-bit outside 64-bit mode (the table base wraps at 4 GiB). */
    private static long tableAddress(CpuState s, long address) {
        return s.codeBits() == 64 ? address : address & MASK32;
    }

    private static int gateType(long low) {
        return (int) (low >>> 40) & 0xF;
    }

    private static void enterHandler(CpuState s, SegmentState code, long target, int gateType) {
        s.seg[CpuState.CS] = code;
        s.rip = target;
        s.rflags &= ~(ControlBits.TF | ControlBits.NT | ControlBits.RF | ControlBits.VM);
        if (gateType == INTERRUPT_GATE) s.rflags &= ~ControlBits.IF;
    }

    private static int cpl(CpuState s) {
        return s.cs().selector() & 3;
    }

    /**
     * The code segment {@code selector} names, if a transfer to it stays at the current privilege
     * level (RPL and DPL equal to CPL; conforming segments and the LDT are not handled here).
     */
    private SegmentState codeSegment(CpuState s, int selector, boolean longMode) {
        if ((selector & 3) != cpl(s) || (selector & 4) != 0) return null; // privilege change or LDT
        if (selector == s.cs().selector()) return s.cs();
        long offset = selector & ~7L;
        if (offset == 0 || offset + 7 > s.gdtLimit) return null;
        SegmentState seg = SegmentState.fromDescriptor(selector, memory.read(tableAddress(s, s.gdtBase + offset), 8));
        boolean rightKind = longMode ? seg.longMode() && !seg.big() : seg.big() && !seg.longMode();
        boolean samePrivilege = seg.dpl() == cpl(s) && (seg.type() & 0x4) == 0; // non-conforming
        return seg.present() && seg.isCode() && rightKind && samePrivilege ? seg : null;
    }

    private static long stack(CpuState s, long esp) {
        return (s.seg[CpuState.SS].base() + (esp & MASK32)) & MASK32;
    }

    private long stackRead32(CpuState s, long esp) {
        return memory.read(stack(s, esp), 4);
    }

    private static void setEsp(CpuState s, long esp) {
        s.gpr[CpuState.RSP] = (s.gpr[CpuState.RSP] & ~MASK32) | (esp & MASK32);
    }

    private static void copyInto(CpuState from, CpuState to) {
        System.arraycopy(from.gpr, 0, to.gpr, 0, 16);
        System.arraycopy(from.seg, 0, to.seg, 0, 6);
        to.rip = from.rip;
        to.rflags = from.rflags;
    }
}
