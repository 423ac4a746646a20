package dev.jvmm.cpu.interp;

import static dev.jvmm.cpu.simd.PackedShuffle.*;

import dev.jvmm.cpu.decode.Insn;
import dev.jvmm.cpu.simd.Mmx;
import dev.jvmm.cpu.simd.PackedInt;

/**
 * The interpreter's dispatch of the MMX and SSE2 integer instructions (0F 60-7F, 0F C4/C5, 0F D0-FF)
 * and the SSE/SSE2/SSE3 data movement and bitwise forms (0F 10-17, 28, 29, 2B, 50, 54-57, C3, C6).
 * No mandatory prefix selects the MMX form, 66 the XMM form, F3/F2 a few moves and shuffles; a
 * prefix an opcode does not define is #UD. The semantics live in {@link PackedInt} and
 * {@code PackedShuffle}; this class only fetches operands and stores results.
 */
final class SimdInteger {
    private SimdInteger() {}

    /** Executes the current instruction if it is one of this class's forms; false if it is not (the caller decides). */
    static boolean execute(Interpreter in) {
        Insn i = in.i;
        if (i.opcode >= 0x200) return false;
        int op = i.opcode & 0xFF;
        int p = Simd.prefix(i);
        if ((op >= 0x60 && op <= 0x7F) || op >= 0xD0) {
            if (op == 0x7C || op == 0x7D || op == 0xD0 || op == 0xE6) return false; // SSE3/SSE2 floating point
            if (op == 0x78 || op == 0x79 || op == 0x7A || op == 0x7B || op == 0xFF) throw in.ud();
            return switch (p) {
                case 0 -> {
                    if (op == 0x6C || op == 0x6D || op == 0xD6 || op == 0xF0) throw in.ud();
                    mmx(in, op);
                    yield true;
                }
                case 0x66 -> {
                    if (op == 0x77 || op == 0xF0) throw in.ud();
                    xmm(in, op);
                    yield true;
                }
                default -> {
                    repForms(in, op, p);
                    yield true;
                }
            };
        }
        return switch (op) {
            case 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x28, 0x29, 0x2B, 0x50, 0x54, 0x55, 0x56, 0x57, 0xC4,
                    0xC5, 0xC6 -> {
                SimdMoves.execute(in, op, p);
                yield true;
            }
            case 0xC3 -> { // MOVNTI m32/m64, r32/r64 (SSE2; a GPR instruction: no CR0/CR4 checks)
                if (p != 0 || i.mod == 3) throw in.ud();
                in.writeRm(i.opSize == 8 ? 8 : 4, in.getReg(i.opSize == 8 ? 8 : 4), false);
                yield true;
            }
            default -> false;
        };
    }

    /** Lane size in bytes of a lane-wise opcode, or 0 if {@code op} is not lane-wise. */
    private static final int[] LANE = new int[256];

    static {
        int[][] rows = {{0x64, 1}, {0x65, 2}, {0x66, 4}, {0x74, 1}, {0x75, 2}, {0x76, 4}, {0xD4, 8}, {0xD5, 2}, {0xD8, 1},
            {0xD9, 2}, {0xDA, 1}, {0xDB, 8}, {0xDC, 1}, {0xDD, 2}, {0xDE, 1}, {0xDF, 8}, {0xE0, 1}, {0xE3, 2}, {0xE4, 2},
            {0xE5, 2}, {0xE8, 1}, {0xE9, 2}, {0xEA, 2}, {0xEB, 8}, {0xEC, 1}, {0xED, 2}, {0xEE, 2}, {0xEF, 8}, {0xF4, 8},
            {0xF5, 4}, {0xF6, 8}, {0xF8, 1}, {0xF9, 2}, {0xFA, 4}, {0xFB, 8}, {0xFC, 1}, {0xFD, 2}, {0xFE, 4}};
        for (int[] r : rows) LANE[r[0]] = r[1];
    }

