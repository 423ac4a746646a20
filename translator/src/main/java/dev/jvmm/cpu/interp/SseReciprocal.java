package dev.jvmm.cpu.interp;

import dev.jvmm.cpu.decode.Feature;
import dev.jvmm.cpu.decode.JitTreatment;
import dev.jvmm.cpu.decode.Rows;
import dev.jvmm.cpu.simd.ApproximateReciprocal;
import java.util.function.LongUnaryOperator;

/**
 * The SSE approximation rows: RSQRTPS (NP 0F 52), RSQRTSS (F3 0F 52), RCPPS (NP 0F 53), RCPSS
 * (F3 0F 53). They read MXCSR for nothing and raise no SIMD floating-point exception; the packed
 * forms' m128 must be aligned, the scalar forms read an m32 and keep the destination's other lanes.
 * Semantics in {@link ApproximateReciprocal}.
 */
public final class SseReciprocal {
    private SseReciprocal() {}

    private static final long LOW32 = 0xFFFF_FFFFL;

    /** Adds the rows to the opcode table. */
    public static void add(Rows r) {
        r.add("NP 0F 52 /r", "rsqrtps Vx,Wx").feature(Feature.SSE).jit(JitTreatment.CONTINUE)
                .exec(in -> packed(in, ApproximateReciprocal::reciprocalSqrt));
        r.add("F3 0F 52 /r", "rsqrtss Vx,Wd").feature(Feature.SSE).jit(JitTreatment.CONTINUE)
                .exec(in -> scalar(in, ApproximateReciprocal::reciprocalSqrt));
        r.add("NP 0F 53 /r", "rcpps Vx,Wx").feature(Feature.SSE).jit(JitTreatment.CONTINUE)
                .exec(in -> packed(in, ApproximateReciprocal::reciprocal));
        r.add("F3 0F 53 /r", "rcpss Vx,Wd").feature(Feature.SSE).jit(JitTreatment.CONTINUE)
                .exec(in -> scalar(in, ApproximateReciprocal::reciprocal));
    }

    private static long pair(long v, LongUnaryOperator f) {
        return f.applyAsLong(v & LOW32) | f.applyAsLong(v >>> 32) << 32;
    }

    private static void packed(Interpreter in, LongUnaryOperator f) {
        PackedForms.xmmUnary(in, v -> pair(v, f));
    }

    private static void scalar(Interpreter in, LongUnaryOperator f) {
        Simd s = in.simd;
        s.checkSse();
        s.readXmmSource(4, false);
        int r = in.i.reg;
        s.setXmm(r, (s.xmmLow(r) & ~LOW32) | f.applyAsLong(s.lo & LOW32), s.xmmHigh(r));
    }
}
