package dev.jvmm.cpu.interp;

import static dev.jvmm.cpu.interp.Cpu.*;

import dev.jvmm.core.cpu.SegmentState;
import dev.jvmm.core.jfr.InterruptEvent;
import dev.jvmm.cpu.CpuException;

/**
 * Exception and interrupt delivery (SDM vol. 3 chapter 6): through the real-mode IVT, the
 * protected-mode IDT (16/32-bit interrupt and trap gates, with the stack switch from the TSS on a
 * privilege change) and the long-mode IDT (16-byte gates, IST, always pushing SS:RSP).
 *
 * <p>A fault while delivering a fault is combined per SDM table 6-5: contributory + contributory
 * or page fault + (page fault | contributory) gives #DF; a fault while delivering #DF is a triple
 * fault, which shuts the CPU down. Task gates switch tasks ({@link TaskSwitch}).
 */
final class Interrupts {
    static final int FAULT = 0, TRAP = 1, SOFTWARE = 2, INT3 = 3, ICEBP = 4, EXTERNAL = 5;

    private final Interpreter in;
    private final Cpu c;
    private int depth;
    /** The vector of the last exception or interrupt delivered (diagnostics, tests). */
    int lastVector = -1;
    /** The vector and error code (-1: none) of the last event raised outside a delivery: the exception an instruction raised, not the #DF or triple fault it led to. */
    int raisedVector = -1, raisedErrorCode = -1;
    /** Exceptions (faults and traps raised by the CPU), software interrupts and external interrupts delivered. */
    long exceptions, softwareInterrupts, externalInterrupts;

    Interrupts(Interpreter in) {
        this.in = in;
        this.c = in.c;
    }

    /** INT n / INT3 / INTO / INT1: RIP already points after the instruction. */
    void software(int vector, int kind) {
        if (kind == SOFTWARE && c.v86() && (c.flags & IOPL) != IOPL) throw c.gp(0);
        lastVector = raisedVector = vector;
        raisedErrorCode = -1;
        softwareInterrupts++;
        record(vector, -1, InterruptEvent.SOFTWARE);
        dispatch(vector, -1, kind);
    }

    /** A maskable interrupt from the interrupt controller, at an instruction boundary. */
    void external(int vector) {
        c.halted = false;
        deliver(vector, -1, EXTERNAL);
    }

    private static boolean contributory(int v) {
        return v == CpuException.DE || (v >= CpuException.TS && v <= CpuException.GP);
    }

    /**
     * True for the exceptions of fault class whose pushed EFLAGS image carries RF=1 (SDM vol. 3 §6.8.3,
     * §17.3.1.1: "for any fault-class exception except a debug exception generated in response to an
     * instruction breakpoint, the value pushed for RF is 1"), so that the IRET back to the faulting
     * instruction does not hit its instruction breakpoint again. #DB raised as a fault here is always an
     * instruction breakpoint; #DF and #MC are aborts; #BP, #OF and NMI never arrive as faults.
     */
    static boolean pushesResumeFlag(int vector) {
        return vector != CpuException.DB && vector != CpuException.DF && vector != CpuException.MC
                && vector != CpuException.NMI && vector != CpuException.BP && vector != CpuException.OF;
    }

    /** Delivers an exception or interrupt, turning nested faults into #DF or a triple fault. */
    void deliver(int vector, int errorCode, int kind) {
        if (vector == CpuException.PF) c.cr2 = c.mmu.faultAddress;
        // The frame (or, through a task gate, the old TSS) gets the flags with RF set; delivery then
        // clears RF in the handler's flags as for any event.
        if (kind == FAULT && pushesResumeFlag(vector)) c.flags |= RF;
        lastVector = vector;
        if (depth == 0) {
            raisedVector = vector;
            raisedErrorCode = errorCode;
        }
        if (kind == EXTERNAL) externalInterrupts++;
        else exceptions++;
        record(vector, errorCode, kind == EXTERNAL ? InterruptEvent.EXTERNAL : InterruptEvent.EXCEPTION);
        try {
            dispatch(vector, errorCode, kind);
        } catch (CpuException e) {
            int v2 = e.vector, code2 = e.errorCode;
            // EXT: the fault happened while delivering an event external to the program (an
            // interrupt or an earlier exception), SDM vol. 3 §6.13
            if (code2 >= 0 && v2 != CpuException.PF && v2 != CpuException.DF) code2 |= 1;
            if (vector == CpuException.DF || ++depth > 4) {
                depth = 0;
                in.shutdown = "triple fault (vector " + v2 + " while delivering vector " + vector + ")";
                return;
            }
            boolean df = (contributory(vector) && contributory(v2))
                    || (vector == CpuException.PF && (contributory(v2) || v2 == CpuException.PF));
            if (df) deliver(CpuException.DF, 0, FAULT);
            else deliver(v2, code2, FAULT);
        }
        depth = 0;
    }

