package dev.jvmm.cpu.interp;

import static dev.jvmm.cpu.simd.FpFormat.DOUBLE;
import static dev.jvmm.cpu.simd.FpFormat.SINGLE;

import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.cpu.CpuException;
import dev.jvmm.cpu.decode.Insn;
import dev.jvmm.cpu.simd.FpContext;
import dev.jvmm.cpu.simd.FpFormat;
import dev.jvmm.cpu.simd.SseCompare;
import dev.jvmm.cpu.simd.SseConvert;
import dev.jvmm.cpu.simd.SseFloat;

/**
 * The interpreter's dispatch of SSE/SSE2/SSE3 floating point (SDM vol. 2): arithmetic 0F 51, 58-5F
 * (no prefix PS, 66 PD, F3 SS, F2 SD), compares 0F C2 and 0F 2E/2F, conversions 0F 2A, 2C, 2D, 5A,
 * 5B, E6, and ADDSUB/HADD/HSUB (0F D0, 7C, 7D). Lanes are computed by {@link SseFloat},
 * {@link SseCompare} and {@link SseConvert} under MXCSR; an unmasked exception leaves the
 * destination alone, sets MXCSR's flags and raises #XM (CR4.OSXMMEXCPT=1) or #UD.
 */
public final class SimdFloat {
    private SimdFloat() {}

    private static final long LOW32 = 0xFFFF_FFFFL;

    /** Executes the current instruction if it is SSE floating point; false otherwise. */
    static boolean execute(Interpreter in) {
        Insn i = in.i;
        if (i.opcode >= 0x200) return false;
        int op = i.opcode & 0xFF;
        int p = Simd.prefix(i);
        switch (op) {
            case 0x51, 0x58, 0x59, 0x5C, 0x5D, 0x5E, 0x5F -> arithmetic(in, op, p);
            case 0xC2 -> compare(in, p);
            case 0x2E, 0x2F -> compareToFlags(in, op, p);
            case 0x5A -> convertFloats(in, p);
            case 0x5B -> convertDwords(in, p);
            case 0xE6 -> convertPackedDoubleDwords(in, p);
            case 0x2A -> convertFromInteger(in, p);
            case 0x2C, 0x2D -> convertToInteger(in, p, op == 0x2C);
            case 0xD0, 0x7C, 0x7D -> horizontal(in, op, p);
            default -> {
                return false;
            }
        }
        return true;
    }

    private static FpContext begin(Interpreter in) {
        in.simd.checkSse();
        return in.simd.fp.begin(in.c.mxcsr);
    }

    /** Applies the SDM's two-step exception rule to MXCSR; raises #XM/#UD if an unmasked exception stops the instruction. */
    static void finish(Interpreter in, FpContext fp) {
        finish(in.c, fp);
    }

    /** {@link #finish(Interpreter, FpContext)} for {@code c}. */
    static void finish(Cpu c, FpContext fp) {
        int r = fp.finish();
        if (r >= 0) {
            c.mxcsr = r;
            return;
        }
        c.mxcsr = ~r;
        throw c.fault.raise((c.cr4 & ControlBits.CR4_OSXMMEXCPT) != 0 ? CpuException.XM : CpuException.UD, -1);
    }

    /**
     * The checks before any SSE instruction (as {@code Simd.checkSse}): CR0.EM=1 or CR4.OSFXSR=0
     * raise #UD, CR0.TS=1 #NM. For translated units, which then call the instruction's operation
     * below with the operands they read.
     */
    public static void checkSse(Cpu c) {
        if ((c.cr0 & ControlBits.CR0_EM) != 0 || (c.cr4 & ControlBits.CR4_OSFXSR) == 0) throw c.fault.raise(CpuException.UD, -1);
        if ((c.cr0 & ControlBits.CR0_TS) != 0) throw c.fault.raise(CpuException.NM, -1);
    }

    private static FpFormat format(int p) {
        return p == 0 || p == 0xF3 ? SINGLE : DOUBLE;
    }

    private static int memSize(int p) {
        return p == 0 || p == 0x66 ? 16 : p == 0xF3 ? 4 : 8;
    }

