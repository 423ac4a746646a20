package dev.jvmm.cpu.interp;

import static dev.jvmm.cpu.simd.PackedShuffle.*;

import dev.jvmm.cpu.decode.Insn;

/**
 * SSE/SSE2/SSE3 data movement and bitwise forms of the 0F map (SDM vol. 2): MOVUPS/MOVUPD/MOVSS/MOVSD
 * (10, 11), MOVLPS/MOVHLPS/MOVLPD/MOVSLDUP/MOVDDUP (12, 13), UNPCKL/HPS/PD (14, 15),
 * MOVHPS/MOVLHPS/MOVHPD/MOVSHDUP (16, 17), MOVAPS/MOVAPD (28, 29), MOVNTPS/PD (2B), MOVMSKPS/PD (50),
 * ANDPS/ANDNPS/ORPS/XORPS and their PD forms (54-57), PINSRW/PEXTRW (C4, C5, MMX and XMM) and
 * SHUFPS/SHUFPD (C6). {@code p}: the mandatory prefix (0, 0x66, 0xF3, 0xF2).
 */
final class SimdMoves {
    private SimdMoves() {}

    private static final long LOW32 = 0xFFFF_FFFFL;

    static void execute(Interpreter in, int op, int p) {
        Insn i = in.i;
        Simd s = in.simd;
        boolean mmxForm = p == 0 && (op == 0xC4 || op == 0xC5);
        if (mmxForm) s.checkMmx();
        else s.checkSse();
        int r = i.reg;
        long dLo = s.xmmLow(r), dHi = s.xmmHigh(r);
        boolean mem = i.mod != 3;
        boolean packed = p == 0 || p == 0x66;
        switch (op) {
            case 0x10 -> {
                if (packed) {
                    s.readXmmSource(16, false);
                    s.setXmm(r, s.lo, s.hi);
                } else if (p == 0xF3) { // MOVSS: a register source merges the low dword, memory zeroes the rest
                    s.readXmmSource(4, false);
                    if (mem) s.setXmm(r, s.lo, 0);
                    else s.setXmm(r, (dLo & ~LOW32) | (s.lo & LOW32), dHi);
                } else { // MOVSD
                    s.readXmmSource(8, false);
                    s.setXmm(r, s.lo, mem ? 0 : dHi);
                }
            }
            case 0x11 -> {
                int d = i.rm;
                if (packed) {
                    if (mem) s.writeMemory(16, dLo, dHi, false);
                    else s.setXmm(d, dLo, dHi);
                } else if (p == 0xF3) {
                    if (mem) s.writeMemory(4, dLo, 0, false);
                    else s.setXmm(d, (s.xmmLow(d) & ~LOW32) | (dLo & LOW32), s.xmmHigh(d));
                } else {
                    if (mem) s.writeMemory(8, dLo, 0, false);
                    else s.setXmm(d, dLo, s.xmmHigh(d));
                }
            }
            case 0x12 -> {
                switch (p) {
                    case 0, 0x66 -> { // MOVLPS/MOVLPD xmm, m64; MOVHLPS xmm, xmm (no prefix only)
                        if (!mem && p == 0x66) throw in.ud();
                        if (mem) {
                            s.readXmmSource(8, false);
                            s.setXmm(r, s.lo, dHi);
                        } else {
                            s.setXmm(r, s.xmmHigh(i.rm), dHi);
                        }
                    }
                    case 0xF3 -> { // MOVSLDUP
                        s.readXmmSource(16, true);
                        s.setXmm(r, duplicateDword(s.lo, 0), duplicateDword(s.hi, 0));
                    }
                    default -> { // MOVDDUP xmm, xmm/m64
                        s.readXmmSource(8, false);
                        s.setXmm(r, s.lo, s.lo);
                    }
                }
            }
            case 0x13, 0x17 -> { // MOVLPS/MOVLPD/MOVHPS/MOVHPD m64, xmm
                if (!packed || !mem) throw in.ud();
                s.writeMemory(8, op == 0x13 ? dLo : dHi, 0, false);
            }
            case 0x14 -> {
                if (!packed) throw in.ud();
                s.readXmmSource(16, true);
                if (p == 0) s.setXmm(r, interleaveLow(dLo, s.lo, 4), interleaveHigh(dLo, s.lo, 4));
                else s.setXmm(r, dLo, s.lo);
            }
            case 0x15 -> {
                if (!packed) throw in.ud();
                s.readXmmSource(16, true);
                if (p == 0) s.setXmm(r, interleaveLow(dHi, s.hi, 4), interleaveHigh(dHi, s.hi, 4));
                else s.setXmm(r, dHi, s.hi);
            }
            case 0x16 -> {
                switch (p) {
                    case 0, 0x66 -> { // MOVHPS/MOVHPD xmm, m64; MOVLHPS xmm, xmm
                        if (!mem && p == 0x66) throw in.ud();
                        s.readXmmSource(8, false);
                        s.setXmm(r, dLo, s.lo);
                    }
                    case 0xF3 -> { // MOVSHDUP
                        s.readXmmSource(16, true);
                        s.setXmm(r, duplicateDword(s.lo, 1), duplicateDword(s.hi, 1));
                    }
                    default -> throw in.ud();
                }
            }
            case 0x28 -> {
                if (!packed) throw in.ud();
                s.readXmmSource(16, true);
                s.setXmm(r, s.lo, s.hi);
            }
            case 0x29 -> {
                if (!packed) throw in.ud();
                if (mem) s.writeMemory(16, dLo, dHi, true);
                else s.setXmm(i.rm, dLo, dHi);
            }
            case 0x2B -> {
                if (!packed || !mem) throw in.ud();
                s.writeMemory(16, dLo, dHi, true);
            }
            case 0x50 -> { // MOVMSKPS/MOVMSKPD r32/r64, xmm: the sign bits
                if (!packed || mem) throw in.ud();
                long lo = s.xmmLow(i.rm), hi = s.xmmHigh(i.rm);
                in.c.gpr[r] = p == 0
                        ? (lo >>> 31 & 1) | (lo >>> 62 & 2) | (hi >>> 29 & 4) | (hi >>> 60 & 8)
                        : (lo >>> 63) | (hi >>> 62 & 2);
            }
            case 0x54, 0x55, 0x56, 0x57 -> {
                if (!packed) throw in.ud();
                s.readXmmSource(16, true);
                s.setXmm(r, bitwise(op, dLo, s.lo), bitwise(op, dHi, s.hi));
            }
            case 0xC4 -> insertWord(in, p);
            case 0xC5 -> extractWord(in, p);
            case 0xC6 -> {
                if (!packed) throw in.ud();
                s.readXmmSource(16, true);
                int imm = (int) i.imm;
                if (p == 0) s.setXmm(r, selectDwords(dLo, dHi, imm & 15), selectDwords(s.lo, s.hi, (imm >> 4) & 15));
                else s.setXmm(r, (imm & 1) != 0 ? dHi : dLo, (imm & 2) != 0 ? s.hi : s.lo);
            }
            default -> throw in.ud();
        }
    }

