package dev.jvmm.cpu.interp;

import static dev.jvmm.cpu.interp.Cpu.*;

import dev.jvmm.core.cpu.SegmentState;
import dev.jvmm.cpu.CpuException;

/**
 * Hardware task switching with 32-bit TSSes (SDM vol. 3 §8.3): far JMP/CALL to a TSS descriptor or
 * a task gate, INT n or an exception through a task gate, and IRET with NT=1 back along the link.
 * The current state is saved into the old TSS, busy bits and the back link are updated, CR0.TS is
 * set, and the new task's registers, CR3, LDTR and segments are loaded (faults there are #TS with
 * the offending selector). 16-bit TSSes, virtual-8086 tasks and long mode (where task switches do
 * not exist) are refused with #GP / #TS.
 */
final class TaskSwitch {
    static final int JMP = 0, CALL = 1, IRET = 2, INT = 3;

    private final Interpreter in;
    private final Cpu c;

    TaskSwitch(Interpreter in) {
        this.in = in;
        this.c = in.c;
    }

    private long descriptorAddress(int sel) {
        return c.gdtBase + (sel & 0xFFF8L);
    }

    private CpuException ts(int sel) {
        return c.fault.raise(CpuException.TS, sel & 0xFFFC);
    }

    /**
     * Switches to the task whose TSS selector is {@code sel}. {@code returnEip} is saved as the
     * old task's EIP; {@code errorCode} (or -1) is pushed on the new task's stack (exceptions).
     */
    void switchTo(int sel, int reason, long returnEip, int errorCode) {
        if (c.longModeActive()) throw c.gp(sel & 0xFFFC);
        if ((sel & 4) != 0 || (sel & 0xFFFC) == 0) throw reason == IRET ? ts(sel) : c.gp(sel & 0xFFFC);
        long d = in.sys.descriptor(sel);
        int type = (int) (d >>> 40) & 0x1F;
        int wanted = reason == IRET ? 0xB : 0x9;
        if (type != wanted) throw reason == IRET ? ts(sel) : c.gp(sel & 0xFFFC);
        if ((d & (1L << 47)) == 0) throw c.fault.raise(CpuException.NP, sel & 0xFFFC);
        SegmentState tss = SegmentState.fromDescriptor(sel, d);
        if ((tss.limit() & 0xFFFF_FFFFL) < 0x67) throw ts(sel);
        if ((c.segAttr[TR] & 0xF) != 0xB) throw ts(c.segSel[TR]); // the current task must be a busy 32-bit TSS
        long nb = tss.base();
        // Read the new task's state first, so an unreadable TSS faults before anything changes.
        long eip = c.sysRead(nb + 0x20, 4), eflags = c.sysRead(nb + 0x24, 4), cr3 = c.sysRead(nb + 0x1C, 4);
        long[] regs = new long[8];
        for (int k = 0; k < 8; k++) regs[k] = c.sysRead(nb + 0x28 + 4L * k, 4);
        int[] sels = new int[6];
        for (int k = 0; k < 6; k++) sels[k] = (int) c.sysRead(nb + 0x48 + 4L * k, 2);
        int ldt = (int) c.sysRead(nb + 0x60, 2);
        if ((eflags & VM) != 0) throw ts(sel); // virtual-8086 tasks are not supported
        // Save the outgoing task (its dynamic fields).
        long ob = c.segBase[TR];
        long oldFlags = c.flags;
        if (reason == IRET) oldFlags &= ~NT;
        c.sysWrite(ob + 0x20, 4, returnEip);
        c.sysWrite(ob + 0x24, 4, oldFlags);
        for (int k = 0; k < 8; k++) c.sysWrite(ob + 0x28 + 4L * k, 4, c.gpr[k]);
        for (int k = 0; k < 6; k++) c.sysWrite(ob + 0x48 + 4L * k, 2, c.segSel[k]);
        int oldTr = c.segSel[TR];
        if (reason == JMP || reason == IRET) { // the old task is no longer busy
            long a = descriptorAddress(oldTr) + 5;
            c.sysWrite(a, 1, c.sysRead(a, 1) & ~2L);
        }
        if (reason != IRET) { // the new task becomes busy
            long a = descriptorAddress(sel) + 5;
            c.sysWrite(a, 1, c.sysRead(a, 1) | 2);
        }
        if (reason == CALL || reason == INT) {
            c.sysWrite(nb, 2, oldTr);
            eflags |= NT;
        }
        c.setSeg(TR, sel, nb, tss.limit() & 0xFFFF_FFFFL, (tss.attributes() & ~0xF) | 0xB);
        c.cr0 |= 8; // TS
        if ((c.cr0 & (1L << 31)) != 0) {
            c.cr3 = cr3;
            c.updateMmu();
        }
        // Load the new task's registers, then its segments with the checks of a task switch.
        c.rip = eip;
        c.flags = (eflags & 0x3F_7FD7L) | 2;
        System.arraycopy(regs, 0, c.gpr, 0, 8);
        for (int k = 8; k < 16; k++) c.gpr[k] = 0;
        loadSegments(sels, ldt);
        if (errorCode >= 0) c.push((c.segAttr[CS] & SegmentState.DB) != 0 ? 4 : 2, errorCode);
        if (c.rip > c.segLimit[CS]) throw c.gp(0);
    }

