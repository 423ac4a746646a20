package dev.jvmm.cpu.oracle;

import static dev.jvmm.cpu.oracle.MachineState.*;

import dev.jvmm.cpu.fpu.X87;
import dev.jvmm.cpu.interp.Cpu;

/**
 * Moves the x87, MXCSR and XMM part of a {@link MachineState} into a jvmm {@link Cpu} and back, as
 * FXRSTOR64 and FXSAVE64 do (SDM vol. 1 §10.5.1): the image holds ST(i) in stack order while jvmm
 * keeps physical registers, and only the abridged tag (empty or not) while jvmm keeps the full tag
 * word, which FXRSTOR recomputes from each register's contents. Written independently of jvmm's
 * own FXSAVE/FXRSTOR so that the oracle does not trust the code it checks.
 */
final class FxImage {
    private FxImage() {}

    /** Loads the image of {@code s} into {@code c}. */
    static void load(MachineState s, Cpu c) {
        X87 f = c.fpu;
        f.control = s.fcw();
        f.status = s.fsw() & ~0x3800;
        f.top = (s.fsw() >> 11) & 7;
        for (int i = 0; i < 8; i++) {
            int phys = (f.top + i) & 7;
            f.significand[phys] = s.stSignificand(i);
            f.signExponent[phys] = s.stSignExponent(i);
        }
        int tag = 0;
        for (int phys = 0; phys < 8; phys++) {
            int t = (s.ftw() >> phys & 1) == 0 ? 3 : fullTag(f.signExponent[phys], f.significand[phys]);
            tag |= t << (2 * phys);
        }
        f.tag = tag;
        f.lastOpcode = s.u16(FOP) & 0x7FF;
        f.lastIp = s.u64(FIP);
        f.lastDp = s.u64(FDP);
        c.mxcsr = s.mxcsr();
        for (int r = 0; r < 16; r++) {
            c.xmm[2 * r] = s.xmmLow(r);
            c.xmm[2 * r + 1] = s.xmmHigh(r);
        }
    }

    /** The tag of a non-empty register from its contents: 00 valid, 01 zero, 10 special (NaN, infinity, denormal, unnormal). */
    static int fullTag(int signExponent, long significand) {
        int exponent = signExponent & 0x7FFF;
        if (exponent == 0x7FFF) return 2;
        if (exponent == 0) return significand == 0 ? 1 : 2;
        return significand < 0 ? 0 : 2; // the explicit integer bit clear: unnormal
    }

    /** Stores {@code c}'s x87, MXCSR and XMM state into the image of {@code s}. */
    static void store(Cpu c, MachineState s) {
        X87 f = c.fpu;
        s.setFcw(f.control);
        s.setFsw(f.statusWord());
        int abridged = 0;
        for (int phys = 0; phys < 8; phys++) if ((f.tag >> (2 * phys) & 3) != 3) abridged |= 1 << phys;
        s.setFtw(abridged);
        s.put16(FOP, f.lastOpcode & 0x7FF);
        s.put64(FIP, f.lastIp);
        s.put64(FDP, f.lastDp);
        s.setMxcsr(c.mxcsr);
        for (int i = 0; i < 8; i++) {
            int phys = (f.top + i) & 7;
            s.setSt(i, f.signExponent[phys] & 0xFFFF, f.significand[phys]);
        }
        for (int r = 0; r < 16; r++) s.setXmm(r, c.xmm[2 * r], c.xmm[2 * r + 1]);
    }
}