    private static int arithmeticOp(int op) {
        return switch (op) {
            case 0x58 -> SseFloat.ADD;
            case 0x59 -> SseFloat.MUL;
            case 0x5C -> SseFloat.SUB;
            case 0x5D -> SseFloat.MIN;
            case 0x5E -> SseFloat.DIV;
            default -> SseFloat.MAX;
        };
    }

    /** One lane: SQRT (op 0x51, of {@code b}) or a binary operation. */
    private static long lane(int op, FpFormat f, long a, long b, FpContext fp) {
        return op == 0x51 ? SseFloat.sqrt(f, b, fp) : SseFloat.binary(arithmeticOp(op), f, a, b, fp);
    }

    /** Two binary32 lanes packed in 64 bits. */
    private static long pair(int op, long a, long b, FpContext fp) {
        long lo = lane(op, SINGLE, a & LOW32, b & LOW32, fp);
        long hi = lane(op, SINGLE, a >>> 32, b >>> 32, fp);
        return lo | hi << 32;
    }

    private static void arithmetic(Interpreter in, int op, int p) {
        Simd s = in.simd;
        FpContext fp = begin(in);
        s.readXmmSource(memSize(p), p == 0 || p == 0x66);
        arithmetic(in.c, fp, op, p, in.i.reg, s.lo, s.hi);
    }

    /**
     * SQRT, ADD, MUL, SUB, MIN, DIV, MAX (0F 51, 58-5F) with mandatory prefix {@code p} (none PS, 66
     * PD, F3 SS, F2 SD) on XMM{@code r} and the source operand's bits {@code sLo}/{@code sHi} (the
     * bytes read, zero-extended), after {@link #checkSse}; the interpreter and translated units both
     * run it. An unmasked exception leaves the register alone.
     */
    public static void arithmetic(Cpu c, FpContext fp, int op, int p, int r, long sLo, long sHi) {
        if (p == 0xF2 && scalarDoubleQuick(c, op, r, sLo) || p == 0x66 && packedDoubleQuick(c, op, r, sLo, sHi)) return;
        fp.begin(c.mxcsr);
        long dLo = c.xmm[2 * r], dHi = c.xmm[2 * r + 1];
        long lo, hi;
        switch (p) {
            case 0 -> {
                lo = pair(op, dLo, sLo, fp);
                hi = pair(op, dHi, sHi, fp);
            }
            case 0x66 -> {
                lo = lane(op, DOUBLE, dLo, sLo, fp);
                hi = lane(op, DOUBLE, dHi, sHi, fp);
            }
            case 0xF3 -> {
                lo = (dLo & ~LOW32) | lane(op, SINGLE, dLo & LOW32, sLo & LOW32, fp);
                hi = dHi;
            }
            default -> {
                lo = lane(op, DOUBLE, dLo, sLo, fp);
                hi = dHi;
            }
        }
        finish(c, fp);
        c.xmm[2 * r] = lo;
        c.xmm[2 * r + 1] = hi;
    }

    private static void compare(Interpreter in, int p) {
        Simd s = in.simd;
        FpContext fp = begin(in);
        int r = in.i.reg;
        int pred = (int) in.i.imm & 7;
        long dLo = s.xmmLow(r), dHi = s.xmmHigh(r);
        s.readXmmSource(memSize(p), p == 0 || p == 0x66);
        long lo, hi;
        switch (p) {
            case 0 -> {
                lo = mask32(SseCompare.compare(SINGLE, dLo & LOW32, s.lo & LOW32, pred, fp))
                        | mask32(SseCompare.compare(SINGLE, dLo >>> 32, s.lo >>> 32, pred, fp)) << 32;
                hi = mask32(SseCompare.compare(SINGLE, dHi & LOW32, s.hi & LOW32, pred, fp))
                        | mask32(SseCompare.compare(SINGLE, dHi >>> 32, s.hi >>> 32, pred, fp)) << 32;
            }
            case 0x66 -> {
                lo = SseCompare.compare(DOUBLE, dLo, s.lo, pred, fp) ? -1L : 0;
                hi = SseCompare.compare(DOUBLE, dHi, s.hi, pred, fp) ? -1L : 0;
            }
            case 0xF3 -> {
                lo = (dLo & ~LOW32) | mask32(SseCompare.compare(SINGLE, dLo & LOW32, s.lo & LOW32, pred, fp));
                hi = dHi;
            }
            default -> {
                lo = SseCompare.compare(DOUBLE, dLo, s.lo, pred, fp) ? -1L : 0;
                hi = dHi;
            }
        }
        finish(in, fp);
        s.setXmm(r, lo, hi);
    }