    /** A {@code jvmm.Interrupt} JFR event, where a recording wants it, and the {@code -d int} trace. */
    private void record(int vector, int errorCode, String kind) {
        if (c.interruptTrace != null) c.interruptTrace.delivered(vector, errorCode, kind, c.segSel[CS], c.rip);
        InterruptEvent event = new InterruptEvent();
        if (!event.shouldCommit()) return;
        event.vector = vector;
        event.kind = kind;
        event.errorCode = errorCode;
        event.cs = c.segSel[CS];
        event.rip = c.rip;
        event.commit();
    }

    private void dispatch(int vector, int errorCode, int kind) {
        if (!c.protectedMode()) {
            real(vector);
        } else if (c.longModeActive()) {
            longMode(vector, errorCode, kind);
        } else {
            legacy(vector, errorCode, kind);
        }
    }

    private void real(int vector) {
        if (vector * 4 + 3 > c.idtLimit) throw c.gp(vector * 8 + 2);
        long entry = c.idtBase + vector * 4L;
        int ip = (int) c.sysRead(entry, 2);
        int cs = (int) c.sysRead(entry + 2, 2);
        c.push(2, c.flags & 0xFFFF);
        c.push(2, c.segSel[CS]);
        c.push(2, c.rip & 0xFFFF);
        c.flags &= ~(IF | TF | AC | RF);
        c.loadSegReal(CS, cs);
        c.rip = ip;
    }

    private CpuException idtFault(int vector) {
        return c.gp(vector * 8 + 2);
    }

    /** Reads an IDT gate and checks it, returning it (the 8 low bytes). */
    private long gate(int vector, int size, int kind) {
        if (vector * size + size - 1 > c.idtLimit) throw idtFault(vector);
        long g = c.sysRead(c.idtBase + (long) vector * size, 8);
        int type = (int) (g >>> 40) & 0x1F;
        int dpl = (int) (g >>> 45) & 3;
        boolean ok = size == 16 ? (type == 0xE || type == 0xF)
                : (type == 0x5 || type == 0x6 || type == 0x7 || type == 0xE || type == 0xF);
        if (!ok) throw idtFault(vector);
        if ((kind == SOFTWARE || kind == INT3) && dpl < c.cpl) throw idtFault(vector);
        if ((g & (1L << 47)) == 0) throw c.fault.raise(CpuException.NP, vector * 8 + 2);
        return g;
    }

    /** Loads and checks the handler's code segment descriptor. */
    private long handlerCs(int sel) {
        if ((sel & 0xFFFC) == 0) throw c.gp(0);
        long d = in.sys.descriptor(sel);
        int attr = (int) (d >>> 40) & 0xF0FF;
        int dpl = (attr >> 5) & 3;
        if ((attr & 0x18) != 0x18 || dpl > c.cpl) throw c.gp(sel & 0xFFFC);
        if ((attr & SegmentState.P) == 0) throw c.fault.raise(CpuException.NP, sel & 0xFFFC);
        return d;
    }

