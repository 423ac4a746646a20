package dev.jvmm.cpu.interp;

import static dev.jvmm.cpu.interp.Cpu.*;

import dev.jvmm.cpu.CpuException;

/** The decimal-adjust instructions DAA, DAS, AAA, AAS, AAM, AAD (SDM vol. 2 pseudo-code). */
final class Bcd {
    private Bcd() {}

    private static int al(Cpu c) {
        return (int) c.gpr[0] & 0xFF;
    }

    private static void setAl(Cpu c, int v) {
        c.setReg(1, 0, v, false);
    }

    static void daa(Cpu c) {
        int oldAl = al(c);
        boolean oldCf = (c.flags & CF) != 0;
        int al = oldAl;
        long f = c.flags & ~ARITH;
        if ((al & 0xF) > 9 || (c.flags & AF) != 0) {
            al += 6;
            f |= AF | (al > 0xFF ? CF : 0); // CF <- old CF or the carry out of AL + 6
        }
        if (oldAl > 0x99 || oldCf) {
            al += 0x60;
            f |= CF;
        }
        al &= 0xFF;
        c.flags = f | Alu.szp(1, al);
        setAl(c, al);
    }

    static void das(Cpu c) {
        int oldAl = al(c);
        boolean oldCf = (c.flags & CF) != 0;
        int al = oldAl;
        long f = c.flags & ~ARITH;
        if ((al & 0xF) > 9 || (c.flags & AF) != 0) {
            al -= 6;
            f |= AF | (al < 0 ? CF : 0); // CF <- old CF or the borrow from AL - 6
        }
        if (oldAl > 0x99 || oldCf) {
            al -= 0x60;
            f |= CF;
        }
        al &= 0xFF;
        c.flags = f | Alu.szp(1, al);
        setAl(c, al);
    }

    static void aaa(Cpu c) {
        long f = c.flags & ~ARITH;
        int ax = (int) c.gpr[0] & 0xFFFF;
        if ((ax & 0xF) > 9 || (c.flags & AF) != 0) {
            ax += 0x106;
            f |= AF | CF;
        }
        ax = (ax & 0xFF0F);
        c.flags = f | Alu.szp(1, ax & 0xFF);
        c.setReg(2, 0, ax, false);
    }

    static void aas(Cpu c) {
        long f = c.flags & ~ARITH;
        int ax = (int) c.gpr[0] & 0xFFFF;
        if ((ax & 0xF) > 9 || (c.flags & AF) != 0) {
            ax = (ax - 6) & 0xFFFF; // AX <- AX - 6; AH <- AH - 1 (SDM "AAS")
            ax = (ax & 0xFF) | ((((ax >> 8) - 1) & 0xFF) << 8);
            f |= AF | CF;
        }
        ax = (ax & 0xFF0F);
        c.flags = f | Alu.szp(1, ax & 0xFF);
        c.setReg(2, 0, ax, false);
    }

    static void aam(Cpu c, int base) {
        if (base == 0) throw c.fault.raise(CpuException.DE, -1);
        int al = al(c);
        int ah = al / base;
        al = al % base;
        c.setReg(2, 0, (ah << 8) | al, false);
        c.flags = (c.flags & ~ARITH) | Alu.szp(1, al);
    }

    static void aad(Cpu c, int base) {
        int ax = (int) c.gpr[0];
        int al = ((ax & 0xFF) + ((ax >> 8) & 0xFF) * base) & 0xFF;
        c.setReg(2, 0, al, false);
        c.flags = (c.flags & ~ARITH) | Alu.szp(1, al);
    }
}
