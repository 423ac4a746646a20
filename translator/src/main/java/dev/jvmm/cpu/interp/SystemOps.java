package dev.jvmm.cpu.interp;

import static dev.jvmm.cpu.interp.Cpu.*;

import dev.jvmm.core.cpu.SegmentState;
import dev.jvmm.cpu.CpuException;

/**
 * Segment loads with protected-mode checks (SDM vol. 3 §5.5-5.8), far JMP/CALL/RET, IRET,
 * flag-register instructions that depend on privilege (PUSHF, POPF, CLI, STI), HLT, I/O
 * permission checks. Far CALL/JMP through call gates are supported (with the
 * stack switch for a CALL inward), and to TSSes and task gates ({@link TaskSwitch}); IRET into
 * and within virtual-8086 mode.
 */
final class SystemOps {
    private final Interpreter in;
    private final Cpu c;

    SystemOps(Interpreter in) {
        this.in = in;
        this.c = in.c;
    }

    private boolean pm() {
        return c.protectedMode() && !c.v86();
    }

    /** The raw 8-byte descriptor named by {@code sel} in the GDT or LDT, or #GP(sel). */
    long descriptor(int sel) {
        long base, limit;
        if ((sel & 4) != 0) {
            if ((c.segAttr[LDTR] & SegmentState.UNUSABLE) != 0 || (c.segSel[LDTR] & 0xFFFC) == 0) throw c.gp(sel & 0xFFFC);
            base = c.segBase[LDTR];
            limit = c.segLimit[LDTR];
        } else {
            base = c.gdtBase;
            limit = c.gdtLimit;
        }
        long off = sel & 0xFFF8L;
        if (off + 7 > limit) throw c.gp(sel & 0xFFFC);
        return c.sysRead(base + off, 8);
    }

    private long descriptorAddress(int sel) {
        return ((sel & 4) != 0 ? c.segBase[LDTR] : c.gdtBase) + (sel & 0xFFF8L);
    }

    private void setAccessed(int sel, long d) {
        if ((d & (1L << 40)) == 0) {
            long a = descriptorAddress(sel) + 5;
            c.sysWrite(a, 1, ((d >>> 40) & 0xFF) | 1);
        }
    }

    /** Checks a stack segment selector for privilege level {@code cpl}; faults use {@code vector}. */
    SegmentState checkStackSegment(int sel, int cpl, int vector) {
        if ((sel & 0xFFFC) == 0) throw c.fault.raise(vector, 0);
        long d = descriptor(sel);
        int attr = (int) (d >>> 40) & 0xF0FF;
        if ((sel & 3) != cpl || (attr & 0x1A) != 0x12 || ((attr >> 5) & 3) != cpl) throw c.fault.raise(vector, sel & 0xFFFC);
        if ((attr & SegmentState.P) == 0) throw c.fault.raise(CpuException.SS, sel & 0xFFFC);
        setAccessed(sel, d);
        return SegmentState.fromDescriptor(sel, d | (1L << 40));
    }

    /** MOV/POP/LDS... to a data or stack segment register. */
    void loadSeg(int seg, int sel) {
        sel &= 0xFFFF;
        if (!pm()) {
            c.loadSegReal(seg, sel);
            return;
        }
        int rpl = sel & 3;
        if ((sel & 0xFFFC) == 0) {
            if (seg == SS) {
                if (c.mode == 64 && c.cpl != 3 && rpl == c.cpl) {
                    c.setSeg(SS, sel, 0, 0, SegmentState.UNUSABLE | (c.cpl << 5));
                    return;
                }
                throw c.gp(0);
            }
            c.setSeg(seg, sel, 0, 0, SegmentState.UNUSABLE);
            return;
        }
        if (seg == SS) {
            SegmentState s = checkStackSegment(sel, c.cpl, CpuException.GP);
            c.setSeg(SS, sel, s.base(), s.limit() & 0xFFFF_FFFFL, s.attributes());
            return;
        }
        long d = descriptor(sel);
        int attr = (int) (d >>> 40) & 0xF0FF;
        int dpl = (attr >> 5) & 3;
        if ((attr & 0x10) == 0 || (attr & 0xA) == 0x8) throw c.gp(sel & 0xFFFC);
        boolean conformingCode = (attr & 0xC) == 0xC;
        if (!conformingCode && (rpl > dpl || c.cpl > dpl)) throw c.gp(sel & 0xFFFC);
        if ((attr & SegmentState.P) == 0) throw c.fault.raise(CpuException.NP, sel & 0xFFFC);
        setAccessed(sel, d);
        SegmentState s = SegmentState.fromDescriptor(sel, d | (1L << 40));
        c.setSeg(seg, sel, s.base(), s.limit() & 0xFFFF_FFFFL, s.attributes());
    }

