package dev.jvmm.cpu.jit;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random valid integer instruction sequences for the sandbox oracle test: ALU, TEST, INC/DEC,
 * NOT/NEG, MOV forms, LEA, MOVZX/MOVSX, shifts and rotates, IMUL/MUL, SETcc/CMOVcc, PUSH/POP,
 * DIV (with #DE ending in a deterministic shutdown), XCHG, BT/BTS, BSF/BSR, CBW/CDQ, CLC/STC/CMC and forward Jcc/JMP over registers and a data page.
 * Memory operands are {@code [rbx + disp8]} (RBX points at the data page and is never a
 * destination, nor is RSP except through PUSH/POP). In 64-bit mode REX prefixes pick R8-R15 and
 * 64-bit operand size at random. The sequence ends with HLT.
 */
final class RandomInsns {
    private final SplittableRandom rnd;
    private final int mode;
    private List<byte[]> insns;
    private ByteArrayOutputStream b;
    private boolean rex64; // REX.W chosen for this instruction

    RandomInsns(long seed, int mode) {
        this.rnd = new SplittableRandom(seed);
        this.mode = mode;
    }

    /** A sequence of {@code n} instructions followed by HLT. */
    byte[] sequence(int n) {
        insns = new ArrayList<>();
        List<int[]> jumps = new ArrayList<>(); // {index, target index}
        for (int k = 0; k < n; k++) {
            if (rnd.nextInt(10) == 0) {
                int target = Math.min(n, k + 1 + rnd.nextInt(3));
                jumps.add(new int[] {insns.size(), target});
                insns.add(new byte[] {(byte) (rnd.nextInt(8) == 0 ? 0xEB : 0x70 + rnd.nextInt(16)), 0});
            } else {
                insns.add(one());
            }
        }
        insns.add(new byte[] {(byte) 0xF4});
        int[] offset = new int[insns.size() + 1];
        for (int k = 0; k < insns.size(); k++) offset[k + 1] = offset[k] + insns.get(k).length;
        for (int[] j : jumps) insns.get(j[0])[1] = (byte) (offset[j[1]] - offset[j[0] + 1]);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] x : insns) all.writeBytes(x);
        return all.toByteArray();
    }

    // ---- one instruction ----

    private int regAny() {
        return rnd.nextInt(mode == 64 ? 16 : 8);
    }

    /** A destination register: never RBX (the data pointer) or RSP. */
    private int regDst() {
        while (true) {
            int r = regAny();
            if (r != 3 && r != 4) return r;
        }
    }

    /** A byte destination register given whether a REX prefix is present (no BL/BH/SPL). */
    private int byteDst(boolean rex) {
        while (true) {
            int r = rex ? rnd.nextInt(16) : rnd.nextInt(8);
            if (r == 3 || (rex && r == 4) || (!rex && r == 7)) continue;
            return r;
        }
    }

    private byte[] one() {
        b = new ByteArrayOutputStream();
        int kind = rnd.nextInt(26);
        boolean wide = rnd.nextInt(4) != 0; // non-byte operand
        boolean opsize = wide && rnd.nextInt(6) == 0;
        rex64 = mode == 64 && wide && rnd.nextBoolean();
        if (rex64) opsize = false; // REX.W overrides 66: keep immediates the size the decoder expects
        switch (kind) {
            case 0, 1, 2 -> { // ALU r/m, reg  or  reg, r/m
                int aop = rnd.nextInt(8);
                boolean toReg = rnd.nextBoolean();
                modrmInsn(opsize, wide, new int[] {aop * 8 + (toReg ? 2 : 0) + (wide ? 1 : 0)}, toReg ? Role.REG_DST : Role.RM_DST, -1);
            }
            case 3 -> { // ALU acc, imm
                int aop = rnd.nextInt(8);
                prefixes(opsize, false, false);
                b.write(aop * 8 + (wide ? 5 : 4));
                imm(wide ? (opsize ? 2 : 4) : 1);
            }
            case 4, 5 -> { // group 1 with immediate
                int form = wide ? (rnd.nextBoolean() ? 0x81 : 0x83) : 0x80;
                modrmInsn(opsize, wide, new int[] {form}, Role.RM_DST, rnd.nextInt(8));
                imm(form == 0x81 ? (opsize ? 2 : 4) : 1);
            }
            case 6 -> modrmInsn(opsize, wide, new int[] {wide ? 0x85 : 0x84}, Role.RM_SRC, -1); // TEST
            case 7 -> { // NOT/NEG/TEST imm/MUL/IMUL/DIV/IDIV
                int r = new int[] {0, 2, 3, 4, 5, 6, 7}[rnd.nextInt(7)];
                modrmInsn(opsize, wide, new int[] {wide ? 0xF7 : 0xF6}, r == 0 || r >= 4 ? Role.RM_SRC : Role.RM_DST, r);
                if (r == 0) imm(wide ? (opsize ? 2 : 4) : 1);
            }
            case 8 -> { // INC/DEC
                if (mode != 64 && wide && rnd.nextBoolean()) {
                    prefixes(opsize, false, false);
                    b.write((rnd.nextBoolean() ? 0x40 : 0x48) + regDst());
                } else {
                    modrmInsn(opsize, wide, new int[] {wide ? 0xFF : 0xFE}, Role.RM_DST, rnd.nextInt(2));
                }
            }
            case 9, 10 -> { // MOV
                boolean toReg = rnd.nextBoolean();
                modrmInsn(opsize, wide, new int[] {toReg ? (wide ? 0x8B : 0x8A) : (wide ? 0x89 : 0x88)},
                        toReg ? Role.REG_DST : Role.RM_DST, -1);
            }
            case 11 -> { // MOV r, imm / MOV r/m, imm
                if (rnd.nextBoolean()) {
                    boolean rexB = mode == 64 && rnd.nextBoolean();
                    int r = wide ? regDst() & 7 : byteDst(rexB || rex64) & 7;
                    if (wide && (r == 3 || r == 4) && !rexB) r = 0;
                    prefixes(opsize, false, rexB);
                    b.write((wide ? 0xB8 : 0xB0) + r);
                    imm(wide ? (opsize ? 2 : rex64 ? 8 : 4) : 1);
                } else {
                    modrmInsn(opsize, wide, new int[] {wide ? 0xC7 : 0xC6}, Role.RM_DST, 0);
                    imm(wide ? (opsize ? 2 : 4) : 1);
                }
            }
            case 12 -> modrmInsn(opsize, true, new int[] {0x8D}, Role.LEA, -1);
            case 13 -> modrmInsn(rnd.nextInt(4) == 0, true, new int[] {0x0F, 0xB6 + rnd.nextInt(2) + (rnd.nextBoolean() ? 8 : 0)},
                    Role.REG_DST_SMALL_SRC, -1); // MOVZX/MOVSX
            case 14, 15 -> { // shifts and rotates
                int form = new int[] {0xC0, 0xD0, 0xD2}[rnd.nextInt(3)] + (wide ? 1 : 0);
                modrmInsn(opsize, wide, new int[] {form}, Role.RM_DST, rnd.nextInt(8));
                if (form <= 0xC1) b.write(rnd.nextInt(4) == 0 ? rnd.nextInt(256) : rnd.nextInt(1, 9));
            }
            case 16 -> { // IMUL
                int f = rnd.nextInt(3);
                if (f == 0) modrmInsn(opsize, true, new int[] {0x0F, 0xAF}, Role.REG_DST, -1);
                else {
                    modrmInsn(opsize, true, new int[] {f == 1 ? 0x69 : 0x6B}, Role.REG_DST, -1);
                    imm(f == 1 ? (opsize ? 2 : 4) : 1);
                }
            }
            case 17 -> { // SETcc / CMOVcc
                if (rnd.nextBoolean()) modrmInsn(false, false, new int[] {0x0F, 0x90 + rnd.nextInt(16)}, Role.RM_DST, 0);
                else modrmInsn(opsize, true, new int[] {0x0F, 0x40 + rnd.nextInt(16)}, Role.REG_DST, -1);
            }
            case 18 -> { // PUSH / POP
                boolean rexB = mode == 64 && rnd.nextBoolean();
                int r = rnd.nextInt(8);
                boolean pop = rnd.nextBoolean();
                if (pop && !rexB && (r == 3 || r == 4)) r = 0;
                if (rexB) b.write(0x41);
                b.write((pop ? 0x58 : 0x50) + r);
            }
            case 19 -> { // PUSH imm
                boolean shortImm = rnd.nextBoolean();
                b.write(shortImm ? 0x6A : 0x68);
                imm(shortImm ? 1 : 4);
            }
            case 20 -> b.write(new int[] {0x98, 0x99, 0xF5, 0xF8, 0xF9}[rnd.nextInt(5)]); // CBW/CDQ/CMC/CLC/STC
            case 21 -> modrmInsn(opsize, wide, new int[] {wide ? 0x87 : 0x86}, Role.BOTH_DST, -1); // XCHG
            case 22 -> modrmInsn(opsize, true, new int[] {0x0F, new int[] {0xA3, 0xAB, 0xBC, 0xBD}[rnd.nextInt(4)]},
                    Role.REG_ONLY_BOTH, -1); // BT/BTS/BSF/BSR (register forms)
            case 23 -> { // BT r, imm8
                modrmInsn(opsize, true, new int[] {0x0F, 0xBA}, Role.REG_ONLY_BOTH, 4);
                imm(1);
            }
            case 24 -> modrmInsn(opsize, true, new int[] {0x0F, 0x1F}, Role.RM_SRC, 0); // multi-byte NOP (its operand is never read)
            default -> { // ADC/SBB chains are the interesting carry users
                modrmInsn(opsize, wide, new int[] {(rnd.nextBoolean() ? 0x10 : 0x18) + (wide ? 1 : 0)}, Role.RM_DST, -1);
            }
        }
        return b.toByteArray();
    }

    private enum Role { REG_DST, RM_DST, RM_SRC, LEA, REG_DST_SMALL_SRC, BOTH_DST, REG_ONLY_BOTH }

    private void prefixes(boolean opsize, boolean rexR, boolean rexB) {
        if (opsize) b.write(0x66);
        if (mode == 64 && (rex64 || rexR || rexB)) {
            b.write(0x40 | (rex64 ? 8 : 0) | (rexR ? 4 : 0) | (rexB ? 1 : 0));
        }
    }

    /**
     * Emits prefixes, opcode bytes and a ModRM (+SIB/disp) where ModRM.reg is {@code digit} or a
     * register chosen for {@code role}, and r/m is a register or {@code [rbx+disp8]}.
     */
    private void modrmInsn(boolean opsize, boolean wide, int[] opcode, Role role, int digit) {
        boolean memory = role != Role.REG_ONLY_BOTH && (role == Role.LEA || rnd.nextInt(3) == 0);
        // Choose register numbers first, then the REX bits they need.
        boolean rexWanted = mode == 64 && (rex64 || rnd.nextInt(3) == 0);
        boolean byteOp = !wide;
        int reg;
        if (digit >= 0) reg = digit;
        else if (role == Role.REG_DST || role == Role.LEA || role == Role.REG_DST_SMALL_SRC || role == Role.BOTH_DST
                || role == Role.REG_ONLY_BOTH) {
            reg = byteOp ? byteDst(rexWanted) : regDstFor(rexWanted);
        } else {
            reg = rexWanted ? rnd.nextInt(16) : rnd.nextInt(8);
        }
        int rm;
        if (memory) rm = 3;
        else if (role == Role.RM_DST || role == Role.BOTH_DST || role == Role.REG_ONLY_BOTH) {
            rm = byteOp ? byteDst(rexWanted) : regDstFor(rexWanted);
        } else {
            rm = rexWanted ? rnd.nextInt(16) : rnd.nextInt(8);
            if (role == Role.REG_DST_SMALL_SRC && !rexWanted && rnd.nextBoolean()) rm &= 3; // avoid AH.. half the time
        }
        boolean rexR = reg >= 8, rexB = rm >= 8;
        if (opsize) b.write(0x66);
        if (mode == 64 && (rexWanted || rexR || rexB)) b.write(0x40 | (rex64 ? 8 : 0) | (rexR ? 4 : 0) | (rexB ? 1 : 0));
        for (int o : opcode) b.write(o);
        if (memory) {
            if (rnd.nextBoolean()) {
                b.write(0x40 | (reg & 7) << 3 | 3);
            } else {
                b.write(0x40 | (reg & 7) << 3 | 4);
                b.write(rnd.nextInt(4) << 6 | 4 << 3 | 3); // SIB: no index, base RBX
            }
            b.write(rnd.nextInt(0, 120));
        } else {
            b.write(0xC0 | (reg & 7) << 3 | (rm & 7));
        }
    }

    private int regDstFor(boolean rex) {
        while (true) {
            int r = rex ? rnd.nextInt(16) : rnd.nextInt(8);
            if (r != 3 && r != 4) return r;
        }
    }

    private void imm(int size) {
        long v = rnd.nextInt(5) == 0 ? new long[] {0, 1, -1, 0x7F, 0x80, 0x7FFF_FFFF, 0x8000_0000L}[rnd.nextInt(7)] : rnd.nextLong();
        for (int k = 0; k < size; k++) b.write((int) (v >>> (8 * k)) & 0xFF);
    }
}