    private static long mask32(boolean b) {
        return b ? LOW32 : 0;
    }

    /** COMISS/UCOMISS (no prefix), COMISD/UCOMISD (66): ZF PF CF from the compare, OF SF AF cleared. */
    private static void compareToFlags(Interpreter in, int op, int p) {
        if (p != 0 && p != 0x66) throw in.ud();
        Simd s = in.simd;
        FpContext fp = begin(in);
        s.readXmmSource(p == 0 ? 4 : 8, false);
        compareToFlags(in.c, fp, op, p, in.i.reg, s.lo);
    }

    /** {@link #arithmetic} for an SD form ({@code p} 0xF2), with the source's low 64 bits {@code s}. */
    public static void scalarDouble(Cpu c, FpContext fp, int op, int r, long s) {
        if (!scalarDoubleQuick(c, op, r, s)) arithmetic(c, fp, op, 0xF2, r, s, 0);
    }

    /** The SD form's common case ({@link SseFloat#quickDouble}): true if done. */
    private static boolean scalarDoubleQuick(Cpu c, int op, int r, long s) {
        if (!SseFloat.quickContext(c.mxcsr)) return false;
        long x = SseFloat.quickDouble(arithmeticOp(op), op == 0x51, c.xmm[2 * r], s);
        if (x == SseFloat.NOT_QUICK) return false;
        c.xmm[2 * r] = x;
        return true;
    }

    /** The PD form's common case, both lanes ({@link SseFloat#quickDouble}): true if done. */
    private static boolean packedDoubleQuick(Cpu c, int op, int r, long sLo, long sHi) {
        if (!SseFloat.quickContext(c.mxcsr)) return false;
        int o = arithmeticOp(op);
        long lo = SseFloat.quickDouble(o, op == 0x51, c.xmm[2 * r], sLo);
        if (lo == SseFloat.NOT_QUICK) return false;
        long hi = SseFloat.quickDouble(o, op == 0x51, c.xmm[2 * r + 1], sHi);
        if (hi == SseFloat.NOT_QUICK) return false;
        c.xmm[2 * r] = lo;
        c.xmm[2 * r + 1] = hi;
        return true;
    }

    /**
     * COMISS/UCOMISS (p 0), COMISD/UCOMISD (p 0x66), {@code op} 0x2F or 0x2E, of XMM{@code r} and
     * the source bits {@code src}, after {@link #checkSse}: sets ZF PF CF, clears OF SF AF.
     */
    public static void compareToFlags(Cpu c, FpContext fp, int op, int p, int r, long src) {
        fp.begin(c.mxcsr);
        FpFormat f = p == 0 ? SINGLE : DOUBLE;
        long a = c.xmm[2 * r] & f.mask(), b = src & f.mask();
        int flags = SseCompare.compareToFlags(f, a, b, op == 0x2F, fp);
        finish(c, fp);
        c.flags = (c.flags & ~Cpu.ARITH) | flags;
    }

    /** CVTPS2PD (none), CVTPD2PS (66), CVTSS2SD (F3), CVTSD2SS (F2). */
    private static void convertFloats(Interpreter in, int p) {
        Simd s = in.simd;
        FpContext fp = begin(in);
        int r = in.i.reg;
        long dLo = s.xmmLow(r), dHi = s.xmmHigh(r);
        long lo, hi;
        switch (p) {
            case 0 -> {
                s.readXmmSource(8, false);
                lo = SseConvert.convert(SINGLE, DOUBLE, s.lo & LOW32, fp);
                hi = SseConvert.convert(SINGLE, DOUBLE, s.lo >>> 32, fp);
            }
            case 0x66 -> {
                s.readXmmSource(16, true);
                lo = SseConvert.convert(DOUBLE, SINGLE, s.lo, fp) | SseConvert.convert(DOUBLE, SINGLE, s.hi, fp) << 32;
                hi = 0;
            }
            case 0xF3 -> {
                s.readXmmSource(4, false);
                lo = SseConvert.convert(SINGLE, DOUBLE, s.lo & LOW32, fp);
                hi = dHi;
            }
            default -> {
                s.readXmmSource(8, false);
                lo = (dLo & ~LOW32) | SseConvert.convert(DOUBLE, SINGLE, s.lo, fp);
                hi = dHi;
            }
        }
        finish(in, fp);
        s.setXmm(r, lo, hi);
    }

