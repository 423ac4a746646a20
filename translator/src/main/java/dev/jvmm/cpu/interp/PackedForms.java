package dev.jvmm.cpu.interp;

import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * Operand handling shared by the table-driven packed-integer forms (SSSE3 and later): the checks
 * of {@link Simd}, the source read (an aligned 16-byte memory operand for XMM forms, 8 bytes for
 * MMX forms), the semantic method, the destination write. The destination is ModRM.reg.
 */
final class PackedForms {
    private PackedForms() {}

    /** A 128-bit operation: destination and source in, result into {@code out[0..1]}. */
    @FunctionalInterface
    interface Op128 {
        void apply(long dLo, long dHi, long sLo, long sHi, long[] out);
    }

    /** MMX form: {@code mm(reg) = f(mm(reg), mm/m64)}. */
    static void mmx(Interpreter in, LongBinaryOperator f) {
        Simd s = in.simd;
        s.checkMmx();
        int r = in.i.reg;
        long src = s.mmSource(8);
        s.setMm(r, f.applyAsLong(s.mm(r), src));
        s.enterMmx();
    }

    /** MMX form of a unary operation on the source: {@code mm(reg) = f(mm/m64)}. */
    static void mmxUnary(Interpreter in, LongUnaryOperator f) {
        Simd s = in.simd;
        s.checkMmx();
        s.setMm(in.i.reg, f.applyAsLong(s.mmSource(8)));
        s.enterMmx();
    }

    /** XMM form of an operation that never moves data between the halves: {@code f} on each. */
    static void xmmHalves(Interpreter in, LongBinaryOperator f) {
        Simd s = in.simd;
        s.checkSse();
        int r = in.i.reg;
        s.readXmmSource(16, true);
        s.setXmm(r, f.applyAsLong(s.xmmLow(r), s.lo), f.applyAsLong(s.xmmHigh(r), s.hi));
    }

    /** XMM form of a unary operation on each half of the source. */
    static void xmmUnary(Interpreter in, LongUnaryOperator f) {
        Simd s = in.simd;
        s.checkSse();
        s.readXmmSource(16, true);
        s.setXmm(in.i.reg, f.applyAsLong(s.lo), f.applyAsLong(s.hi));
    }

    /** XMM form of a horizontal operation: the low half from the destination's pairs, the high half from the source's. */
    static void xmmHorizontal(Interpreter in, LongBinaryOperator f) {
        Simd s = in.simd;
        s.checkSse();
        int r = in.i.reg;
        s.readXmmSource(16, true);
        s.setXmm(r, f.applyAsLong(s.xmmLow(r), s.xmmHigh(r)), f.applyAsLong(s.lo, s.hi));
    }

    /** XMM form of a whole-register operation. */
    static void xmm(Interpreter in, Op128 f) {
        Simd s = in.simd;
        s.checkSse();
        int r = in.i.reg;
        s.readXmmSource(16, true);
        long[] out = s.result;
        f.apply(s.xmmLow(r), s.xmmHigh(r), s.lo, s.hi, out);
        s.setXmm(r, out[0], out[1]);
    }
}
