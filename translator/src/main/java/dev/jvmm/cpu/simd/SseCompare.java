package dev.jvmm.cpu.simd;

import static dev.jvmm.cpu.simd.FpContext.*;

/**
 * SSE floating-point compares (SDM vol. 2 CMPPS/CMPPD/CMPSS/CMPSD, COMISS/COMISD, UCOMISS/UCOMISD):
 * the eight legacy predicates and the EFLAGS result. Signalling predicates (LT, LE, NLT, NLE) and
 * COMIS raise invalid on any NaN; quiet ones (EQ, UNORD, NEQ, ORD) and UCOMIS only on an SNaN.
 */
public final class SseCompare {
    private SseCompare() {}

    /** CMPxx with {@code predicate} imm8[2:0]: EQ, LT, LE, UNORD, NEQ, NLT, NLE, ORD. */
    public static boolean compare(FpFormat f, long a, long b, int predicate, FpContext c) {
        predicate &= 7;
        if (f.isNaN(a) || f.isNaN(b)) {
            boolean signalling = predicate == 1 || predicate == 2 || predicate == 5 || predicate == 6;
            if (signalling || f.isSignalingNaN(a) || f.isSignalingNaN(b)) c.pre |= IE;
            return predicate == 3 || predicate == 4 || predicate == 5 || predicate == 6;
        }
        a = SseFloat.operand(f, a, c);
        b = SseFloat.operand(f, b, c);
        boolean less = SseFloat.lessThan(f, a, b), greater = SseFloat.lessThan(f, b, a);
        boolean equal = !less && !greater;
        return switch (predicate) {
            case 0 -> equal;
            case 1 -> less;
            case 2 -> less || equal;
            case 3 -> false;
            case 4 -> !equal;
            case 5 -> !less;
            case 6 -> !(less || equal);
            default -> true;
        };
    }

    /** EFLAGS bits CF (1), PF (4), ZF (0x40) of COMIS/UCOMIS: unordered 111, less 001, equal 100, greater 000. */
    public static int compareToFlags(FpFormat f, long a, long b, boolean signalOnQuietNaN, FpContext c) {
        if (f.isNaN(a) || f.isNaN(b)) {
            if (signalOnQuietNaN || f.isSignalingNaN(a) || f.isSignalingNaN(b)) c.pre |= IE;
            return 0x45;
        }
        a = SseFloat.operand(f, a, c);
        b = SseFloat.operand(f, b, c);
        if (SseFloat.lessThan(f, a, b)) return 1;
        if (SseFloat.lessThan(f, b, a)) return 0;
        return 0x40;
    }
}