    /** CVTDQ2PS (none), CVTPS2DQ (66), CVTTPS2DQ (F3). */
    private static void convertDwords(Interpreter in, int p) {
        if (p == 0xF2) throw in.ud();
        Simd s = in.simd;
        FpContext fp = begin(in);
        s.readXmmSource(16, true);
        long[] src = {s.lo, s.hi};
        long[] out = new long[2];
        for (int k = 0; k < 4; k++) {
            long v = (src[k >> 1] >>> (32 * (k & 1))) & LOW32;
            long x = p == 0 ? SseConvert.fromInteger(SINGLE, (int) v, fp) : SseConvert.toInteger(SINGLE, v, 32, p == 0xF3, fp);
            out[k >> 1] |= (x & LOW32) << (32 * (k & 1));
        }
        finish(in, fp);
        s.setXmm(in.i.reg, out[0], out[1]);
    }

    /** CVTTPD2DQ (66), CVTDQ2PD (F3), CVTPD2DQ (F2). */
    private static void convertPackedDoubleDwords(Interpreter in, int p) {
        if (p == 0) throw in.ud();
        Simd s = in.simd;
        FpContext fp = begin(in);
        long lo, hi;
        if (p == 0xF3) {
            s.readXmmSource(8, false);
            lo = SseConvert.fromInteger(DOUBLE, (int) s.lo, fp);
            hi = SseConvert.fromInteger(DOUBLE, (int) (s.lo >>> 32), fp);
        } else {
            s.readXmmSource(16, true);
            boolean t = p == 0x66;
            lo = SseConvert.toInteger(DOUBLE, s.lo, 32, t, fp) | SseConvert.toInteger(DOUBLE, s.hi, 32, t, fp) << 32;
            hi = 0;
        }
        finish(in, fp);
        s.setXmm(in.i.reg, lo, hi);
    }

    /** CVTSI2SS (F3), CVTSI2SD (F2) from r/m32 or r/m64; CVTPI2PS (none), CVTPI2PD (66) from mm/m64. */
    private static void convertFromInteger(Interpreter in, int p) {
        Simd s = in.simd;
        Insn i = in.i;
        int r = i.reg;
        if (p == 0xF3 || p == 0xF2) {
            FpContext fp = begin(in);
            int size = i.opSize == 8 ? 8 : 4;
            long v = in.readRm(size);
            if (size == 4) v = (int) v;
            fromInteger(in.c, fp, p, r, v);
            return;
        }
        FpContext fp = begin(in);
        boolean mmxSource = i.mod == 3;
        if (mmxSource) { // the x87-to-MMX transition comes first: it stays even if the conversion then faults
            s.checkMmx();
            s.enterMmx();
        }
        long v = s.mmSource(8);
        if (p == 0) {
            long x = SseConvert.fromInteger(SINGLE, (int) v, fp) | SseConvert.fromInteger(SINGLE, (int) (v >> 32), fp) << 32;
            finish(in, fp);
            s.setXmm(r, x, s.xmmHigh(r));
        } else {
            long lo = SseConvert.fromInteger(DOUBLE, (int) v, fp), hi = SseConvert.fromInteger(DOUBLE, (int) (v >> 32), fp);
            finish(in, fp);
            s.setXmm(r, lo, hi);
        }
    }

    /** CVTSI2SS (p 0xF3), CVTSI2SD (p 0xF2) of the signed integer {@code v} into XMM{@code r}, after {@link #checkSse}. */
    public static void fromInteger(Cpu c, FpContext fp, int p, int r, long v) {
        if (p == 0xF2 && v == (int) v) { // exact whatever MXCSR says: no rounding, no flag
            c.xmm[2 * r] = Double.doubleToRawLongBits(v);
            return;
        }
        fp.begin(c.mxcsr);
        long dLo = c.xmm[2 * r];
        long x = SseConvert.fromInteger(p == 0xF3 ? SINGLE : DOUBLE, v, fp);
        finish(c, fp);
        c.xmm[2 * r] = p == 0xF3 ? (dLo & ~LOW32) | x : x;
    }

