package dev.jvmm.cpu.interp;

import static dev.jvmm.cpu.interp.Cpu.*;

import dev.jvmm.cpu.decode.Insn;

/**
 * String instructions MOVS, CMPS, STOS, LODS, SCAS, INS, OUTS with REP/REPE/REPNE (SDM vol. 2
 * "REP"). Registers are updated after every iteration, so a fault in the middle leaves a state
 * from which the instruction restarts; a long REP yields every {@value #CHUNK} iterations by
 * restarting itself, which lets interrupts and timers in (REP is interruptible by design).
 */
final class Strings {
    static final int CHUNK = 4096;

    private Strings() {}

    static void execute(Interpreter in) {
        Insn i = in.i;
        Cpu c = in.c;
        int op = i.opcode;
        int os = i.opSize;
        int as = i.addrSize;
        long am = Cpu.mask(as);
        int src = i.segOverride >= 0 ? i.segOverride : DS;
        long delta = (c.flags & DF) != 0 ? -os : os;
        boolean rep = i.rep != 0;
        boolean cmp = op == 0xA6 || op == 0xA7 || op == 0xAE || op == 0xAF;
        for (int n = 0; ; n++) {
            if (rep) {
                if (c.reg(as, 1, false) == 0) return;
                // Restart the instruction later: after CHUNK iterations, or after every iteration when
                // single-stepping (TF traps after each iteration, SDM vol. 3 §17.3.1.4).
                if (n == CHUNK || (n == 1 && ((c.flags & TF) != 0 || in.iterationPerStep))) {
                    c.rip = (in.nextIp - i.length) & (c.mode == 64 ? -1L : c.mode == 32 ? 0xFFFF_FFFFL : 0xFFFF);
                    return;
                }
            }
            long si = c.gpr[6] & am, di = c.gpr[7] & am;
            switch (op) {
                case 0xA4, 0xA5 -> {
                    long v = c.read(src, si, os);
                    c.write(ES, di, os, v);
                    c.setReg(as, 6, si + delta, false);
                    c.setReg(as, 7, di + delta, false);
                }
                case 0xA6, 0xA7 -> {
                    long a = c.read(src, si, os);
                    long b = c.read(ES, di, os);
                    Alu.sub(c, os, a, b, 0);
                    c.setReg(as, 6, si + delta, false);
                    c.setReg(as, 7, di + delta, false);
                }
                case 0xAA, 0xAB -> {
                    c.write(ES, di, os, c.reg(os, 0, false));
                    c.setReg(as, 7, di + delta, false);
                }
                case 0xAC, 0xAD -> {
                    c.setReg(os, 0, c.read(src, si, os), false);
                    c.setReg(as, 6, si + delta, false);
                }
                case 0xAE, 0xAF -> {
                    long b = c.read(ES, di, os);
                    Alu.sub(c, os, c.reg(os, 0, false), b, 0);
                    c.setReg(as, 7, di + delta, false);
                }
                case 0x6C, 0x6D -> {
                    c.linearWritable(ES, di, os);
                    int v = in.in((int) c.gpr[2] & 0xFFFF, os);
                    c.write(ES, di, os, v);
                    c.setReg(as, 7, di + delta, false);
                }
                default -> { // 6E, 6F OUTS
                    long v = c.read(src, si, os);
                    in.out((int) c.gpr[2] & 0xFFFF, os, v);
                    c.setReg(as, 6, si + delta, false);
                }
            }
            if (!rep) return;
            c.setReg(as, 1, c.reg(as, 1, false) - 1, false);
            if (cmp) {
                boolean zf = (c.flags & ZF) != 0;
                if (i.rep == 0xF3 ? !zf : zf) return;
            }
        }
    }
}