    private void legacy(int vector, int errorCode, int kind) {
        long g = gate(vector, 8, kind);
        int type = (int) (g >>> 40) & 0xF;
        if (type == 5) { // task gate: the handler is another task
            in.tasks.switchTo((int) (g >>> 16) & 0xFFFF, TaskSwitch.INT, c.rip,
                    errorCode >= 0 && kind == FAULT ? errorCode : -1);
            return;
        }
        int sel = (int) (g >>> 16) & 0xFFFF;
        long offset = (g & 0xFFFF) | ((g >>> 32) & 0xFFFF_0000L);
        boolean gate32 = (type & 8) != 0;
        int ps = gate32 ? 4 : 2;
        if (!gate32) offset &= 0xFFFF;
        long d = handlerCs(sel);
        SegmentState cs = SegmentState.fromDescriptor(sel, d);
        int dpl = cs.dpl();
        boolean conforming = (cs.type() & 4) != 0;
        if (c.v86()) {
            if (conforming || dpl != 0 || !gate32) throw c.gp(sel & 0xFFFC);
            fromV86(cs, offset, type, errorCode >= 0 && kind == FAULT ? errorCode : -1);
            return;
        }
        int newCpl = conforming ? c.cpl : dpl;
        long oldFlags = c.flags;
        int oldCs = c.segSel[CS];
        long oldIp = c.rip;
        if (offset > (cs.limit() & 0xFFFF_FFFFL)) throw c.gp(0);
        if (newCpl < c.cpl) {
            // Inter-privilege: new SS:ESP from the TSS (SDM vol. 3 §6.12.1)
            int oldSs = c.segSel[SS];
            long oldSp = c.gpr[4];
            boolean tss32 = (c.segAttr[TR] & 8) != 0;
            long tssOff = tss32 ? 4 + newCpl * 8L : 2 + newCpl * 4L;
            int spSize = tss32 ? 4 : 2;
            if (tssOff + spSize + 1 > c.segLimit[TR]) throw c.fault.raise(CpuException.TS, c.segSel[TR] & 0xFFFC);
            long newSp = c.sysRead(c.segBase[TR] + tssOff, spSize);
            int newSs = (int) c.sysRead(c.segBase[TR] + tssOff + spSize, 2);
            SegmentState ss = in.sys.checkStackSegment(newSs, newCpl, CpuException.TS);
            int n = errorCode >= 0 && kind == FAULT ? 6 : 5;
            long spMask = ss.big() ? 0xFFFF_FFFFL : 0xFFFF;
            long sp = (newSp - (long) n * ps) & spMask;
            if (sp + (long) n * ps - 1 > (ss.limit() & 0xFFFF_FFFFL) && (ss.attributes() & 4) == 0) throw c.fault.raise(CpuException.SS, newSs & 0xFFFC);
            long base = ss.base();
            long a = sp;
            if (n == 6) { c.sysWrite(base + a, ps, errorCode); a += ps; }
            c.sysWrite(base + a, ps, oldIp); a += ps;
            c.sysWrite(base + a, ps, oldCs); a += ps;
            c.sysWrite(base + a, ps, oldFlags); a += ps;
            c.sysWrite(base + a, ps, oldSp); a += ps;
            c.sysWrite(base + a, ps, oldSs);
            c.setSeg(SS, ss.selector(), ss.base(), ss.limit() & 0xFFFF_FFFFL, ss.attributes());
            c.cpl = newCpl;
            c.setReg(ss.big() ? 4 : 2, 4, sp, false);
        } else {
            if (errorCode >= 0 && kind == FAULT) {
                pushAll(ps, oldFlags, oldCs, oldIp, errorCode, true);
            } else {
                pushAll(ps, oldFlags, oldCs, oldIp, 0, false);
            }
        }
        c.setSeg(CS, (sel & 0xFFFC) | newCpl, cs.base(), cs.limit() & 0xFFFF_FFFFL, cs.attributes());
        c.updateMode();
        c.rip = offset;
        c.flags &= ~(TF | NT | RF | VM);
        if ((type & 1) == 0) c.flags &= ~IF;
    }

    /**
     * An interrupt or exception in virtual-8086 mode goes to a CPL-0 handler on the TSS ring-0 stack,
     * which receives GS, FS, DS, ES, SS, ESP, EFLAGS, CS, EIP (and the error code); the data segment
     * registers are then nulled (SDM vol. 3 §20.3.1.1, figure 20-5).
     */
    private void fromV86(SegmentState cs, long offset, int type, int errorCode) {
        long newSp = c.sysRead(c.segBase[TR] + 4, 4);
        int newSs = (int) c.sysRead(c.segBase[TR] + 8, 2);
        SegmentState ss = in.sys.checkStackSegment(newSs, 0, CpuException.TS);
        long[] frame = {c.segSel[GS], c.segSel[FS], c.segSel[DS], c.segSel[ES], c.segSel[SS], c.gpr[4] & 0xFFFF_FFFFL,
                c.flags, c.segSel[CS], c.rip, errorCode};
        int n = errorCode >= 0 ? 10 : 9;
        long sp = (newSp - 4L * n) & 0xFFFF_FFFFL;
        for (int k = 0; k < n; k++) c.sysWrite(ss.base() + sp + 4L * (n - 1 - k), 4, frame[k]);
        c.flags &= ~(TF | NT | RF | VM);
        if ((type & 1) == 0) c.flags &= ~IF;
        c.cpl = 0;
        c.setSeg(SS, ss.selector(), ss.base(), ss.limit() & 0xFFFF_FFFFL, ss.attributes());
        c.gpr[4] = sp;
        for (int seg : new int[] {ES, DS, FS, GS}) c.setSeg(seg, 0, 0, 0, SegmentState.UNUSABLE);
        c.setSeg(CS, cs.selector() & 0xFFFC, cs.base(), cs.limit() & 0xFFFF_FFFFL, cs.attributes());
        c.updateMode();
        c.rip = offset;
    }

