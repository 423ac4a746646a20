package dev.jvmm.cpu.interp;

import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.cpu.CpuException;
import dev.jvmm.cpu.decode.Insn;
import dev.jvmm.cpu.fpu.X87;

/**
 * The instructions that save and load the SSE state (SDM vol. 2): LDMXCSR, STMXCSR, and
 * FXSAVE/FXRSTOR with the 512-byte image of vol. 1 table 10-2 (REX.W: FXSAVE64/FXRSTOR64, 64-bit
 * instruction and data pointers; otherwise 32-bit offsets with the CS and DS selectors). FXSAVE
 * writes bytes 0-159 plus the XMM registers of the mode (8 outside 64-bit mode, 16 in it) and
 * leaves the rest alone; FXRSTOR rebuilds the full tag word from the abridged one and each
 * register's contents, and the status word's ES and B bits from its unmasked exception flags.
 * MXCSR_MASK is 0xFFFF (no misaligned-SSE mode), where this machine's AMD CPU reports 0x2FFFF.
 */
final class SimdState {
    private SimdState() {}

    /** MXCSR bits jvmm implements (flags, DAZ, masks, rounding, FTZ); the rest are reserved: #GP(0) on a load. */
    static final int MXCSR_MASK = 0xFFFF;

    static void execute(Interpreter in, int r) {
        Cpu c = in.c;
        switch (r) {
            case 2, 3 -> {
                in.simd.checkSse();
                if (r == 2) {
                    long v = in.readRm(4);
                    if ((v & ~MXCSR_MASK) != 0) throw c.gp(0);
                    c.mxcsr = (int) v;
                } else {
                    in.writeRm(4, c.mxcsr & 0xFFFF_FFFFL, false);
                }
            }
            default -> {
                if ((c.cr0 & (ControlBits.CR0_EM | ControlBits.CR0_TS)) != 0) throw c.fault.raise(CpuException.NM, -1);
                long ea = in.computeEa();
                long lin = c.linear(in.i.memSeg, ea, 512, r == 0);
                if ((lin & 15) != 0) throw c.gp(0);
                if (r == 0) fxsave(in, ea);
                else fxrstor(in, ea);
            }
        }
    }

    private static void fxsave(Interpreter in, long ea) {
        Cpu c = in.c;
        Insn i = in.i;
        X87 f = c.fpu;
        int seg = i.memSeg;
        int xmmCount = c.mode == 64 ? 16 : 8;
        long m = Cpu.mask(i.addrSize);
        // Check every byte that will be written before the first store (a fault must leave memory alone).
        c.linearWritable(seg, ea, 8);
        c.linearWritable(seg, (ea + 160 + 16 * xmmCount - 8) & m, 8);
        for (long off = 0; off < 160 + 16 * xmmCount; off += 0x1000) c.linearWritable(seg, (ea + off) & m, 1);
        int abridged = 0;
        for (int phys = 0; phys < 8; phys++) if (((f.tag >> (2 * phys)) & 3) != 3) abridged |= 1 << phys;
        c.write(seg, ea, 2, f.control);
        c.write(seg, (ea + 2) & m, 2, f.statusWord());
        c.write(seg, (ea + 4) & m, 2, abridged);
        c.write(seg, (ea + 6) & m, 2, f.lastOpcode & 0x7FF);
        if (i.opSize == 8) {
            c.write(seg, (ea + 8) & m, 8, f.lastIp);
            c.write(seg, (ea + 16) & m, 8, f.lastDp);
        } else {
            c.write(seg, (ea + 8) & m, 4, f.lastIp);
            c.write(seg, (ea + 12) & m, 4, f.lastCs & 0xFFFF);
            c.write(seg, (ea + 16) & m, 4, f.lastDp);
            c.write(seg, (ea + 20) & m, 4, f.lastDs & 0xFFFF);
        }
        c.write(seg, (ea + 24) & m, 4, c.mxcsr & 0xFFFF_FFFFL);
        c.write(seg, (ea + 28) & m, 4, MXCSR_MASK);
        for (int k = 0; k < 8; k++) {
            int phys = (f.top + k) & 7;
            long at = ea + 32 + 16L * k;
            c.write(seg, at & m, 8, f.significand[phys]);
            c.write(seg, (at + 8) & m, 8, f.signExponent[phys] & 0xFFFF);
        }
        for (int x = 0; x < xmmCount; x++) {
            long at = ea + 160 + 16L * x;
            c.write(seg, at & m, 8, c.xmm[2 * x]);
            c.write(seg, (at + 8) & m, 8, c.xmm[2 * x + 1]);
        }
    }