    /** Checks a far-transfer target code segment and returns it (SDM vol. 3 §5.8.1). */
    private SegmentState codeTarget(int sel, boolean isReturn) {
        if ((sel & 0xFFFC) == 0) throw c.gp(0);
        long d = descriptor(sel);
        int attr = (int) (d >>> 40) & 0xF0FF;
        if ((attr & 0x18) != 0x18) throw c.gp(sel & 0xFFFC); // gates, TSS, data: not supported / invalid
        int dpl = (attr >> 5) & 3;
        int rpl = sel & 3;
        boolean conforming = (attr & 4) != 0;
        if (isReturn) {
            if (rpl < c.cpl || (conforming ? dpl > rpl : dpl != rpl)) throw c.gp(sel & 0xFFFC);
        } else if (conforming ? dpl > c.cpl : (rpl > c.cpl || dpl != c.cpl)) {
            throw c.gp(sel & 0xFFFC);
        }
        if ((attr & SegmentState.P) == 0) throw c.fault.raise(CpuException.NP, sel & 0xFFFC);
        if (c.longModeActive() && (attr & SegmentState.L) != 0 && (attr & SegmentState.DB) != 0) throw c.gp(sel & 0xFFFC);
        setAccessed(sel, d);
        return SegmentState.fromDescriptor(sel, d | (1L << 40));
    }

    private void loadCs(SegmentState s, int cpl, long rip) {
        boolean is64 = c.longModeActive() && s.longMode();
        if (!is64 && rip > (s.limit() & 0xFFFF_FFFFL)) throw c.gp(0);
        if (is64 && ((rip << 16) >> 16) != rip) throw c.gp(0);
        c.setSeg(CS, (s.selector() & 0xFFFC) | cpl, s.base(), s.limit() & 0xFFFF_FFFFL, s.attributes());
        c.cpl = cpl;
        c.updateMode();
        c.rip = rip;
    }

    void farJump(int sel, long off) {
        if (!pm()) {
            if (off > c.segLimit[CS]) throw c.gp(0);
            c.loadSegReal(CS, sel);
            c.rip = off;
            return;
        }
        if (isCallGate(sel)) {
            throughGate(sel, false);
            return;
        }
        if (isTask(sel)) {
            toTask(sel, TaskSwitch.JMP);
            return;
        }
        SegmentState s = codeTarget(sel, false);
        loadCs(s, c.cpl, off);
    }

    /** True if {@code sel} names a TSS (available or busy) or a task gate: a far transfer switches tasks. */
    private boolean isTask(int sel) {
        if ((sel & 0xFFFC) == 0 || c.longModeActive()) return false;
        int type = (int) (descriptor(sel) >>> 40) & 0x1F;
        return type == 9 || type == 0xB || type == 5 || type == 1 || type == 3;
    }

