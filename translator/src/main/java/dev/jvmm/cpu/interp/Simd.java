package dev.jvmm.cpu.interp;

import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.cpu.CpuException;
import dev.jvmm.cpu.decode.Insn;
import dev.jvmm.cpu.mmu.Mmu;
import dev.jvmm.cpu.simd.FpContext;
import dev.jvmm.cpu.simd.Mmx;

/**
 * The interpreter's view of the MMX and SSE registers: the checks every SIMD instruction makes
 * before it touches anything (SDM vol. 3 §2.5 and §13.1, vol. 2 tables 2-18 and 22-7), and its
 * operands. One per {@link Interpreter}; {@link #lo}/{@link #hi} hold the last 128-bit source read.
 *
 * <ul>
 *   <li>SSE (an XMM operand): CR0.EM=1 or CR4.OSFXSR=0 → #UD; CR0.TS=1 → #NM.</li>
 *   <li>MMX (an MMX operand): CR0.EM=1 → #UD; CR0.TS=1 → #NM; an unmasked x87 exception pending
 *       (FSW.ES) with CR0.NE=1 → #MF. Afterwards TOP is 0 and every tag valid (SDM vol. 1 §9.5.1).</li>
 *   <li>A 16-byte operand of an aligned form not on a 16-byte boundary → #GP(0), whatever the segment.</li>
 * </ul>
 */
final class Simd {
    private final Interpreter in;
    private final Cpu c;
    /** The 128-bit source operand read by {@link #readXmmSource}. */
    long lo, hi;
    /** Scratch for a 128-bit result. */
    final long[] result = new long[2];
    /** MXCSR's view for the floating-point instruction being executed. */
    final FpContext fp = new FpContext();

    Simd(Interpreter in) {
        this.in = in;
        this.c = in.c;
    }

    /** The mandatory prefix of the current instruction: 0xF3 or 0xF2 (the last one wins over 66), 0x66, or 0. */
    static int prefix(Insn i) {
        return i.rep != 0 ? i.rep : i.opsizePrefix ? 0x66 : 0;
    }

    // ---- checks ----

    void checkSse() {
        SimdFloat.checkSse(c);
    }

    void checkMmx() {
        if ((c.cr0 & ControlBits.CR0_EM) != 0) throw in.ud();
        if ((c.cr0 & ControlBits.CR0_TS) != 0) throw c.fault.raise(CpuException.NM, -1);
        if ((c.fpu.status & Mmx.X87_ERROR_SUMMARY) != 0 && (c.cr0 & ControlBits.CR0_NE) != 0) throw c.fault.raise(CpuException.MF, -1);
    }

    /** Ends an MMX instruction: TOP 0, all tags valid. */
    void enterMmx() {
        Mmx.enter(c.fpu);
    }

    // ---- MMX registers ----

    long mm(int r) {
        return c.fpu.significand[r & 7];
    }

    void setMm(int r, long v) {
        Mmx.write(c.fpu, r & 7, v);
    }

    /** The MMX source: MMn named by ModRM.rm, or {@code memSize} (4 or 8) bytes of memory, zero-extended. */
    long mmSource(int memSize) {
        Insn i = in.i;
        if (i.mod == 3) return mm(i.rm);
        return c.read(i.memSeg, in.ea = in.computeEa(), memSize);
    }

    // ---- XMM registers ----

    long xmmLow(int r) {
        return c.xmm[2 * r];
    }

    long xmmHigh(int r) {
        return c.xmm[2 * r + 1];
    }

    void setXmm(int r, long low, long high) {
        c.xmm[2 * r] = low;
        c.xmm[2 * r + 1] = high;
    }

    /**
     * Reads the XMM source into {@link #lo}/{@link #hi}: XMMn named by ModRM.rm, or {@code memSize}
     * (4, 8 or 16) bytes of memory, zero-extended; {@code aligned}: a 16-byte operand must be aligned.
     */
    void readXmmSource(int memSize, boolean aligned) {
        Insn i = in.i;
        if (i.mod == 3) {
            lo = c.xmm[2 * i.rm];
            hi = c.xmm[2 * i.rm + 1];
            return;
        }
        in.ea = in.computeEa();
        if (memSize < 16) {
            lo = c.read(i.memSeg, in.ea, memSize);
            hi = 0;
            return;
        }
        long lin = c.linear(i.memSeg, in.ea, 16, false);
        if (aligned && (lin & 15) != 0) throw c.gp(0);
        boolean user = c.cpl == 3;
        lo = c.mmu.read64(lin, user);
        hi = c.mmu.read64(next8(lin), user);
    }

    /** Writes {@code memSize} (4, 8 or 16) bytes to the memory operand; every page is checked before the first byte lands. */
    void writeMemory(int memSize, long low, long high, boolean aligned) {
        Insn i = in.i;
        in.ea = in.computeEa();
        if (memSize < 16) {
            c.write(i.memSeg, in.ea, memSize, low);
            return;
        }
        long lin = c.linear(i.memSeg, in.ea, 16, true);
        if (aligned && (lin & 15) != 0) throw c.gp(0);
        boolean user = c.cpl == 3;
        long last = next8(lin) + 7;
        if ((lin >>> 12) != (last >>> 12)) {
            c.mmu.translate(lin, Mmu.WRITE, user);
            c.mmu.translate(last, Mmu.WRITE, user);
        }
        c.mmu.write64(lin, low, user);
        c.mmu.write64(next8(lin), high, user);
    }

    /** The linear address 8 bytes on (wrapping at 4 GiB outside 64-bit mode). */
    private long next8(long lin) {
        return c.mode == 64 ? lin + 8 : (lin + 8) & 0xFFFF_FFFFL;
    }
}
