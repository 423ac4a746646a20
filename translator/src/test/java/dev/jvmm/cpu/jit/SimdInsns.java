package dev.jvmm.cpu.jit;

import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;

/**
 * Random sequences of the SSE instructions units compile ({@link SimdEmitter}) and the x87/SSE ones
 * they run through the interpreter ({@link DecodedCall}), mixed with integer flag producers and
 * consumers (SUB, CMP, ADC, SETcc, Jcc) so lazy flags cross the SSE instructions. Memory operands are
 * {@code [rbx + disp8]} (RBX points at the data page, disp8 in 0..0x70, a multiple of 16 half the
 * time so the aligned forms do not always fault). In 64-bit mode REX.R picks XMM8-XMM15 for the
 * register operand and R8-R15 for the integer ones. The sequence ends with HLT.
 */
final class SimdInsns {
    private final SplittableRandom rnd;
    private final int mode;
    private ByteArrayOutputStream b;

    SimdInsns(long seed, int mode) {
        this.rnd = new SplittableRandom(seed);
        this.mode = mode;
    }

    byte[] sequence(int n) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int k = 0; k < n; k++) all.writeBytes(one());
        all.write(0xF4);
        return all.toByteArray();
    }

    private static final int[] ARITH = {0x51, 0x58, 0x59, 0x5C, 0x5D, 0x5E, 0x5F};
    private static final int[] PREFIXES = {0, 0x66, 0xF3, 0xF2};

    private byte[] one() {
        b = new ByteArrayOutputStream();
        int kind = rnd.nextInt(16);
        switch (kind) {
            case 0, 1, 2 -> sse(PREFIXES[rnd.nextInt(4)], ARITH[rnd.nextInt(ARITH.length)], true);
            case 3 -> sse(rnd.nextBoolean() ? 0x66 : 0, rnd.nextBoolean() ? 0x2E : 0x2F, true);
            case 4 -> cvtsi2s();
            case 5 -> sse(rnd.nextBoolean() ? 0x66 : 0, rnd.nextBoolean() ? 0x28 : 0x29, true);
            case 6 -> sse(PREFIXES[rnd.nextInt(4)], rnd.nextBoolean() ? 0x10 : 0x11, true);
            case 7 -> sse(rnd.nextBoolean() ? 0x66 : 0xF3, rnd.nextBoolean() ? 0x6F : 0x7F, true);
            case 8 -> sse(rnd.nextBoolean() ? 0xF3 : 0x66, rnd.nextBoolean() ? 0x7E : 0xD6, rnd.nextBoolean());
            case 9 -> sse(rnd.nextBoolean() ? 0x66 : 0, 0x54 + rnd.nextInt(4), true);
            case 10 -> sse(0x66, new int[] {0xDB, 0xDF, 0xEB, 0xEF, 0x14, 0x15}[rnd.nextInt(6)], true);
            case 11 -> sse(0x66, new int[] {0xFE, 0x70, 0x62, 0xD4}[rnd.nextInt(4)], true); // PADDD, PSHUFD, PUNPCKLDQ, PADDQ: the interpreter's
            case 12 -> { // SUB or CMP r32/r64, r: a lazy flag producer
                rexW(rnd.nextBoolean(), 0, 0);
                b.write(rnd.nextBoolean() ? 0x29 : 0x39);
                b.write(0xC0 | rnd.nextInt(8) << 3 | intDst());
            }
            case 13 -> { // ADC: reads CF
                b.write(0x11);
                b.write(0xC0 | rnd.nextInt(8) << 3 | intDst());
            }
            case 14 -> { // SETcc into a low byte register (not BL)
                b.write(0x0F);
                b.write(0x90 + rnd.nextInt(16));
                b.write(0xC0 | new int[] {0, 1, 2}[rnd.nextInt(3)]);
            }
            default -> { // Jcc to the next instruction: a flag reader either way
                b.write(0x70 + rnd.nextInt(16));
                b.write(0);
            }
        }
        return b.toByteArray();
    }

    /** An integer destination: EAX, ECX, EDX, ESI, EDI (never RBX, RSP, RBP-relative data pointers). */
    private int intDst() {
        return new int[] {0, 1, 2, 6, 7}[rnd.nextInt(5)];
    }

    private void rexW(boolean w, int r, int bBit) {
        if (mode == 64 && (w || r != 0 || bBit != 0)) b.write(0x40 | (w ? 8 : 0) | r << 2 | bBit);
    }

    /** {@code prefix} 0F {@code op} with an XMM register or [rbx+disp8] (if {@code memoryOk}) as r/m. */
    private void sse(int prefix, int op, boolean memoryOk) {
        if (prefix != 0) b.write(prefix);
        boolean memory = memoryOk && rnd.nextInt(3) == 0;
        int reg = rnd.nextInt(mode == 64 ? 16 : 8);
        int rm = rnd.nextInt(mode == 64 ? 16 : 8);
        rexW(false, reg >> 3, memory ? 0 : rm >> 3);
        b.write(0x0F);
        b.write(op);
        if (memory) {
            b.write(0x40 | (reg & 7) << 3 | 3);
            b.write(rnd.nextBoolean() ? 16 * rnd.nextInt(8) : rnd.nextInt(0x71));
        } else {
            b.write(0xC0 | (reg & 7) << 3 | (rm & 7));
        }
        if (op == 0x70) b.write(rnd.nextInt(256));
    }

    /** CVTSI2SS/SD from a 32- or 64-bit register or memory. */
    private void cvtsi2s() {
        b.write(rnd.nextBoolean() ? 0xF3 : 0xF2);
        boolean memory = rnd.nextInt(3) == 0;
        int reg = rnd.nextInt(mode == 64 ? 16 : 8);
        int rm = memory ? 3 : rnd.nextInt(mode == 64 ? 16 : 8);
        rexW(rnd.nextBoolean(), reg >> 3, memory ? 0 : rm >> 3);
        b.write(0x0F);
        b.write(0x2A);
        if (memory) {
            b.write(0x40 | (reg & 7) << 3 | 3);
            b.write(rnd.nextInt(0x71));
        } else {
            b.write(0xC0 | (reg & 7) << 3 | (rm & 7));
        }
    }
}