    /** Far JMP/CALL to a TSS or through a task gate (DPL >= max(CPL, RPL) for either). */
    private void toTask(int sel, int reason) {
        long d = descriptor(sel);
        int dpl = (int) (d >>> 45) & 3;
        if (dpl < c.cpl || dpl < (sel & 3)) throw c.gp(sel & 0xFFFC);
        if ((d & (1L << 47)) == 0) throw c.fault.raise(CpuException.NP, sel & 0xFFFC);
        int target = ((d >>> 40) & 0x1F) == 5 ? (int) (d >>> 16) & 0xFFFF : sel;
        in.tasks.switchTo(target, reason, c.rip, -1);
    }

    /** True if {@code sel} names a call gate (types 4 and 0xC; only 0xC in long mode). */
    private boolean isCallGate(int sel) {
        if ((sel & 0xFFFC) == 0) return false;
        int type = (int) (descriptor(sel) >>> 40) & 0x1F;
        return type == 0xC || (type == 4 && !c.longModeActive());
    }

    /**
     * A far JMP or CALL through a call gate (SDM vol. 3 §5.8.4-5.8.6): gate DPL >= max(CPL, RPL);
     * a CALL to a more privileged non-conforming segment switches to the TSS stack of that level,
     * copying the gate's parameter count of stack entries (legacy mode).
     */
    private void throughGate(int gateSel, boolean call) {
        long g = descriptor(gateSel);
        int gateDpl = (int) (g >>> 45) & 3;
        if (gateDpl < c.cpl || gateDpl < (gateSel & 3)) throw c.gp(gateSel & 0xFFFC);
        if ((g & (1L << 47)) == 0) throw c.fault.raise(CpuException.NP, gateSel & 0xFFFC);
        boolean gate32 = ((g >>> 40) & 8) != 0;
        boolean lm = c.longModeActive();
        int sel = (int) (g >>> 16) & 0xFFFF;
        long off = (g & 0xFFFF) | (gate32 ? (g >>> 32) & 0xFFFF_0000L : 0);
        if (lm) {
            long hi = c.sysRead(((gateSel & 4) != 0 ? c.segBase[LDTR] : c.gdtBase) + (gateSel & 0xFFF8) + 8, 8);
            if (((hi >>> 40) & 0x1F) != 0) throw c.gp(gateSel & 0xFFFC);
            off |= hi << 32;
        }
        if ((sel & 0xFFFC) == 0) throw c.gp(0);
        long d = descriptor(sel);
        int attr = (int) (d >>> 40) & 0xF0FF;
        int dpl = (attr >> 5) & 3;
        boolean conforming = (attr & 4) != 0;
        if ((attr & 0x18) != 0x18 || dpl > c.cpl || (!call && !conforming && dpl != c.cpl)) throw c.gp(sel & 0xFFFC);
        if ((attr & SegmentState.P) == 0) throw c.fault.raise(CpuException.NP, sel & 0xFFFC);
        if (lm && (!((attr & SegmentState.L) != 0) || (attr & SegmentState.DB) != 0)) throw c.gp(sel & 0xFFFC);
        SegmentState cs = SegmentState.fromDescriptor(sel, d);
        int ps = lm ? 8 : gate32 ? 4 : 2;
        if (!call) {
            loadCs(cs, c.cpl, off);
            return;
        }
        int oldCs = c.segSel[CS];
        long ret = c.rip;
        if (!conforming && dpl < c.cpl) {
            int oldSs = c.segSel[SS];
            long oldSp = c.gpr[4];
            long newSp;
            SegmentState ss;
            if (lm) {
                newSp = c.sysRead(c.segBase[TR] + 4 + dpl * 8L, 8);
                ss = new SegmentState(dpl, 0, 0, SegmentState.UNUSABLE | (dpl << 5));
            } else {
                boolean tss32 = (c.segAttr[TR] & 8) != 0;
                long at = tss32 ? 4 + dpl * 8L : 2 + dpl * 4L;
                newSp = c.sysRead(c.segBase[TR] + at, tss32 ? 4 : 2);
                int newSs = (int) c.sysRead(c.segBase[TR] + at + (tss32 ? 4 : 2), 2);
                ss = checkStackSegment(newSs, dpl, CpuException.TS);
            }
            int params = lm ? 0 : (int) (g >>> 32) & 0x1F;
            long[] copied = new long[params];
            for (int k = 0; k < params; k++) copied[k] = c.peek(ps, (long) (params - 1 - k) * ps);
            c.setSeg(SS, ss.selector(), ss.base(), ss.limit() & 0xFFFF_FFFFL, ss.attributes());
            c.cpl = dpl;
            if (lm) c.gpr[4] = newSp & ~0xFL;
            else c.setReg(ss.big() ? 4 : 2, 4, newSp, false);
            c.push(ps, oldSs);
            c.push(ps, oldSp); // all of ESP even from a 16-bit stack, as interrupt delivery saves it (SDM CALL: Push(oldSS:oldESP))
            for (long v : copied) c.push(ps, v);
        }
        c.push(ps, oldCs);
        c.push(ps, ret);
        loadCs(cs, c.cpl, off);
    }

