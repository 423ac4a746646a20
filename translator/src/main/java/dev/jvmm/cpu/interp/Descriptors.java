package dev.jvmm.cpu.interp;

import static dev.jvmm.cpu.interp.Cpu.*;

import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.core.cpu.SegmentState;
import dev.jvmm.cpu.CpuException;
import dev.jvmm.cpu.decode.Insn;

/** Descriptor-table instructions: groups 6 and 7 of the 0F map (SLDT ... INVLPG), LAR and LSL. */
final class Descriptors {
    private Descriptors() {}

    private static void needPm(Interpreter in) {
        if (!in.c.protectedMode() || in.c.v86()) throw in.ud();
    }

    private static void needCpl0(Cpu c) {
        if (c.cpl != 0) throw c.gp(0);
    }

    static void group6(Interpreter in) {
        Insn i = in.i;
        Cpu c = in.c;
        needPm(in);
        switch (i.reg & 7) {
            case 0 -> in.writeRm(i.mod == 3 ? i.opSize : 2, c.segSel[LDTR], false);
            case 1 -> in.writeRm(i.mod == 3 ? i.opSize : 2, c.segSel[TR], false);
            case 2 -> {
                needCpl0(c);
                int sel = (int) in.readRm(2);
                if ((sel & 0xFFFC) == 0) {
                    c.setSeg(LDTR, sel, 0, 0, SegmentState.UNUSABLE);
                    return;
                }
                if ((sel & 4) != 0) throw c.gp(sel & 0xFFFC);
                long d = in.sys.descriptor(sel);
                int attr = (int) (d >>> 40) & 0xF0FF;
                if ((attr & 0x1F) != 2) throw c.gp(sel & 0xFFFC);
                if ((attr & SegmentState.P) == 0) throw c.fault.raise(CpuException.NP, sel & 0xFFFC);
                SegmentState s = SegmentState.fromDescriptor(sel, d);
                long base = s.base();
                if (c.longModeActive()) base |= c.sysRead(c.gdtBase + (sel & 0xFFF8) + 8, 4) << 32;
                c.setSeg(LDTR, sel, base, s.limit() & 0xFFFF_FFFFL, attr);
            }
            case 3 -> {
                needCpl0(c);
                int sel = (int) in.readRm(2);
                if ((sel & 0xFFFC) == 0 || (sel & 4) != 0) throw c.gp(sel & 0xFFFC);
                long d = in.sys.descriptor(sel);
                int attr = (int) (d >>> 40) & 0xF0FF;
                int type = attr & 0x1F;
                if (type != 1 && type != 9) throw c.gp(sel & 0xFFFC); // an available TSS
                if ((attr & SegmentState.P) == 0) throw c.fault.raise(CpuException.NP, sel & 0xFFFC);
                SegmentState s = SegmentState.fromDescriptor(sel, d);
                long base = s.base();
                if (c.longModeActive()) base |= c.sysRead(c.gdtBase + (sel & 0xFFF8) + 8, 4) << 32;
                c.sysWrite(c.gdtBase + (sel & 0xFFF8) + 5, 1, ((d >>> 40) & 0xFF) | 2); // mark busy
                c.setSeg(TR, sel, base, s.limit() & 0xFFFF_FFFFL, attr | 2);
            }
            case 4, 5 -> { // VERR, VERW
                int sel = (int) in.readRm(2);
                boolean ok = false;
                if ((sel & 0xFFFC) != 0) {
                    try {
                        long d = in.sys.descriptor(sel);
                        int attr = (int) (d >>> 40) & 0xF0FF;
                        int dpl = (attr >> 5) & 3;
                        boolean conforming = (attr & 0x1C) == 0x1C;
                        boolean privOk = conforming || (dpl >= c.cpl && dpl >= (sel & 3));
                        if ((attr & 0x10) != 0 && privOk) {
                            boolean code = (attr & 8) != 0;
                            ok = (i.reg & 7) == 4 ? (!code || (attr & 2) != 0) : (!code && (attr & 2) != 0);
                        }
                    } catch (CpuException e) {
                        if (e.vector != CpuException.GP) throw e;
                    }
                }
                c.flags = ok ? c.flags | ZF : c.flags & ~ZF;
            }
            default -> throw in.ud();
        }
    }