    /** Dword {@code k} (0 or 1) of {@code v} in both dwords. */
    private static long duplicateDword(long v, int k) {
        long d = (v >>> (32 * k)) & LOW32;
        return d | d << 32;
    }

    private static long bitwise(int op, long a, long b) {
        return switch (op) {
            case 0x54 -> a & b;
            case 0x55 -> ~a & b;
            case 0x56 -> a | b;
            default -> a ^ b;
        };
    }

    /** PINSRW mm, r32/m16, imm8 (no prefix) and PINSRW xmm, r32/m16, imm8 (66). */
    private static void insertWord(Interpreter in, int p) {
        Insn i = in.i;
        Simd s = in.simd;
        if (p != 0 && p != 0x66) throw in.ud();
        long w = in.readRm(2);
        if (p == 0) {
            int at = 16 * (int) (i.imm & 3);
            s.setMm(i.reg, (s.mm(i.reg) & ~(0xFFFFL << at)) | w << at);
            s.enterMmx();
            return;
        }
        int k = (int) (i.imm & 7);
        int at = 16 * (k & 3);
        int idx = 2 * i.reg + (k >> 2);
        in.c.xmm[idx] = (in.c.xmm[idx] & ~(0xFFFFL << at)) | w << at;
    }

    /** PEXTRW r32, mm, imm8 and PEXTRW r32, xmm, imm8: the word zero-extended into the whole register. */
    private static void extractWord(Interpreter in, int p) {
        Insn i = in.i;
        Simd s = in.simd;
        if ((p != 0 && p != 0x66) || i.mod != 3) throw in.ud();
        if (p == 0) {
            in.c.gpr[i.reg] = (s.mm(i.rm) >>> (16 * (i.imm & 3))) & 0xFFFF;
            s.enterMmx();
            return;
        }
        int k = (int) (i.imm & 7);
        in.c.gpr[i.reg] = (in.c.xmm[2 * i.rm + (k >> 2)] >>> (16 * (k & 3))) & 0xFFFF;
    }
}