    void farCall(int sel, long off) {
        int os = in.i.opSize;
        if (!pm()) {
            if (off > c.segLimit[CS]) throw c.gp(0);
            int oldCs = c.segSel[CS];
            long ret = c.rip;
            c.push(os, oldCs);
            c.push(os, ret);
            c.loadSegReal(CS, sel);
            c.rip = off;
            return;
        }
        if (isCallGate(sel)) {
            throughGate(sel, true);
            return;
        }
        if (isTask(sel)) {
            toTask(sel, TaskSwitch.CALL);
            return;
        }
        SegmentState s = codeTarget(sel, false);
        int oldCs = c.segSel[CS];
        long ret = c.rip;
        long oldSp = c.gpr[4];
        c.push(os, oldCs);
        c.push(os, ret);
        try {
            loadCs(s, c.cpl, off);
        } catch (CpuException e) {
            c.gpr[4] = oldSp;
            throw e;
        }
    }

    void farReturn(int popBytes) {
        int os = in.i.opSize;
        if (!pm()) {
            long ip = c.peek(os, 0);
            int cs = (int) c.peek(os, os) & 0xFFFF;
            if (ip > c.segLimit[CS]) throw c.gp(0);
            c.setSp(c.sp() + 2L * os + popBytes);
            c.loadSegReal(CS, cs);
            c.rip = ip;
            return;
        }
        long ip = c.peek(os, 0);
        int sel = (int) c.peek(os, os) & 0xFFFF;
        SegmentState s = codeTarget(sel, true);
        int rpl = sel & 3;
        if (rpl == c.cpl) {
            loadCs(s, rpl, ip);
            c.setSp(c.sp() + 2L * os + popBytes);
            return;
        }
        long newSp = c.peek(os, 2L * os + popBytes);
        int newSs = (int) c.peek(os, 3L * os + popBytes) & 0xFFFF;
        returnToOuter(s, rpl, ip, newSp + popBytes, newSs);
    }

    private void returnToOuter(SegmentState cs, int rpl, long ip, long newSp, int newSs) {
        SegmentState ss;
        if (c.mode == 64 && (newSs & 0xFFFC) == 0 && rpl != 3) {
            ss = new SegmentState(newSs, 0, 0, SegmentState.UNUSABLE | (rpl << 5));
        } else {
            ss = checkStackSegment(newSs, rpl, CpuException.GP);
        }
        loadCs(cs, rpl, ip);
        c.setSeg(SS, ss.selector(), ss.base(), ss.limit() & 0xFFFF_FFFFL, ss.attributes());
        if (c.mode == 64) c.gpr[4] = newSp;
        else c.setReg(ss.big() ? 4 : 2, 4, newSp, false);
        for (int seg : new int[] {ES, DS, FS, GS}) {
            int a = c.segAttr[seg];
            boolean dataOrNc = (a & 0xC) != 0xC;
            if ((a & SegmentState.UNUSABLE) == 0 && dataOrNc && ((a >> 5) & 3) < rpl) {
                c.setSeg(seg, 0, 0, 0, SegmentState.UNUSABLE);
            }
        }
    }