    /** The lane-wise operations, on one 64-bit group: {@code a} the destination's lanes, {@code b} the source's. */
    static long lanewise(int op, long a, long b) {
        return switch (op) {
            case 0x64, 0x65, 0x66 -> PackedInt.compareGreater(a, b, LANE[op]);
            case 0x74, 0x75, 0x76 -> PackedInt.compareEqual(a, b, LANE[op]);
            case 0xD4, 0xFC, 0xFD, 0xFE -> PackedInt.add(a, b, LANE[op]);
            case 0xF8, 0xF9, 0xFA, 0xFB -> PackedInt.sub(a, b, LANE[op]);
            case 0xD5 -> PackedInt.mulLow(a, b, 2);
            case 0xD8, 0xD9 -> PackedInt.subUnsignedSaturate(a, b, LANE[op]);
            case 0xDC, 0xDD -> PackedInt.addUnsignedSaturate(a, b, LANE[op]);
            case 0xE8, 0xE9 -> PackedInt.subSignedSaturate(a, b, LANE[op]);
            case 0xEC, 0xED -> PackedInt.addSignedSaturate(a, b, LANE[op]);
            case 0xDA -> PackedInt.minUnsigned(a, b, 1);
            case 0xDE -> PackedInt.maxUnsigned(a, b, 1);
            case 0xEA -> PackedInt.minSigned(a, b, 2);
            case 0xEE -> PackedInt.maxSigned(a, b, 2);
            case 0xDB -> a & b;
            case 0xDF -> ~a & b;
            case 0xEB -> a | b;
            case 0xEF -> a ^ b;
            case 0xE0, 0xE3 -> PackedInt.average(a, b, LANE[op]);
            case 0xE4 -> PackedInt.mulHighUnsigned(a, b);
            case 0xE5 -> PackedInt.mulHighSigned(a, b);
            case 0xF4 -> PackedInt.mulUnsignedDwords(a, b);
            case 0xF5 -> PackedInt.multiplyAddWords(a, b);
            case 0xF6 -> PackedInt.sumAbsoluteDifferences(a, b);
            default -> throw new IllegalStateException("not lane-wise: 0F " + Integer.toHexString(op));
        };
    }

    /** PSRL/PSRA/PSLL by a count: {@code op} the register-count opcode (D1-D3, E1-E2, F1-F3). */
    static long shiftByCount(int op, long a, long count) {
        return switch (op) {
            case 0xD1 -> PackedInt.shiftRightLogical(a, count, 2);
            case 0xD2 -> PackedInt.shiftRightLogical(a, count, 4);
            case 0xD3 -> PackedInt.shiftRightLogical(a, count, 8);
            case 0xE1 -> PackedInt.shiftRightArithmetic(a, count, 2);
            case 0xE2 -> PackedInt.shiftRightArithmetic(a, count, 4);
            case 0xF1 -> PackedInt.shiftLeft(a, count, 2);
            case 0xF2 -> PackedInt.shiftLeft(a, count, 4);
            default -> PackedInt.shiftLeft(a, count, 8);
        };
    }

    private static boolean isShiftByCount(int op) {
        return op == 0xD1 || op == 0xD2 || op == 0xD3 || op == 0xE1 || op == 0xE2 || op == 0xF1 || op == 0xF2 || op == 0xF3;
    }

    /** 0F 71, 72, 73 by ModRM.reg: the register-count opcode with the same meaning; 0x103 PSRLDQ, 0x107 PSLLDQ; -1 undefined. */
    private static final int[][] IMMEDIATE_SHIFTS = {
        {-1, -1, 0xD1, -1, 0xE1, -1, 0xF1, -1},
        {-1, -1, 0xD2, -1, 0xE2, -1, 0xF2, -1},
        {-1, -1, 0xD3, 0x103, -1, -1, 0xF3, 0x107}};

    private static int immediateShift(int op, int r, boolean xmm) {
        int sop = IMMEDIATE_SHIFTS[op - 0x71][r & 7];
        return sop > 0xFF && !xmm ? -1 : sop;
    }

