package dev.jvmm.cpu.interp;

import static dev.jvmm.cpu.interp.Cpu.*;

import dev.jvmm.core.cpu.Msr;
import dev.jvmm.core.cpu.SegmentState;

/**
 * SYSCALL and SYSRET (AMD64 / SDM vol. 2): flat segments derived from STAR, RIP from LSTAR,
 * RFLAGS masked by SFMASK, the return RIP in RCX and RFLAGS in R11.
 */
final class FastCalls {
    private FastCalls() {}

    private static final int CODE64 = SegmentState.P | SegmentState.S | 0xB | SegmentState.L | SegmentState.G;
    private static final int CODE32 = SegmentState.P | SegmentState.S | 0xB | SegmentState.DB | SegmentState.G;
    private static final int DATA = SegmentState.P | SegmentState.S | 0x3 | SegmentState.DB | SegmentState.G;

    static void syscall(Interpreter in) {
        Cpu c = in.c;
        if (!c.longModeActive() || (c.efer & Msr.EFER_SCE) == 0) throw in.ud();
        int sel = (int) (c.star >>> 32) & 0xFFFC;
        c.gpr[1] = c.rip;
        c.gpr[11] = c.flags;
        if (c.mode != 64) throw in.ud(); // compatibility-mode SYSCALL (CSTAR) is not supported
        c.rip = c.lstar;
        c.flags &= ~(c.sfmask | RF);
        c.flags |= 2;
        c.setSeg(CS, sel, 0, 0xFFFF_FFFFL, CODE64);
        c.setSeg(SS, sel + 8, 0, 0xFFFF_FFFFL, DATA);
        c.cpl = 0;
        c.updateMode();
    }

    static void sysret(Interpreter in) {
        Cpu c = in.c;
        if (!c.longModeActive() || (c.efer & Msr.EFER_SCE) == 0) throw in.ud();
        if (c.cpl != 0) throw c.gp(0);
        int base = (int) (c.star >>> 48) & 0xFFFF;
        boolean to64 = in.i.opSize == 8;
        long rip = c.gpr[1];
        if (to64 && ((rip << 16) >> 16) != rip) throw c.gp(0);
        c.flags = (c.gpr[11] & 0x3C_7FD7L) | 2;
        if (to64) c.setSeg(CS, (base + 16) | 3, 0, 0xFFFF_FFFFL, CODE64 | (3 << 5));
        else c.setSeg(CS, base | 3, 0, 0xFFFF_FFFFL, CODE32 | (3 << 5));
        c.setSeg(SS, (base + 8) | 3, 0, 0xFFFF_FFFFL, DATA | (3 << 5));
        c.rip = to64 ? rip : rip & 0xFFFF_FFFFL;
        c.cpl = 3;
        c.updateMode();
    }
}