    void iret() {
        if (c.nmiBlocked) c.interrupts.nmiHandlerEnded();
        c.nmiBlocked = false; // even an IRET that faults ends NMI blocking (SDM vol. 3 §6.7.1)
        int os = in.i.opSize;
        if (!c.protectedMode()) {
            long ip = c.peek(os, 0);
            int cs = (int) c.peek(os, os) & 0xFFFF;
            long fl = c.peek(os, 2L * os);
            if (ip > c.segLimit[CS]) throw c.gp(0);
            c.setSp(c.sp() + 3L * os);
            c.loadSegReal(CS, cs);
            c.rip = ip;
            writeFlags(fl, os == 2 ? 0xFFFF : 0x3F_7FD7L, true);
            return;
        }
        if (c.v86()) { // IOPL-sensitive: with IOPL 3 a real-mode style IRET that keeps VM and IOPL
            if (iopl() != 3) throw c.gp(0);
            long ip = c.peek(os, 0);
            int cs = (int) c.peek(os, os) & 0xFFFF;
            long fl = c.peek(os, 2L * os);
            if (ip > 0xFFFF) throw c.gp(0);
            c.setSp(c.sp() + 3L * os);
            c.loadSegReal(CS, cs);
            c.rip = ip;
            writeFlags(fl, os == 2 ? 0xFFFF : 0x3F_7FD7L & ~(VM | IOPL | VIP | VIF), true);
            return;
        }
        if ((c.flags & NT) != 0 && !c.longModeActive()) { // return to the task that called this one
            int link = (int) c.sysRead(c.segBase[TR], 2);
            in.tasks.switchTo(link, TaskSwitch.IRET, c.rip, -1);
            return;
        }
        long ip = c.peek(os, 0);
        int sel = (int) c.peek(os, os) & 0xFFFF;
        long fl = c.peek(os, 2L * os);
        if ((fl & VM) != 0 && c.cpl == 0 && os == 4 && !c.longModeActive()) {
            returnToV86(ip, sel, fl);
            return;
        }
        SegmentState s = codeTarget(sel, true);
        int rpl = sel & 3;
        int oldCpl = c.cpl;
        long flagMask = os == 2 ? 0xFFFF : 0x3F_7FD7L;
        if (rpl == c.cpl && c.mode != 64) {
            loadCs(s, rpl, ip);
            c.setSp(c.sp() + 3L * os);
        } else {
            long newSp = c.peek(os, 3L * os);
            int newSs = (int) c.peek(os, 4L * os) & 0xFFFF;
            if (rpl == c.cpl) {
                SegmentState ss = (newSs & 0xFFFC) == 0 && rpl != 3
                        ? new SegmentState(newSs, 0, 0, SegmentState.UNUSABLE | (rpl << 5))
                        : checkStackSegment(newSs, rpl, CpuException.GP);
                loadCs(s, rpl, ip);
                c.setSeg(SS, ss.selector(), ss.base(), ss.limit() & 0xFFFF_FFFFL, ss.attributes());
                c.gpr[4] = newSp;
            } else {
                returnToOuter(s, rpl, ip, newSp, newSs);
            }
        }
        int saved = c.cpl;
        c.cpl = oldCpl; // flag privileges are those of the IRET itself
        writeFlags(fl, flagMask, true);
        c.cpl = saved;
    }

