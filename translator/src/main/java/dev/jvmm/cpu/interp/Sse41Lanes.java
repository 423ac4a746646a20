package dev.jvmm.cpu.interp;

import dev.jvmm.cpu.decode.Feature;
import dev.jvmm.cpu.decode.Form;
import dev.jvmm.cpu.decode.JitTreatment;
import dev.jvmm.cpu.decode.Rows;
import dev.jvmm.cpu.simd.PackedLanes;

/**
 * The SSE4.1 lane rows (Intel SDM vol. 2 table A-5, all 66 0F 3A except MOVNTDQA): PEXTRB/W/D/Q,
 * EXTRACTPS, PINSRB/D/Q, INSERTPS, MPSADBW, and MOVNTDQA (66 0F 38 2A). A general register operand
 * is the whole 32- or 64-bit register (PINSRB reads its low byte, never AH-BH; PEXTR* zero the rest
 * of it); REX.W selects the quadword forms of PEXTRQ/PINSRQ. Semantics in {@link PackedLanes}.
 */
public final class Sse41Lanes {
    private Sse41Lanes() {}

    /** Adds the rows to the opcode table. */
    public static void add(Rows r) {
        row(r, "3A 14", "pextrb Lb,Vx,Ib").exec(in -> extract(in, 1, 15));
        row(r, "3A 15", "pextrw Lw,Vx,Ib").exec(in -> extract(in, 2, 7));
        row(r, "3A 16", "pextrd Ey,Vx,Ib").exec(in -> extract(in, in.i.opSize == 8 ? 8 : 4, in.i.opSize == 8 ? 1 : 3));
        row(r, "3A 17", "extractps Ld,Vx,Ib").exec(in -> extract(in, 4, 3));
        row(r, "3A 20", "pinsrb Vx,Lb,Ib").exec(in -> insert(in, 1, 15));
        row(r, "3A 21", "insertps Vx,Wd,Ib").exec(Sse41Lanes::insertps);
        row(r, "3A 22", "pinsrd Vx,Ey,Ib").exec(in -> insert(in, in.i.opSize == 8 ? 8 : 4, in.i.opSize == 8 ? 1 : 3));
        row(r, "3A 42", "mpsadbw Vx,Wx,Ib").exec(in -> PackedForms.xmm(in,
                (dLo, dHi, sLo, sHi, out) -> PackedLanes.multipleSumAbsoluteDifferences(dLo, dHi, sLo, sHi, (int) in.i.imm & 0xFF, out)));
        row(r, "38 2A", "movntdqa Vx,Mx").exec(Sse41Lanes::movntdqa);
    }

    private static Form.Builder row(Rows r, String op, String template) {
        return r.add("66 0F " + op + " /r", template).feature(Feature.SSE4_1).jit(JitTreatment.CONTINUE);
    }

    /** PEXTR*, EXTRACTPS: lane {@code imm AND indexMask} of XMM(reg) to r32/r64 (zero-extended) or memory. */
    private static void extract(Interpreter in, int size, int indexMask) {
        Simd s = in.simd;
        s.checkSse();
        int x = in.i.reg;
        long v = PackedLanes.extract(s.xmmLow(x), s.xmmHigh(x), size, (int) in.i.imm & indexMask);
        if (in.i.mod == 3) in.c.gpr[in.i.rm] = v;
        else in.writeRm(size, v, false);
    }

    /** PINSRB/D/Q: the low {@code size} bytes of r32/r64, or memory, into lane {@code imm AND indexMask}. */
    private static void insert(Interpreter in, int size, int indexMask) {
        Simd s = in.simd;
        s.checkSse();
        long v = in.i.mod == 3 ? in.c.gpr[in.i.rm] : in.readRm(size);
        int x = in.i.reg, k = (int) in.i.imm & indexMask;
        long lo = s.xmmLow(x), hi = s.xmmHigh(x);
        s.setXmm(x, PackedLanes.insert(lo, hi, v, size, k, false), PackedLanes.insert(lo, hi, v, size, k, true));
    }

    private static void insertps(Interpreter in) {
        Simd s = in.simd;
        s.checkSse();
        int imm = (int) in.i.imm & 0xFF;
        s.readXmmSource(4, false);
        long src = in.i.mod == 3 ? PackedLanes.extract(s.lo, s.hi, 4, imm >>> 6) : s.lo;
        int x = in.i.reg;
        PackedLanes.insertDword(s.xmmLow(x), s.xmmHigh(x), src, imm, s.result);
        s.setXmm(x, s.result[0], s.result[1]);
    }

    private static void movntdqa(Interpreter in) {
        Simd s = in.simd;
        s.checkSse();
        s.readXmmSource(16, true);
        s.setXmm(in.i.reg, s.lo, s.hi);
    }
}
