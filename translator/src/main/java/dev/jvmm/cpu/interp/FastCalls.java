package dev.jvmm.cpu.interp;

import static dev.jvmm.cpu.interp.Cpu.*;

import dev.jvmm.core.cpu.Msr;
import dev.jvmm.core.cpu.SegmentState;

/**
 * SYSCALL and SYSRET (AMD64 / SDM vol. 2): flat segments derived from STAR, RIP from LSTAR,
 * RFLAGS masked by SFMASK, the return RIP in RCX and RFLAGS in R11; SYSENTER and SYSEXIT with
 * segments derived from the SYSENTER_CS MSR.
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
        c.rip = c.mode == 64 ? c.lstar : c.cstar; // CSTAR: SYSCALL from compatibility mode
        c.flags &= ~(c.sfmask | RF);
        c.flags |= 2;
        in.trapOnResultingTf = true;
        c.setSeg(CS, sel, 0, 0xFFFF_FFFFL, CODE64);
        c.setSeg(SS, sel + 8, 0, 0xFFFF_FFFFL, DATA);
        c.cpl = 0;
        c.updateMode();
    }

    /** SYSENTER: to CPL 0 at SYSENTER_CS:SYSENTER_EIP with SYSENTER_ESP, flat segments (SDM vol. 2). */
    static void sysenter(Interpreter in) {
        Cpu c = in.c;
        int cs = (int) c.sysenterCs & 0xFFFC;
        if (!c.protectedMode() || cs == 0) throw c.gp(0);
        boolean lm = c.longModeActive();
        c.flags &= ~(VM | IF | RF);
        c.setSeg(CS, cs, 0, 0xFFFF_FFFFL, lm ? CODE64 : CODE32);
        c.setSeg(SS, cs + 8, 0, 0xFFFF_FFFFL, DATA);
        c.cpl = 0;
        c.updateMode();
        c.rip = lm ? c.sysenterEip : c.sysenterEip & 0xFFFF_FFFFL;
        c.gpr[4] = lm ? c.sysenterEsp : c.sysenterEsp & 0xFFFF_FFFFL;
    }

    /** SYSEXIT: back to CPL 3 at RDX with stack RCX; REX.W selects a 64-bit code segment. */
    static void sysexit(Interpreter in) {
        Cpu c = in.c;
        int cs = (int) c.sysenterCs & 0xFFFC;
        if (!c.protectedMode() || cs == 0 || c.cpl != 0) throw c.gp(0);
        boolean to64 = in.i.opSize == 8;
        long rip = to64 ? c.gpr[2] : c.gpr[2] & 0xFFFF_FFFFL;
        if (to64 && ((rip << 16) >> 16) != rip) throw c.gp(0);
        c.setSeg(CS, (cs + (to64 ? 32 : 16)) | 3, 0, 0xFFFF_FFFFL, (to64 ? CODE64 : CODE32) | (3 << 5));
        c.setSeg(SS, (cs + (to64 ? 40 : 24)) | 3, 0, 0xFFFF_FFFFL, DATA | (3 << 5));
        c.cpl = 3;
        c.updateMode();
        c.rip = rip;
        c.gpr[4] = to64 ? c.gpr[1] : c.gpr[1] & 0xFFFF_FFFFL;
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
        in.trapOnResultingTf = true;
        if (to64) c.setSeg(CS, (base + 16) | 3, 0, 0xFFFF_FFFFL, CODE64 | (3 << 5));
        else c.setSeg(CS, base | 3, 0, 0xFFFF_FFFFL, CODE32 | (3 << 5));
        c.setSeg(SS, (base + 8) | 3, 0, 0xFFFF_FFFFL, DATA | (3 << 5));
        c.rip = to64 ? rip : rip & 0xFFFF_FFFFL;
        c.cpl = 3;
        c.updateMode();
    }
}