    static void group7(Interpreter in) {
        Insn i = in.i;
        Cpu c = in.c;
        int r = i.reg & 7;
        if (i.mod == 3) {
            if (r == 7 && (i.rm & 7) == 0 && c.mode == 64) { // SWAPGS
                needCpl0(c);
                long t = c.segBase[GS];
                c.segBase[GS] = c.kernelGsBase;
                c.kernelGsBase = t;
                return;
            }
            if ((r == 0 || r == 3) && (i.rm & 7) == 1) { // VMCALL (0F 01 C1), VMMCALL (0F 01 D9)
                Hypercalls.execute(in);
                return;
            }
            if (r == 1 && ((i.rm & 7) == 2 || (i.rm & 7) == 3)) { // CLAC (0F 01 CA), STAC (0F 01 CB)
                if (c.cpl != 0) throw in.ud(); // SDM: #UD at CPL > 0, in V86 mode too
                c.flags = (i.rm & 7) == 3 ? c.flags | Cpu.AC : c.flags & ~Cpu.AC;
                return;
            }
            if (r == 7 && (i.rm & 7) == 1) { // RDTSCP
                if ((c.cr4 & ControlBits.CR4_TSD) != 0 && c.cpl != 0) throw c.gp(0);
                long tsc = c.tsc();
                in.ioDone = true; // time is an input from outside the CPU, as a port read is
                c.gpr[0] = tsc & 0xFFFF_FFFFL;
                c.gpr[2] = tsc >>> 32;
                c.gpr[1] = c.tscAux & 0xFFFF_FFFFL;
                return;
            }
            if (r == 4) {
                in.writeRm(i.opSize, c.cr0 & Cpu.mask(i.opSize), false);
                return;
            }
            if (r == 6) {
                lmsw(in);
                return;
            }
            throw in.ud();
        }
        int limSize = 2;
        int baseSize = c.mode == 64 ? 8 : 4;
        switch (r) {
            case 0, 1 -> {
                long ea = in.computeEa();
                c.write(i.memSeg, ea, 2, r == 0 ? c.gdtLimit : c.idtLimit);
                c.write(i.memSeg, (ea + 2) & Cpu.mask(i.addrSize), baseSize, r == 0 ? c.gdtBase : c.idtBase);
            }
            case 2, 3 -> {
                needCpl0(c);
                long ea = in.computeEa();
                int limit = c.read16(i.memSeg, ea);
                long base = c.read(i.memSeg, (ea + limSize) & Cpu.mask(i.addrSize), baseSize);
                if (c.mode != 64 && i.opSize == 2) base &= 0xFF_FFFF;
                if (r == 2) {
                    c.gdtBase = base;
                    c.gdtLimit = limit;
                } else {
                    c.idtBase = base;
                    c.idtLimit = limit;
                }
            }
            case 4 -> in.writeRm(2, c.cr0 & 0xFFFF, false);
            case 6 -> lmsw(in);
            case 7 -> {
                needCpl0(c);
                long ea = in.computeEa();
                c.mmu.invalidate(c.linear(i.memSeg, ea, 1, false));
            }
            default -> throw in.ud();
        }
    }

    /** LMSW loads PE, MP, EM, TS; it can set PE but never clear it. */
    private static void lmsw(Interpreter in) {
        Cpu c = in.c;
        needCpl0(c);
        long v = in.readRm(2) & 0xF;
        long pe = (c.cr0 | v) & 1;
        c.cr0 = (c.cr0 & ~0xFL) | (v & 0xE) | pe;
        c.updateMode();
    }

    static void larLsl(Interpreter in, boolean lar) {
        Insn i = in.i;
        Cpu c = in.c;
        needPm(in);
        int sel = (int) in.readRm(2);
        boolean ok = false;
        long result = 0;
        if ((sel & 0xFFFC) != 0) {
            try {
                long d = in.sys.descriptor(sel);
                int attr = (int) (d >>> 40) & 0xF0FF;
                int dpl = (attr >> 5) & 3;
                boolean conforming = (attr & 0x1C) == 0x1C;
                int type = attr & 0x1F;
                boolean validType = (attr & 0x10) != 0 || (lar
                        ? type == 1 || type == 2 || type == 3 || type == 4 || type == 5 || type == 9 || type == 0xB || type == 0xC
                        : type == 1 || type == 2 || type == 3 || type == 9 || type == 0xB);
                if (validType && (conforming || (dpl >= c.cpl && dpl >= (sel & 3)))) {
                    ok = true;
                    result = lar ? d >>> 32 & 0x00F0_FF00L : SegmentState.fromDescriptor(sel, d).limit() & 0xFFFF_FFFFL;
                }
            } catch (CpuException e) {
                if (e.vector != CpuException.GP) throw e;
            }
        }
        if (ok) {
            in.setReg(i.opSize, result);
            c.flags |= ZF;
        } else {
            c.flags &= ~ZF;
        }
    }
}
