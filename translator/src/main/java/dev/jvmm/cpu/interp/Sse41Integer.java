package dev.jvmm.cpu.interp;

import static dev.jvmm.cpu.interp.PackedForms.*;

import dev.jvmm.cpu.decode.Feature;
import dev.jvmm.cpu.decode.Form;
import dev.jvmm.cpu.decode.JitTreatment;
import dev.jvmm.cpu.decode.Rows;
import dev.jvmm.cpu.simd.PackedInt;
import dev.jvmm.cpu.simd.PackedSelect;
import dev.jvmm.cpu.simd.PackedShuffle;
import java.util.function.LongBinaryOperator;

/**
 * The SSE4.1 packed-integer and blend rows (Intel SDM vol. 2 tables, all with the 66
 * prefix and XMM operands), and SSE4.2's PCMPGTQ: PBLENDVB, BLENDVPS/PD, PTEST, PMOVSX/ZX*,
 * PMULDQ, PCMPEQQ, PACKUSDW, PMINS/U, PMAXS/U, PMULLD, PHMINPOSUW, PBLENDW, BLENDPS/PD.
 * Semantics in {@link PackedInt}, {@link PackedShuffle} and {@link PackedSelect}.
 */
public final class Sse41Integer {
    private Sse41Integer() {}

    /** Adds the rows to the opcode table. */
    public static void add(Rows r) {
        row(r, "10", "pblendvb Vx,Wx").exec(in -> blendBySign(in, 1));
        row(r, "14", "blendvps Vx,Wx").exec(in -> blendBySign(in, 4));
        row(r, "15", "blendvpd Vx,Wx").exec(in -> blendBySign(in, 8));
        row(r, "17", "ptest Vx,Wx").exec(Sse41Integer::ptest);
        String[] extend = {"bw", "bd", "bq", "wd", "wq", "dq"};
        int[][] sizes = {{1, 2}, {1, 4}, {1, 8}, {2, 4}, {2, 8}, {4, 8}};
        for (int k = 0; k < 6; k++) {
            int from = sizes[k][0], to = sizes[k][1];
            row(r, String.format("%02X", 0x20 + k), "pmovsx" + extend[k] + " Vx,Wx").exec(in -> widen(in, from, to, true));
            row(r, String.format("%02X", 0x30 + k), "pmovzx" + extend[k] + " Vx,Wx").exec(in -> widen(in, from, to, false));
        }
        halves(r, "28", "pmuldq", PackedInt::mulSignedDwords);
        halves(r, "29", "pcmpeqq", (a, b) -> PackedInt.compareEqual(a, b, 8));
        row(r, "2B", "packusdw Vx,Wx").exec(in -> xmmHorizontal(in, (a, b) -> PackedShuffle.packUnsigned(a, b, 4)));
        halves(r, "38", "pminsb", (a, b) -> PackedInt.minSigned(a, b, 1));
        halves(r, "39", "pminsd", (a, b) -> PackedInt.minSigned(a, b, 4));
        halves(r, "3A", "pminuw", (a, b) -> PackedInt.minUnsigned(a, b, 2));
        halves(r, "3B", "pminud", (a, b) -> PackedInt.minUnsigned(a, b, 4));
        halves(r, "3C", "pmaxsb", (a, b) -> PackedInt.maxSigned(a, b, 1));
        halves(r, "3D", "pmaxsd", (a, b) -> PackedInt.maxSigned(a, b, 4));
        halves(r, "3E", "pmaxuw", (a, b) -> PackedInt.maxUnsigned(a, b, 2));
        halves(r, "3F", "pmaxud", (a, b) -> PackedInt.maxUnsigned(a, b, 4));
        halves(r, "40", "pmulld", (a, b) -> PackedInt.mulLow(a, b, 4));
        row(r, "41", "phminposuw Vx,Wx").exec(Sse41Integer::phminposuw);
        r.add("66 0F 38 37 /r", "pcmpgtq Vx,Wx").feature(Feature.SSE4_2).jit(JitTreatment.CONTINUE)
                .exec(in -> xmmHalves(in, (a, b) -> PackedInt.compareGreater(a, b, 8)));
        blend(r, "0C", "blendps Vx,Wx,Ib", 4);
        blend(r, "0D", "blendpd Vx,Wx,Ib", 8);
        blend(r, "0E", "pblendw Vx,Wx,Ib", 2);
    }

    private static Form.Builder row(Rows r, String op, String template) {
        return r.add("66 0F 38 " + op + " /r", template).feature(Feature.SSE4_1).jit(JitTreatment.CONTINUE);
    }

    private static void halves(Rows r, String op, String name, LongBinaryOperator f) {
        row(r, op, name + " Vx,Wx").exec(in -> xmmHalves(in, f));
    }

    private static void blend(Rows r, String op, String template, int size) {
        r.add("66 0F 3A " + op + " /r", template).feature(Feature.SSE4_1).jit(JitTreatment.CONTINUE)
                .exec(in -> blendByImmediate(in, size));
    }

    private static void blendBySign(Interpreter in, int size) {
        Simd s = in.simd;
        s.checkSse();
        int r = in.i.reg;
        s.readXmmSource(16, true);
        long m0 = s.xmmLow(0), m1 = s.xmmHigh(0);
        s.setXmm(r, PackedSelect.blendBySign(s.xmmLow(r), s.lo, m0, size), PackedSelect.blendBySign(s.xmmHigh(r), s.hi, m1, size));
    }

    private static void blendByImmediate(Interpreter in, int size) {
        Simd s = in.simd;
        s.checkSse();
        int r = in.i.reg;
        s.readXmmSource(16, true);
        int imm = (int) in.i.imm & 0xFF, perHalf = 8 / size;
        long lo = PackedSelect.blendByImmediate(s.xmmLow(r), s.lo, imm, size);
        long hi = PackedSelect.blendByImmediate(s.xmmHigh(r), s.hi, imm >>> perHalf, size);
        s.setXmm(r, lo, hi);
    }

    private static void ptest(Interpreter in) {
        Simd s = in.simd;
        s.checkSse();
        s.readXmmSource(16, true);
        int r = in.i.reg;
        Cpu c = in.c;
        c.flags = (c.flags & ~Cpu.ARITH) | PackedSelect.testFlags(s.xmmLow(r), s.xmmHigh(r), s.lo, s.hi);
    }

    /** PMOVSX/PMOVZX: the memory operand is as wide as the lanes read (16 / to * from bytes), never checked for alignment. */
    private static void widen(Interpreter in, int from, int to, boolean signed) {
        Simd s = in.simd;
        s.checkSse();
        s.readXmmSource(16 / to * from, false);
        long src = s.lo;
        s.setXmm(in.i.reg, PackedSelect.widen(src, from, to, signed, 0), PackedSelect.widen(src, from, to, signed, 1));
    }

    private static void phminposuw(Interpreter in) {
        Simd s = in.simd;
        s.checkSse();
        s.readXmmSource(16, true);
        s.setXmm(in.i.reg, PackedSelect.minimumPosition(s.lo, s.hi), 0);
    }
}
