package dev.jvmm.cpu.simd;

import dev.jvmm.cpu.fpu.X87;

/**
 * MMX registers aliased onto the x87 unit (SDM vol. 1 §9.5): MMi is the significand of physical
 * register Ri. Every MMX instruction except EMMS sets TOP to 0 and tags every register valid; a write
 * to MMi also sets bits 64-79 of Ri (sign and exponent) to all ones, so x87 code sees a NaN there.
 */
public final class Mmx {
    /** FSW.ES: an unmasked x87 exception is pending (MMX instructions then raise #MF first). */
    public static final int X87_ERROR_SUMMARY = 0x80;

    private Mmx() {}

    /** The state change every MMX instruction (but EMMS) makes once it has completed. */
    public static void enter(X87 f) {
        f.top = 0;
        f.tag = 0;
    }

    public static void write(X87 f, int r, long v) {
        f.significand[r] = v;
        f.signExponent[r] = 0xFFFF;
    }

    /** EMMS: every register empty, TOP 0 (SDM vol. 1 table 9-2; the host CPU agrees). */
    public static void emms(X87 f) {
        f.top = 0;
        f.tag = 0xFFFF;
    }
}