    private static void mmx(Interpreter in, int op) {
        Insn i = in.i;
        Simd s = in.simd;
        s.checkMmx();
        int r = i.reg;
        switch (op) {
            case 0x60, 0x61, 0x62 -> s.setMm(r, interleaveLow(s.mm(r), s.mmSource(4), 1 << (op - 0x60)));
            case 0x68, 0x69, 0x6A -> s.setMm(r, interleaveHigh(s.mm(r), s.mmSource(8), 1 << (op - 0x68)));
            case 0x63 -> s.setMm(r, packSigned(s.mm(r), s.mmSource(8), 2));
            case 0x67 -> s.setMm(r, packUnsigned(s.mm(r), s.mmSource(8), 2));
            case 0x6B -> s.setMm(r, packSigned(s.mm(r), s.mmSource(8), 4));
            case 0x6E -> s.setMm(r, in.readRm(i.opSize == 8 ? 8 : 4));
            case 0x6F -> s.setMm(r, s.mmSource(8));
            case 0x70 -> s.setMm(r, shuffleWords(s.mmSource(8), (int) i.imm));
            case 0x71, 0x72, 0x73 -> {
                int sop = immediateShift(op, r, false);
                if (i.mod != 3 || sop < 0) throw in.ud();
                s.setMm(i.rm, shiftByCount(sop, s.mm(i.rm), i.imm & 0xFF));
            }
            case 0x77 -> {
                Mmx.emms(in.c.fpu);
                return; // EMMS: every register empty
            }
            case 0x7E -> in.writeRm(i.opSize == 8 ? 8 : 4, s.mm(r), false);
            case 0x7F -> {
                if (i.mod == 3) s.setMm(i.rm, s.mm(r));
                else in.writeRm(8, s.mm(r), false);
            }
            case 0xD7 -> {
                if (i.mod != 3) throw in.ud();
                in.c.gpr[r] = PackedInt.byteSignMask(s.mm(i.rm));
            }
            case 0xE7 -> {
                if (i.mod == 3) throw in.ud();
                in.writeRm(8, s.mm(r), false);
            }
            case 0xF7 -> {
                if (i.mod != 3) throw in.ud();
                maskedStore(in, s.mm(r), s.mm(i.rm), 0);
            }
            default -> {
                if (isShiftByCount(op)) s.setMm(r, shiftByCount(op, s.mm(r), s.mmSource(8)));
                else if (LANE[op] != 0) s.setMm(r, lanewise(op, s.mm(r), s.mmSource(8)));
                else throw in.ud();
            }
        }
        s.enterMmx();
    }

    private static void xmm(Interpreter in, int op) {
        Insn i = in.i;
        Simd s = in.simd;
        long[] x = in.c.xmm;
        s.checkSse();
        int r = i.reg;
        long dLo = s.xmmLow(r), dHi = s.xmmHigh(r);
        switch (op) {
            case 0x60, 0x61, 0x62 -> {
                s.readXmmSource(16, true);
                int size = 1 << (op - 0x60);
                s.setXmm(r, interleaveLow(dLo, s.lo, size), interleaveHigh(dLo, s.lo, size));
            }
            case 0x68, 0x69, 0x6A -> {
                s.readXmmSource(16, true);
                int size = 1 << (op - 0x68);
                s.setXmm(r, interleaveLow(dHi, s.hi, size), interleaveHigh(dHi, s.hi, size));
            }
            case 0x6C -> {
                s.readXmmSource(16, true);
                s.setXmm(r, dLo, s.lo);
            }
            case 0x6D -> {
                s.readXmmSource(16, true);
                s.setXmm(r, dHi, s.hi);
            }
            case 0x63, 0x67, 0x6B -> {
                s.readXmmSource(16, true);
                int from = op == 0x6B ? 4 : 2;
                if (op == 0x67) s.setXmm(r, packUnsigned(dLo, dHi, 2), packUnsigned(s.lo, s.hi, 2));
                else s.setXmm(r, packSigned(dLo, dHi, from), packSigned(s.lo, s.hi, from));
            }
            case 0x6E -> s.setXmm(r, in.readRm(i.opSize == 8 ? 8 : 4), 0);
            case 0x6F -> {
                s.readXmmSource(16, true);
                s.setXmm(r, s.lo, s.hi);
            }
            case 0x70 -> {
                s.readXmmSource(16, true);
                shuffleDwords(s.lo, s.hi, (int) i.imm, x, 2 * r);
            }
            case 0x71, 0x72, 0x73 -> {
                int sop = immediateShift(op, r, true);
                if (i.mod != 3 || sop < 0) throw in.ud();
                int d = i.rm;
                int n = (int) (i.imm & 0xFF);
                if (sop == 0x103) shiftBytesRight(x[2 * d], x[2 * d + 1], n, x, 2 * d);
                else if (sop == 0x107) shiftBytesLeft(x[2 * d], x[2 * d + 1], n, x, 2 * d);
                else s.setXmm(d, shiftByCount(sop, x[2 * d], n), shiftByCount(sop, x[2 * d + 1], n));
            }
            case 0x74, 0x75, 0x76 -> binary(in, op, dLo, dHi);
            case 0x7E -> in.writeRm(i.opSize == 8 ? 8 : 4, dLo, false);
            case 0x7F -> {
                if (i.mod == 3) s.setXmm(i.rm, dLo, dHi);
                else s.writeMemory(16, dLo, dHi, true);
            }
            case 0xD6 -> {
                if (i.mod == 3) s.setXmm(i.rm, dLo, 0);
                else s.writeMemory(8, dLo, 0, false);
            }
            case 0xD7 -> {
                if (i.mod != 3) throw in.ud();
                in.c.gpr[r] = PackedInt.byteSignMask(s.xmmLow(i.rm)) | PackedInt.byteSignMask(s.xmmHigh(i.rm)) << 8;
            }
            case 0xE7 -> {
                if (i.mod == 3) throw in.ud();
                s.writeMemory(16, dLo, dHi, true);
            }
            case 0xF7 -> {
                if (i.mod != 3) throw in.ud();
                maskedStore(in, dLo, s.xmmLow(i.rm), 0);
                maskedStore(in, dHi, s.xmmHigh(i.rm), 8);
            }
            default -> {
                if (isShiftByCount(op)) {
                    s.readXmmSource(16, true);
                    long count = s.lo;
                    s.setXmm(r, shiftByCount(op, dLo, count), shiftByCount(op, dHi, count));
                } else if (LANE[op] != 0) {
                    binary(in, op, dLo, dHi);
                } else {
                    throw in.ud();
                }
            }
        }
    }

