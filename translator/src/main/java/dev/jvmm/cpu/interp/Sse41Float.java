package dev.jvmm.cpu.interp;

import static dev.jvmm.cpu.simd.FpFormat.DOUBLE;
import static dev.jvmm.cpu.simd.FpFormat.SINGLE;

import dev.jvmm.cpu.decode.Feature;
import dev.jvmm.cpu.decode.Form;
import dev.jvmm.cpu.decode.JitTreatment;
import dev.jvmm.cpu.decode.Rows;
import dev.jvmm.cpu.simd.FpContext;
import dev.jvmm.cpu.simd.Sse41Arithmetic;

/**
 * The SSE4.1 floating-point rows (66 0F 3A 08-0B, 40, 41): ROUNDPS, ROUNDPD, ROUNDSS, ROUNDSD, DPPS,
 * DPPD, under MXCSR as {@link SimdFloat} runs SSE arithmetic. Semantics in {@link Sse41Arithmetic}.
 */
public final class Sse41Float {
    private Sse41Float() {}

    private static final long LOW32 = 0xFFFF_FFFFL;

    /** Adds the rows to the opcode table. */
    public static void add(Rows r) {
        row(r, "08", "roundps Vx,Wx,Ib").exec(Sse41Float::roundps);
        row(r, "09", "roundpd Vx,Wx,Ib").exec(Sse41Float::roundpd);
        row(r, "0A", "roundss Vx,Wd,Ib").exec(Sse41Float::roundss);
        row(r, "0B", "roundsd Vx,Wq,Ib").exec(Sse41Float::roundsd);
        row(r, "40", "dpps Vx,Wx,Ib").exec(in -> dotProduct(in, false));
        row(r, "41", "dppd Vx,Wx,Ib").exec(in -> dotProduct(in, true));
    }

    private static Form.Builder row(Rows r, String op, String template) {
        return r.add("66 0F 3A " + op + " /r", template).feature(Feature.SSE4_1).jit(JitTreatment.CONTINUE);
    }

    private static FpContext begin(Interpreter in) {
        in.simd.checkSse();
        return in.simd.fp.begin(in.c.mxcsr);
    }

    private static long roundPair(long v, int imm, FpContext fp) {
        return Sse41Arithmetic.round(SINGLE, v & LOW32, imm, fp) | Sse41Arithmetic.round(SINGLE, v >>> 32, imm, fp) << 32;
    }

    private static void roundps(Interpreter in) {
        Simd s = in.simd;
        FpContext fp = begin(in);
        s.readXmmSource(16, true);
        int imm = (int) in.i.imm;
        long lo = roundPair(s.lo, imm, fp), hi = roundPair(s.hi, imm, fp);
        SimdFloat.finish(in, fp);
        s.setXmm(in.i.reg, lo, hi);
    }

    private static void roundpd(Interpreter in) {
        Simd s = in.simd;
        FpContext fp = begin(in);
        s.readXmmSource(16, true);
        int imm = (int) in.i.imm;
        long lo = Sse41Arithmetic.round(DOUBLE, s.lo, imm, fp), hi = Sse41Arithmetic.round(DOUBLE, s.hi, imm, fp);
        SimdFloat.finish(in, fp);
        s.setXmm(in.i.reg, lo, hi);
    }

    private static void roundss(Interpreter in) {
        Simd s = in.simd;
        FpContext fp = begin(in);
        s.readXmmSource(4, false);
        long v = Sse41Arithmetic.round(SINGLE, s.lo & LOW32, (int) in.i.imm, fp);
        SimdFloat.finish(in, fp);
        int r = in.i.reg;
        s.setXmm(r, (s.xmmLow(r) & ~LOW32) | v, s.xmmHigh(r));
    }

    private static void roundsd(Interpreter in) {
        Simd s = in.simd;
        FpContext fp = begin(in);
        s.readXmmSource(8, false);
        long v = Sse41Arithmetic.round(DOUBLE, s.lo, (int) in.i.imm, fp);
        SimdFloat.finish(in, fp);
        int r = in.i.reg;
        s.setXmm(r, v, s.xmmHigh(r));
    }

    private static void dotProduct(Interpreter in, boolean dp) {
        Simd s = in.simd;
        FpContext fp = begin(in);
        s.readXmmSource(16, true);
        int r = in.i.reg, imm = (int) in.i.imm & 0xFF;
        long[] out = s.result;
        if (dp) Sse41Arithmetic.dotProductDouble(s.xmmLow(r), s.xmmHigh(r), s.lo, s.hi, imm, fp, out);
        else Sse41Arithmetic.dotProductSingle(s.xmmLow(r), s.xmmHigh(r), s.lo, s.hi, imm, fp, out);
        SimdFloat.finish(in, fp);
        s.setXmm(r, out[0], out[1]);
    }
}