    /** CVT(T)SS2SI (F3), CVT(T)SD2SI (F2) to r32/r64; CVT(T)PS2PI (none), CVT(T)PD2PI (66) to mm. */
    private static void convertToInteger(Interpreter in, int p, boolean truncate) {
        Simd s = in.simd;
        Insn i = in.i;
        FpContext fp = begin(in);
        if (p == 0xF3 || p == 0xF2) {
            FpFormat f = p == 0xF3 ? SINGLE : DOUBLE;
            s.readXmmSource(p == 0xF3 ? 4 : 8, false);
            int bits = i.opSize == 8 ? 64 : 32;
            long x = SseConvert.toInteger(f, s.lo & f.mask(), bits, truncate, fp);
            finish(in, fp);
            in.c.gpr[i.reg] = x;
            return;
        }
        s.checkMmx();
        s.readXmmSource(p == 0 ? 8 : 16, p != 0);
        s.enterMmx(); // after the operand is read, before the conversion: it stays if the conversion faults
        long x;
        if (p == 0) {
            x = SseConvert.toInteger(SINGLE, s.lo & LOW32, 32, truncate, fp)
                    | SseConvert.toInteger(SINGLE, s.lo >>> 32, 32, truncate, fp) << 32;
        } else {
            x = SseConvert.toInteger(DOUBLE, s.lo, 32, truncate, fp) | SseConvert.toInteger(DOUBLE, s.hi, 32, truncate, fp) << 32;
        }
        finish(in, fp);
        s.setMm(i.reg, x);
    }

    /** ADDSUBPD (66 D0), ADDSUBPS (F2 D0), HADDPD/HADDPS (66/F2 7C), HSUBPD/HSUBPS (66/F2 7D). */
    private static void horizontal(Interpreter in, int op, int p) {
        if (p != 0x66 && p != 0xF2) throw in.ud();
        Simd s = in.simd;
        FpContext fp = begin(in);
        int r = in.i.reg;
        long dLo = s.xmmLow(r), dHi = s.xmmHigh(r);
        s.readXmmSource(16, true);
        long lo, hi;
        if (p == 0x66) {
            switch (op) {
                case 0xD0 -> {
                    lo = SseFloat.binary(SseFloat.SUB, DOUBLE, dLo, s.lo, fp);
                    hi = SseFloat.binary(SseFloat.ADD, DOUBLE, dHi, s.hi, fp);
                }
                default -> {
                    int o = op == 0x7C ? SseFloat.ADD : SseFloat.SUB;
                    lo = SseFloat.binary(o, DOUBLE, dLo, dHi, fp);
                    hi = SseFloat.binary(o, DOUBLE, s.lo, s.hi, fp);
                }
            }
        } else {
            long[] d = {dLo & LOW32, dLo >>> 32, dHi & LOW32, dHi >>> 32};
            long[] q = {s.lo & LOW32, s.lo >>> 32, s.hi & LOW32, s.hi >>> 32};
            long[] o = new long[4];
            if (op == 0xD0) {
                for (int k = 0; k < 4; k++) o[k] = SseFloat.binary((k & 1) == 0 ? SseFloat.SUB : SseFloat.ADD, SINGLE, d[k], q[k], fp);
            } else {
                int f = op == 0x7C ? SseFloat.ADD : SseFloat.SUB;
                o[0] = SseFloat.binary(f, SINGLE, d[0], d[1], fp);
                o[1] = SseFloat.binary(f, SINGLE, d[2], d[3], fp);
                o[2] = SseFloat.binary(f, SINGLE, q[0], q[1], fp);
                o[3] = SseFloat.binary(f, SINGLE, q[2], q[3], fp);
            }
            lo = o[0] | o[1] << 32;
            hi = o[2] | o[3] << 32;
        }
        finish(in, fp);
        s.setXmm(r, lo, hi);
    }
}