    /** Same-privilege pushes, checked before any state changes. */
    private void pushAll(int ps, long flags, int cs, long ip, int code, boolean withCode) {
        int ss = c.stackSize();
        int n = withCode ? 4 : 3;
        long top = (c.gpr[4] - (long) n * ps) & Cpu.mask(ss);
        long lin = c.linear(SS, top, n * ps, true);
        long a = lin;
        boolean user = c.cpl == 3;
        if (withCode) { c.mmu.write(a, ps, code, user); a += ps; }
        c.mmu.write(a, ps, ip, user); a += ps;
        c.mmu.write(a, ps, cs, user); a += ps;
        c.mmu.write(a, ps, flags, user);
        c.setReg(ss, 4, top, false);
    }

    private void longMode(int vector, int errorCode, int kind) {
        long g = gate(vector, 16, kind);
        long hi = c.sysRead(c.idtBase + vector * 16L + 8, 8);
        int type = (int) (g >>> 40) & 0xF;
        int sel = (int) (g >>> 16) & 0xFFFF;
        long offset = (g & 0xFFFF) | ((g >>> 32) & 0xFFFF_0000L) | (hi << 32);
        int ist = (int) (g >>> 32) & 7;
        long d = handlerCs(sel);
        SegmentState cs = SegmentState.fromDescriptor(sel, d);
        if (!cs.longMode() || cs.big()) throw c.gp(sel & 0xFFFC);
        boolean conforming = (cs.type() & 4) != 0;
        int newCpl = conforming ? c.cpl : cs.dpl();
        if (((offset << 16) >> 16) != offset) throw c.gp(0);
        long oldSp = c.gpr[4];
        int oldSs = c.segSel[SS];
        long sp = oldSp;
        if (newCpl < c.cpl || ist != 0) {
            long tssOff = ist != 0 ? 0x24 + (ist - 1) * 8L : 4 + newCpl * 8L;
            if (tssOff + 7 > c.segLimit[TR]) throw c.fault.raise(CpuException.TS, c.segSel[TR] & 0xFFFC);
            sp = c.sysRead(c.segBase[TR] + tssOff, 8);
        }
        sp &= ~0xFL;
        boolean withCode = errorCode >= 0 && kind == FAULT;
        int n = withCode ? 6 : 5;
        long top = sp - n * 8L;
        if (((top << 16) >> 16) != top) throw c.fault.raise(CpuException.SS, 0);
        boolean user = newCpl == 3;
        long a = top;
        if (withCode) { c.mmu.write(a, 8, errorCode, user); a += 8; }
        c.mmu.write(a, 8, c.rip, user); a += 8;
        c.mmu.write(a, 8, c.segSel[CS], user); a += 8;
        c.mmu.write(a, 8, c.flags, user); a += 8;
        c.mmu.write(a, 8, oldSp, user); a += 8;
        c.mmu.write(a, 8, oldSs, user);
        if (newCpl < c.cpl) c.setSeg(SS, newCpl, 0, 0, SegmentState.UNUSABLE | (newCpl << 5));
        c.cpl = newCpl;
        c.gpr[4] = top;
        c.setSeg(CS, (sel & 0xFFFC) | newCpl, cs.base(), cs.limit() & 0xFFFF_FFFFL, cs.attributes());
        c.updateMode();
        c.rip = offset;
        c.flags &= ~(TF | NT | RF | VM);
        if ((type & 1) == 0) c.flags &= ~IF;
    }
}