    private void loadSegments(int[] sels, int ldt) {
        // Selectors first (as the CPU does), so a fault below reports them in the new task.
        for (int k = 0; k < 6; k++) c.setSeg(k, sels[k], 0, 0, SegmentState.UNUSABLE);
        c.setSeg(LDTR, ldt, 0, 0, SegmentState.UNUSABLE);
        if ((ldt & 0xFFFC) != 0) {
            if ((ldt & 4) != 0) throw ts(ldt);
            long d = gdtEntry(ldt);
            int attr = (int) (d >>> 40) & 0xF0FF;
            if ((attr & 0x1F) != 2) throw ts(ldt);
            if ((attr & SegmentState.P) == 0) throw ts(ldt);
            SegmentState s = SegmentState.fromDescriptor(ldt, d);
            c.setSeg(LDTR, ldt, s.base(), s.limit() & 0xFFFF_FFFFL, attr);
        }
        int cs = sels[CS];
        int cpl = cs & 3;
        if ((cs & 0xFFFC) == 0) throw ts(cs);
        long d = in.sys.descriptor(cs);
        int attr = (int) (d >>> 40) & 0xF0FF;
        int dpl = (attr >> 5) & 3;
        boolean conforming = (attr & 4) != 0;
        if ((attr & 0x18) != 0x18 || (conforming ? dpl > cpl : dpl != cpl)) throw ts(cs);
        if ((attr & SegmentState.P) == 0) throw c.fault.raise(CpuException.NP, cs & 0xFFFC);
        SegmentState code = SegmentState.fromDescriptor(cs, d);
        c.setSeg(CS, cs, code.base(), code.limit() & 0xFFFF_FFFFL, code.attributes());
        c.cpl = cpl;
        c.updateMode();
        try {
            SegmentState ss = in.sys.checkStackSegment(sels[SS], cpl, CpuException.TS);
            c.setSeg(SS, sels[SS], ss.base(), ss.limit() & 0xFFFF_FFFFL, ss.attributes());
            for (int seg : new int[] {ES, DS, FS, GS}) in.sys.loadSeg(seg, sels[seg]);
        } catch (CpuException e) {
            if (e.vector == CpuException.GP) throw ts(e.errorCode);
            throw e;
        }
    }

    private long gdtEntry(int sel) {
        if ((sel & 0xFFF8L) + 7 > c.gdtLimit) throw ts(sel);
        return c.sysRead(c.gdtBase + (sel & 0xFFF8L), 8);
    }
}
