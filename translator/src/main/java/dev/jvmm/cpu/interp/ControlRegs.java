package dev.jvmm.cpu.interp;

import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.core.cpu.Msr;
import dev.jvmm.cpu.decode.Insn;

/**
 * MOV to and from CR0, CR2, CR3, CR4, CR8 and DR0-DR7 (SDM vol. 3 §2.5): reserved-bit and
 * consistency checks (#GP), long-mode activation when paging turns on with EFER.LME, and TLB
 * flushes on every change that affects translation.
 */
final class ControlRegs {
    private ControlRegs() {}

    /**
     * CR4 bits jvmm accepts: VME PVI TSD DE PSE PAE MCE PGE PCE OSFXSR OSXMMEXCPT, OSXSAVE, SMAP
     * (VME/PVI/DE/MCE/PCE are stored but have no effect). Others (FSGSBASE, PCIDE, SMEP, ...) name
     * features CPUID does not report, so setting them is #GP(0) as on a CPU without them.
     */
    static final long CR4_VALID = 0x7FF | ControlBits.CR4_OSXSAVE | ControlBits.CR4_SMAP;

    static void move(Interpreter in, int op) {
        Insn i = in.i;
        Cpu c = in.c;
        if (c.cpl != 0) throw c.gp(0);
        int n = i.reg;
        if (op == 0x20) c.setReg(i.opSize, i.rm, read(in, n), false);
        else if (op == 0x22) write(in, n, c.reg(i.opSize, i.rm, false));
        else if (op == 0x21) {
            if ((n & 7) == 4 || (n & 7) == 5) {
                if ((c.cr4 & 8) != 0) throw in.ud();
                n += 2;
            }
            if (n > 7) throw in.ud();
            c.setReg(i.opSize, i.rm, c.dr[n], false);
        } else {
            if ((n & 7) == 4 || (n & 7) == 5) {
                if ((c.cr4 & 8) != 0) throw in.ud();
                n += 2;
            }
            if (n > 7) throw in.ud();
            long v = c.reg(i.opSize, i.rm, false);
            if (n == 6) v = (v & 0xF00F) | 0xFFFF_0FF0L;
            else if (n == 7) v = (v & ~0xD000L) | 0x400;
            c.dr[n] = v;
            c.debugArmed = DebugRegisters.armed(c);
        }
    }

    private static long read(Interpreter in, int n) {
        Cpu c = in.c;
        return switch (n) {
            case 0 -> c.cr0;
            case 2 -> c.cr2;
            case 3 -> c.cr3;
            case 4 -> c.cr4;
            case 8 -> {
                if (!c.interrupts.hasTaskPriority()) yield c.cr8;
                c.controllerAccesses++;
                yield c.interrupts.readCr8();
            }
            default -> throw in.ud();
        };
    }

    private static void write(Interpreter in, int n, long v) {
        Cpu c = in.c;
        switch (n) {
            case 0 -> {
                if ((v >>> 32) != 0) throw c.gp(0); // reserved upper half
                v |= 0x10; // ET is hard-wired
                boolean pg = (v & (1L << 31)) != 0, pe = (v & 1) != 0;
                if (pg && !pe) throw c.gp(0);
                if ((v & (1L << 29)) != 0 && (v & (1L << 30)) == 0) throw c.gp(0); // NW without CD
                boolean wasPg = (c.cr0 & (1L << 31)) != 0;
                if (pg && !wasPg && (c.efer & Msr.EFER_LME) != 0) {
                    if ((c.cr4 & 0x20) == 0) throw c.gp(0);
                    c.efer |= Msr.EFER_LMA;
                } else if (!pg && wasPg && c.longModeActive()) {
                    if (c.mode == 64) throw c.gp(0);
                    c.efer &= ~Msr.EFER_LMA;
                }
                c.cr0 = v & 0xE005_003FL;
                c.updateMode();
                c.updateMmu();
            }
            case 2 -> c.cr2 = v;
            case 3 -> {
                c.cr3 = c.mode == 64 ? v & 0x000F_FFFF_FFFF_FFFFL : v & 0xFFFF_FFFFL;
                c.updateMmu();
            }
            case 4 -> {
                if ((v & ~CR4_VALID) != 0) throw c.gp(0);
                if (c.longModeActive() && (v & 0x20) == 0) throw c.gp(0);
                c.cr4 = v;
                c.updateMmu();
            }
            case 8 -> {
                if ((v & ~0xFL) != 0) throw c.gp(0);
                c.cr8 = v;
                if (c.interrupts.hasTaskPriority()) {
                    c.controllerAccesses++;
                    c.interrupts.writeCr8((int) v); // TPR[7:4]
                }
            }
            default -> throw in.ud();
        }
    }
}
