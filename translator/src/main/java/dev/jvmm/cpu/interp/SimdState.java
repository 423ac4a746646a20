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
        int seg = in.i.memSeg;
        long m = Cpu.mask(in.i.addrSize);
        int size = 160 + 16 * xmmCount(c);
        // Check every byte that will be written before the first store (a fault must leave memory alone).
        c.linearWritable(seg, ea, 8);
        c.linearWritable(seg, (ea + size - 8) & m, 8);
        for (long off = 0; off < size; off += 0x1000) c.linearWritable(seg, (ea + off) & m, 1);
        storeX87(c, in.i, ea);
        storeMxcsr(c, in.i, ea);
        storeXmm(c, in.i, ea);
    }

    private static void fxrstor(Interpreter in, long ea) {
        Cpu c = in.c;
        int mxcsr = readMxcsr(c, in.i, ea);
        // Read everything first so that a fault part-way leaves the state as it was.
        X87Region x87 = readX87(c, in.i, ea);
        long[] xmm = readXmm(c, in.i, ea);
        loadX87(c.fpu, x87);
        c.mxcsr = mxcsr;
        System.arraycopy(xmm, 0, c.xmm, 0, xmm.length);
    }

    // ---- the legacy region's parts, shared with XSAVE/XRSTOR (Xsave) ----

    /** XMM registers a save area holds in the current mode: 16 in 64-bit mode, else 8. */
    static int xmmCount(Cpu c) {
        return c.mode == 64 ? 16 : 8;
    }

    /**
     * Stores the x87 part of the image: bytes 0-23 (control, status, abridged tag, opcode and the
     * pointers, 64-bit ones with REX.W) and 32-159 (ST0-ST7 in stack order).
     */
    static void storeX87(Cpu c, Insn i, long ea) {
        X87 f = c.fpu;
        int seg = i.memSeg;
        long m = Cpu.mask(i.addrSize);
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
        for (int k = 0; k < 8; k++) {
            int phys = (f.top + k) & 7;
            long at = ea + 32 + 16L * k;
            c.write(seg, at & m, 8, f.significand[phys]);
            c.write(seg, (at + 8) & m, 8, f.signExponent[phys] & 0xFFFF);
        }
    }

    /** Stores MXCSR and MXCSR_MASK (bytes 24-31). */
    static void storeMxcsr(Cpu c, Insn i, long ea) {
        long m = Cpu.mask(i.addrSize);
        c.write(i.memSeg, (ea + 24) & m, 4, c.mxcsr & 0xFFFF_FFFFL);
        c.write(i.memSeg, (ea + 28) & m, 4, MXCSR_MASK);
    }

    /** Stores the XMM registers of the mode from byte 160. */
    static void storeXmm(Cpu c, Insn i, long ea) {
        long m = Cpu.mask(i.addrSize);
        for (int x = 0; x < xmmCount(c); x++) {
            long at = ea + 160 + 16L * x;
            c.write(i.memSeg, at & m, 8, c.xmm[2 * x]);
            c.write(i.memSeg, (at + 8) & m, 8, c.xmm[2 * x + 1]);
        }
    }

    /** Reads MXCSR from byte 24: #GP(0) if it sets a reserved bit. */
    static int readMxcsr(Cpu c, Insn i, long ea) {
        int mxcsr = (int) c.read(i.memSeg, (ea + 24) & Cpu.mask(i.addrSize), 4);
        if ((mxcsr & ~MXCSR_MASK) != 0) throw c.gp(0);
        return mxcsr;
    }

    /** Reads the XMM registers of the mode from byte 160 (two longs each, as {@code Cpu.xmm}). */
    static long[] readXmm(Cpu c, Insn i, long ea) {
        long m = Cpu.mask(i.addrSize);
        long[] xmm = new long[2 * xmmCount(c)];
        for (int x = 0; x < xmm.length; x++) xmm[x] = c.read(i.memSeg, (ea + 160 + 8L * x) & m, 8);
        return xmm;
    }

    /** The x87 part of an image as read, before it is loaded. */
    record X87Region(int control, int status, int abridged, int opcode, long ip, long dp, int cs, int ds, long[] st,
            int[] se) {}

    static X87Region readX87(Cpu c, Insn i, long ea) {
        int seg = i.memSeg;
        long m = Cpu.mask(i.addrSize);
        long[] st = new long[8];
        int[] se = new int[8];
        for (int k = 0; k < 8; k++) {
            long at = ea + 32 + 16L * k;
            st[k] = c.read(seg, at & m, 8);
            se[k] = (int) c.read(seg, (at + 8) & m, 2);
        }
        int control = (int) c.read(seg, ea, 2);
        int status = (int) c.read(seg, (ea + 2) & m, 2);
        int abridged = (int) c.read(seg, (ea + 4) & m, 1);
        int opcode = (int) c.read(seg, (ea + 6) & m, 2);
        if (i.opSize == 8) {
            return new X87Region(control, status, abridged, opcode, c.read(seg, (ea + 8) & m, 8),
                    c.read(seg, (ea + 16) & m, 8), 0, 0, st, se);
        }
        return new X87Region(control, status, abridged, opcode, c.read(seg, (ea + 8) & m, 4),
                c.read(seg, (ea + 16) & m, 4), (int) c.read(seg, (ea + 12) & m, 2), (int) c.read(seg, (ea + 20) & m, 2),
                st, se);
    }

    /**
     * Loads an x87 image: the full tag word is rebuilt from the abridged one and each register's
     * contents, and the status word's ES and B from its unmasked exception flags.
     */
    static void loadX87(X87 f, X87Region r) {
        f.control = r.control();
        // ES and B summarise the unmasked exception flags; the host CPU recomputes them on a load.
        int unmasked = r.status() & ~r.control() & 0x3F;
        f.status = (r.status() & ~0x3800 & ~0x8080) | (unmasked != 0 ? 0x8080 : 0);
        f.top = (r.status() >> 11) & 7;
        f.lastOpcode = r.opcode() & 0x7FF;
        f.lastIp = r.ip();
        f.lastDp = r.dp();
        f.lastCs = r.cs();
        f.lastDs = r.ds();
        for (int k = 0; k < 8; k++) {
            int phys = (f.top + k) & 7;
            f.significand[phys] = r.st()[k];
            f.signExponent[phys] = r.se()[k] & 0xFFFF;
        }
        int tag = 0;
        for (int phys = 0; phys < 8; phys++) {
            int t = ((r.abridged() >> phys) & 1) == 0 ? 3 : tagOf(f.signExponent[phys], f.significand[phys]);
            tag |= t << (2 * phys);
        }
        f.tag = tag;
    }

    /** The x87 tag of a register in use (SDM vol. 1 §8.1.7): 00 valid, 01 zero, 10 special (NaN, infinity, denormal, unnormal). */
    static int tagOf(int signExponent, long significand) {
        int exponent = signExponent & 0x7FFF;
        if (exponent == 0x7FFF) return 2;
        if (exponent == 0) return significand == 0 ? 1 : 2;
        return significand < 0 ? 0 : 2;
    }
}