    private static void binary(Interpreter in, int op, long dLo, long dHi) {
        Simd s = in.simd;
        s.readXmmSource(16, true);
        s.setXmm(in.i.reg, lanewise(op, dLo, s.lo), lanewise(op, dHi, s.hi));
    }

    /** The F3 and F2 forms of the 0F 60-7F and D0-FF rows. */
    private static void repForms(Interpreter in, int op, int p) {
        Insn i = in.i;
        Simd s = in.simd;
        int r = i.reg;
        boolean f3 = p == 0xF3;
        switch (op) {
            case 0x6F -> { // MOVDQU xmm, xmm/m128
                if (!f3) throw in.ud();
                s.checkSse();
                s.readXmmSource(16, false);
                s.setXmm(r, s.lo, s.hi);
            }
            case 0x7F -> { // MOVDQU xmm/m128, xmm
                if (!f3) throw in.ud();
                s.checkSse();
                if (i.mod == 3) s.setXmm(i.rm, s.xmmLow(r), s.xmmHigh(r));
                else s.writeMemory(16, s.xmmLow(r), s.xmmHigh(r), false);
            }
            case 0x7E -> { // MOVQ xmm, xmm/m64
                if (!f3) throw in.ud();
                s.checkSse();
                s.readXmmSource(8, false);
                s.setXmm(r, s.lo, 0);
            }
            case 0x70 -> { // PSHUFHW (F3), PSHUFLW (F2)
                s.checkSse();
                s.readXmmSource(16, true);
                int imm = (int) i.imm;
                if (f3) s.setXmm(r, s.lo, shuffleWords(s.hi, imm));
                else s.setXmm(r, shuffleWords(s.lo, imm), s.hi);
            }
            case 0xD6 -> { // MOVQ2DQ xmm, mm (F3); MOVDQ2Q mm, xmm (F2)
                if (i.mod != 3) throw in.ud();
                s.checkSse();
                s.checkMmx();
                if (f3) s.setXmm(r, s.mm(i.rm), 0);
                else s.setMm(r, s.xmmLow(i.rm));
                s.enterMmx();
            }
            case 0xF0 -> { // LDDQU xmm, m128 (SSE3)
                if (f3 || i.mod == 3) throw in.ud();
                s.checkSse();
                s.readXmmSource(16, false);
                s.setXmm(r, s.lo, s.hi);
            }
            default -> throw in.ud();
        }
    }

    /** MASKMOVQ/MASKMOVDQU: the bytes of {@code data} whose {@code mask} byte has bit 7 set, stored at DS:rDI + {@code offset}. */
    private static void maskedStore(Interpreter in, long data, long mask, int offset) {
        Insn i = in.i;
        Cpu c = in.c;
        int seg = i.segOverride >= 0 ? i.segOverride : Cpu.DS;
        long addrMask = Cpu.mask(i.addrSize);
        for (int k = 0; k < 8; k++) {
            if (((mask >>> (8 * k + 7)) & 1) != 0) c.write(seg, (c.gpr[7] + offset + k) & addrMask, 1, data >>> (8 * k));
        }
    }
}