    private static void fxrstor(Interpreter in, long ea) {
        Cpu c = in.c;
        Insn i = in.i;
        X87 f = c.fpu;
        int seg = i.memSeg;
        long m = Cpu.mask(i.addrSize);
        int xmmCount = c.mode == 64 ? 16 : 8;
        int mxcsr = (int) c.read(seg, (ea + 24) & m, 4);
        if ((mxcsr & ~MXCSR_MASK) != 0) throw c.gp(0);
        // Read everything first so that a fault part-way leaves the state as it was.
        long[] st = new long[8];
        int[] se = new int[8];
        for (int k = 0; k < 8; k++) {
            long at = ea + 32 + 16L * k;
            st[k] = c.read(seg, at & m, 8);
            se[k] = (int) c.read(seg, (at + 8) & m, 2);
        }
        long[] xmm = new long[2 * xmmCount];
        for (int x = 0; x < 2 * xmmCount; x++) xmm[x] = c.read(seg, (ea + 160 + 8L * x) & m, 8);
        int control = (int) c.read(seg, ea, 2);
        int status = (int) c.read(seg, (ea + 2) & m, 2);
        int abridged = (int) c.read(seg, (ea + 4) & m, 1);
        int opcode = (int) c.read(seg, (ea + 6) & m, 2);
        long ip, dp;
        int cs = 0, ds = 0;
        if (i.opSize == 8) {
            ip = c.read(seg, (ea + 8) & m, 8);
            dp = c.read(seg, (ea + 16) & m, 8);
        } else {
            ip = c.read(seg, (ea + 8) & m, 4);
            cs = (int) c.read(seg, (ea + 12) & m, 2);
            dp = c.read(seg, (ea + 16) & m, 4);
            ds = (int) c.read(seg, (ea + 20) & m, 2);
        }
        f.control = control;
        // ES and B summarise the unmasked exception flags; the host CPU recomputes them on a load.
        int unmasked = status & ~control & 0x3F;
        f.status = (status & ~0x3800 & ~0x8080) | (unmasked != 0 ? 0x8080 : 0);
        f.top = (status >> 11) & 7;
        f.lastOpcode = opcode & 0x7FF;
        f.lastIp = ip;
        f.lastDp = dp;
        f.lastCs = cs;
        f.lastDs = ds;
        int tag = 0;
        for (int k = 0; k < 8; k++) {
            int phys = (f.top + k) & 7;
            f.significand[phys] = st[k];
            f.signExponent[phys] = se[k] & 0xFFFF;
        }
        for (int phys = 0; phys < 8; phys++) {
            int t = ((abridged >> phys) & 1) == 0 ? 3 : tagOf(f.signExponent[phys], f.significand[phys]);
            tag |= t << (2 * phys);
        }
        f.tag = tag;
        c.mxcsr = mxcsr;
        System.arraycopy(xmm, 0, c.xmm, 0, xmm.length);
    }

    /** The x87 tag of a register in use (SDM vol. 1 §8.1.7): 00 valid, 01 zero, 10 special (NaN, infinity, denormal, unnormal). */
    static int tagOf(int signExponent, long significand) {
        int exponent = signExponent & 0x7FFF;
        if (exponent == 0x7FFF) return 2;
        if (exponent == 0) return significand == 0 ? 1 : 2;
        return significand < 0 ? 0 : 2;
    }
}
