package dev.jvmm.cpu.interp;

import static dev.jvmm.cpu.interp.PackedForms.*;
import static dev.jvmm.cpu.simd.PackedHorizontal.Pair.*;

import dev.jvmm.cpu.decode.Feature;
import dev.jvmm.cpu.decode.Form;
import dev.jvmm.cpu.decode.JitTreatment;
import dev.jvmm.cpu.decode.Rows;
import dev.jvmm.cpu.simd.PackedHorizontal;
import dev.jvmm.cpu.simd.PackedInt;
import dev.jvmm.cpu.simd.PackedShuffle;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * The SSSE3 rows (Intel SDM vol. 2 table A-4, 0F 38 00-0B and 1C-1E, and 0F 3A 0F): each opcode
 * with its MMX form (no prefix) and its XMM form (66). The semantics are in {@link PackedShuffle},
 * {@link PackedInt} and {@link PackedHorizontal}; the operand handling in {@link PackedForms}.
 */
public final class Ssse3 {
    private Ssse3() {}

    /** Adds the SSSE3 rows to the opcode table. */
    public static void add(Rows r) {
        both(r, "00", "pshufb", PackedShuffle::shuffleBytes64, Ssse3::pshufb);
        horizontal(r, "01", "phaddw", (a, b) -> PackedHorizontal.horizontal(a, b, 2, ADD));
        horizontal(r, "02", "phaddd", (a, b) -> PackedHorizontal.horizontal(a, b, 4, ADD));
        horizontal(r, "03", "phaddsw", (a, b) -> PackedHorizontal.horizontal(a, b, 2, ADD_SATURATE));
        lanewise(r, "04", "pmaddubsw", PackedHorizontal::multiplyAddUnsignedBySigned);
        horizontal(r, "05", "phsubw", (a, b) -> PackedHorizontal.horizontal(a, b, 2, SUBTRACT));
        horizontal(r, "06", "phsubd", (a, b) -> PackedHorizontal.horizontal(a, b, 4, SUBTRACT));
        horizontal(r, "07", "phsubsw", (a, b) -> PackedHorizontal.horizontal(a, b, 2, SUBTRACT_SATURATE));
        lanewise(r, "08", "psignb", (a, b) -> PackedInt.sign(a, b, 1));
        lanewise(r, "09", "psignw", (a, b) -> PackedInt.sign(a, b, 2));
        lanewise(r, "0A", "psignd", (a, b) -> PackedInt.sign(a, b, 4));
        lanewise(r, "0B", "pmulhrsw", PackedHorizontal::multiplyHighRoundScale);
        unary(r, "1C", "pabsb", a -> PackedInt.absolute(a, 1));
        unary(r, "1D", "pabsw", a -> PackedInt.absolute(a, 2));
        unary(r, "1E", "pabsd", a -> PackedInt.absolute(a, 4));
        row(r, "NP 0F 3A 0F /r", "palignr Pq,Qq,Ib").exec(Ssse3::palignrMmx);
        row(r, "66 0F 3A 0F /r", "palignr Vx,Wx,Ib").exec(Ssse3::palignrXmm);
    }

    private static Form.Builder row(Rows r, String encoding, String template) {
        return r.add(encoding, template).feature(Feature.SSSE3).jit(JitTreatment.CONTINUE);
    }

    private static void both(Rows r, String op, String name, LongBinaryOperator mmx, Exec xmm) {
        row(r, "NP 0F 38 " + op + " /r", name + " Pq,Qq").exec(in -> mmx(in, mmx));
        row(r, "66 0F 38 " + op + " /r", name + " Vx,Wx").exec(xmm);
    }

    private static void lanewise(Rows r, String op, String name, LongBinaryOperator f) {
        both(r, op, name, f, in -> xmmHalves(in, f));
    }

    private static void horizontal(Rows r, String op, String name, LongBinaryOperator f) {
        both(r, op, name, f, in -> xmmHorizontal(in, f));
    }

    private static void unary(Rows r, String op, String name, LongUnaryOperator f) {
        row(r, "NP 0F 38 " + op + " /r", name + " Pq,Qq").exec(in -> mmxUnary(in, f));
        row(r, "66 0F 38 " + op + " /r", name + " Vx,Wx").exec(in -> xmmUnary(in, f));
    }

    private static void pshufb(Interpreter in) {
        xmm(in, (dLo, dHi, sLo, sHi, out) -> PackedShuffle.shuffleBytes(dLo, dHi, sLo, sHi, out, 0));
    }

    private static void palignrMmx(Interpreter in) {
        Simd s = in.simd;
        s.checkMmx();
        int r = in.i.reg;
        long src = s.mmSource(8);
        s.setMm(r, PackedShuffle.alignRight64(s.mm(r), src, (int) (in.i.imm & 0xFF)));
        s.enterMmx();
    }

    private static void palignrXmm(Interpreter in) {
        Simd s = in.simd;
        s.checkSse();
        int r = in.i.reg;
        s.readXmmSource(16, true);
        PackedShuffle.alignRight(s.xmmLow(r), s.xmmHigh(r), s.lo, s.hi, (int) (in.i.imm & 0xFF), s.result, 0);
        s.setXmm(r, s.result[0], s.result[1]);
    }
}