    /**
     * IRET from CPL 0 to virtual-8086 mode (SDM vol. 3 §20.3): after EIP, CS and EFLAGS the stack
     * holds ESP, SS, ES, DS, FS, GS; segments are loaded real-mode style and CPL becomes 3.
     */
    private void returnToV86(long ip, int cs, long fl) {
        long esp = c.peek(4, 12);
        int ss = (int) c.peek(4, 16) & 0xFFFF;
        int es = (int) c.peek(4, 20) & 0xFFFF, ds = (int) c.peek(4, 24) & 0xFFFF;
        int fs = (int) c.peek(4, 28) & 0xFFFF, gs = (int) c.peek(4, 32) & 0xFFFF;
        c.flags = (fl & 0x3F_7FD7L) | 2 | VM;
        c.cpl = 3;
        int[] sels = {es, cs, ss, ds, fs, gs};
        for (int seg = 0; seg < 6; seg++) c.loadSegReal(seg, sels[seg]);
        c.updateMode();
        c.gpr[4] = esp & 0xFFFF_FFFFL;
        c.rip = ip & 0xFFFF;
    }

    /**
     * Writes RFLAGS bits under {@code mask} with the privilege rules of POPF/IRET (SDM vol. 2
     * "POPF"): IOPL only at CPL 0, IF only when CPL <= IOPL; VM, VIP, VIF never through POPF.
     */
    void writeFlags(long v, long mask, boolean iret) {
        long changeable = 0x3F_7FD5L & mask;
        if (c.protectedMode()) {
            if (c.cpl > 0) changeable &= ~IOPL;
            if (c.cpl > ((c.flags >> 12) & 3)) changeable &= ~IF;
        }
        if (!iret || c.cpl > 0 || !c.protectedMode()) changeable &= ~(VM | VIP | VIF);
        if (c.longModeActive()) changeable &= ~VM; // there is no virtual-8086 mode in IA-32e mode
        c.flags = (c.flags & ~changeable) | (v & changeable) | 2;
        if (!iret) c.flags &= ~RF;
        c.updateMode();
    }

    void pushf() {
        if (c.v86() && (c.flags & IOPL) != IOPL) throw c.gp(0);
        int os = in.i.opSize;
        c.push(os, c.flags & ~(VM | RF) & Cpu.mask(os));
    }

    void popf() {
        if (c.v86() && (c.flags & IOPL) != IOPL) throw c.gp(0);
        int os = in.i.opSize;
        long v = c.pop(os);
        writeFlags(v, os == 2 ? 0xFFFF : -1L, false);
    }

    private int iopl() {
        return (int) (c.flags >> 12) & 3;
    }

    void cli() {
        if (c.protectedMode() && c.cpl > iopl()) throw c.gp(0);
        c.flags &= ~IF;
    }

    void sti() {
        if (c.protectedMode() && c.cpl > iopl()) throw c.gp(0);
        if ((c.flags & IF) == 0) c.interruptShadow = true;
        c.flags |= IF;
    }

    void hlt() {
        if (c.cpl != 0) throw c.gp(0);
        c.halted = true;
    }

    /** I/O permission: CPL <= IOPL, or the TSS I/O bitmap allows every byte (SDM vol. 1 §19.5). */
    void checkIo(int port, int size) {
        if (!c.protectedMode() || (c.cpl <= iopl() && !c.v86())) return;
        int type = c.segAttr[TR] & 0xF;
        if (type != 9 && type != 0xB) throw c.gp(0);
        long base = c.segBase[TR];
        if (0x67 > c.segLimit[TR]) throw c.gp(0);
        long mapOff = c.sysRead(base + 0x66, 2);
        long byteOff = mapOff + (port >> 3);
        if (byteOff + 1 > c.segLimit[TR]) throw c.gp(0);
        int bits = (int) c.sysRead(base + byteOff, 2);
        int need = ((1 << size) - 1) << (port & 7);
        if ((bits & need) != 0) throw c.gp(0);
    }

    void arpl() {
        if (!pm()) throw in.ud();
        long dst = in.readRmForWrite(2);
        long src = in.getReg(2);
        if ((dst & 3) < (src & 3)) {
            in.writeRm(2, (dst & ~3L) | (src & 3), true);
            c.flags |= ZF;
        } else {
            c.flags &= ~ZF;
        }
    }
}
