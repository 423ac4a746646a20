package dev.jvmm.cpu.jit;

import static dev.jvmm.cpu.jit.UnitEmitter.*;

import dev.jvmm.cpu.decode.Insn;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;

/**
 * Bytecode for the guest instructions the translator compiles inline: moves, LEA, the eight ALU
 * operations, TEST, INC/DEC/NOT/NEG, shifts, IMUL, MOVZX/MOVSX, PUSH/POP/CALL/RET/LEAVE,
 * Jcc/JMP, SETcc/CMOVcc, CBW/CWD. Each follows the interpreter's semantics exactly; the oracle
 * tests compare the two.
 *
 * <p>Ordering rule for precise exceptions: every memory read and write happens before any
 * register local or lazy-flag local changes, so a guest fault leaves the registers as they were
 * before the instruction and the interpreter can re-run it.
 */
final class InsnEmitter {
    private InsnEmitter() {}

    static boolean canInline(Insn i) {
        int op = i.opcode;
        int r = i.reg & 7;
        if (op < 0x40 && (op & 7) < 6) return true;
        if (op >= 0x40 && op <= 0x4F) return i.mode != 64;
        if (op >= 0x50 && op <= 0x5F) return true;
        if (op == 0x63) return i.mode == 64;
        if (op >= 0x70 && op <= 0x7F || op >= 0x180 && op <= 0x18F) return true;
        if (op >= 0x140 && op <= 0x14F || op >= 0x190 && op <= 0x19F) return true;
        if (op >= 0xB0 && op <= 0xBF) return true;
        return switch (op) {
            case 0x68, 0x6A, 0x69, 0x6B, 0x1AF, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x88, 0x89, 0x8A, 0x8B, 0x98, 0x99,
                 0xA0, 0xA1, 0xA2, 0xA3, 0xA8, 0xA9, 0xC2, 0xC3, 0xC9, 0xE8, 0xE9, 0xEB, 0x1B6, 0x1B7, 0x1BE, 0x1BF -> true;
            case 0x8D -> i.mod != 3;
            case 0x90 -> i.rm == 0 && i.rep == 0;
            case 0xC6, 0xC7 -> r == 0;
            case 0xC0, 0xC1, 0xD0, 0xD1 -> r >= 4 && (op >= 0xD0 || (i.imm & (i.opSize == 8 ? 63 : 31)) != 0);
            case 0xD2, 0xD3 -> r >= 4;
            case 0xF6, 0xF7 -> r <= 3 || r == 6 && i.opSize != 8;
            case 0xFE -> r <= 1;
            case 0xFF -> r <= 2 || r == 4 || r == 6;
            default -> false;
        };
    }

    static void emit(UnitEmitter e, GuestInsn g) {
        Insn i = g.insn;
        int op = i.opcode;
        int os = i.opSize;
        CodeBuilder cb = e.cb;
        boolean rex = i.rex != 0;
        if (op < 0x40 && (op & 7) < 6) {
            int aop = op >> 3;
            switch (op & 7) {
                case 0, 1 -> alu(e, aop, os, Dst.RM, Src.REG);
                case 2, 3 -> alu(e, aop, os, Dst.REG, Src.RM);
                default -> alu(e, aop, os, Dst.ACC, Src.IMM);
            }
            return;
        }
        if (op >= 0x40 && op <= 0x4F) {
            incDec(e, op >= 0x48, os, true);
            return;
        }
        if (op >= 0x50 && op <= 0x57) {
            Label s = e.guardStart();
            e.loadReg(os, i.rm, false);
            cb.lstore(e.tR);
            push(e, os);
            e.guardEnd(s);
            e.retire();
            e.checkCodeWrite();
            return;
        }
        if (op >= 0x58 && op <= 0x5F) {
            Label s = e.guardStart();
            pop(e, os);
            e.guardEnd(s);
            cb.lload(e.tR);
            e.storeReg(os, i.rm, false);
            e.retire();
            return;
        }
        if (op >= 0x70 && op <= 0x7F || op >= 0x180 && op <= 0x18F) {
            e.retire();
            e.condJump(op & 15, e.branchTarget(g.target));
            return;
        }
        if (op >= 0x190 && op <= 0x19F) {
            Label one = cb.newLabel(), done = cb.newLabel();
            e.condJump(op & 15, one);
            cb.lconst_0().lstore(e.tR).goto_(done);
            cb.labelBinding(one);
            cb.lconst_1().lstore(e.tR);
            cb.labelBinding(done);
            Label s = e.guardStart();
            e.storeRm(1, e.tR, true);
            e.guardEnd(s);
            e.retire();
            if (i.isMemory()) e.checkCodeWrite();
            return;
        }
        if (op >= 0x140 && op <= 0x14F) {
            Label s = e.guardStart();
            e.loadRm(os);
            e.guardEnd(s);
            cb.lstore(e.tR);
            Label move = cb.newLabel(), done = cb.newLabel();
            e.condJump(op & 15, move);
            if (os == 4) { // the 32-bit destination is written (upper half cleared) even if false
                e.loadReg(4, i.reg, rex);
                e.storeReg(4, i.reg, rex);
            }
            cb.goto_(done);
            cb.labelBinding(move);
            cb.lload(e.tR);
            e.storeReg(os, i.reg, rex);
            cb.labelBinding(done);
            e.retire();
            return;
        }
        if (op >= 0xB0 && op <= 0xB7) {
            cb.loadConstant(i.imm & 0xFF);
            e.storeReg(1, i.rm, rex);
            e.retire();
            return;
        }
        if (op >= 0xB8 && op <= 0xBF) {
            cb.loadConstant(i.imm & Flags.mask(os));
            e.storeReg(os, i.rm, false);
            e.retire();
            return;
        }
        int r = i.reg & 7;
        switch (op) {
            case 0x63 -> { // MOVSXD
                Label s = e.guardStart();
                e.loadRm(os == 8 ? 4 : os);
                e.guardEnd(s);
                if (os == 8) cb.l2i().i2l();
                e.storeReg(os, i.reg, rex);
                e.retire();
            }
            case 0x68, 0x6A -> {
                cb.loadConstant(i.imm & Flags.mask(os)).lstore(e.tR);
                Label s = e.guardStart();
                push(e, os);
                e.guardEnd(s);
                e.retire();
                e.checkCodeWrite();
            }
            case 0x69, 0x6B, 0x1AF -> imul(e, os, op == 0x1AF);
            case 0x80, 0x81, 0x82, 0x83 -> alu(e, r, os, Dst.RM, Src.IMM);
            case 0x84, 0x85 -> alu(e, 4, os, Dst.RM, Src.REG, true);
            case 0xA8, 0xA9 -> alu(e, 4, os, Dst.ACC, Src.IMM, true);
            case 0xF6, 0xF7 -> {
                if (r <= 1) alu(e, 4, os, Dst.RM, Src.IMM, true);
                else if (r == 6) div(e, os);
                else notNeg(e, os, r == 3);
            }
            case 0x88, 0x89 -> {
                e.loadReg(os, i.reg, rex);
                cb.lstore(e.tR);
                Label s = e.guardStart();
                e.storeRm(os, e.tR, true);
                e.guardEnd(s);
                e.retire();
                if (i.isMemory()) e.checkCodeWrite();
            }
            case 0x8A, 0x8B -> {
                Label s = e.guardStart();
                e.loadRm(os);
                e.guardEnd(s);
                e.storeReg(os, i.reg, rex);
                e.retire();
            }
            case 0xC6, 0xC7 -> {
                cb.loadConstant(i.imm & Flags.mask(os)).lstore(e.tR);
                Label s = e.guardStart();
                e.storeRm(os, e.tR, true);
                e.guardEnd(s);
                e.retire();
                if (i.isMemory()) e.checkCodeWrite();
            }
            case 0x8D -> {
                e.ea();
                e.storeReg(os, i.reg, rex);
                e.retire();
            }
            case 0x90 -> e.retire();
            case 0x98 -> {
                e.loadReg(os / 2, 0, false);
                signExtend(cb, os / 2);
                e.storeReg(os, 0, false);
                e.retire();
            }
            case 0x99 -> {
                e.loadReg(os, 0, false);
                signExtend(cb, os);
                cb.bipush(63).lshr();
                e.storeReg(os, 2, false);
                e.retire();
            }
            case 0xA0, 0xA1 -> {
                cb.loadConstant(i.disp & addrMask(i)).lstore(e.tEA);
                Label s = e.guardStart();
                e.memRead(i.memSeg, os);
                e.guardEnd(s);
                e.storeReg(os, 0, false);
                e.retire();
            }
            case 0xA2, 0xA3 -> {
                cb.loadConstant(i.disp & addrMask(i)).lstore(e.tEA);
                e.loadReg(os, 0, false);
                cb.lstore(e.tR);
                Label s = e.guardStart();
                e.memWrite(i.memSeg, os, e.tR);
                e.guardEnd(s);
                e.retire();
                e.checkCodeWrite();
            }
            case 0xC0, 0xC1, 0xD0, 0xD1, 0xD2, 0xD3 -> shift(e, os, r);
            case 0xC2, 0xC3 -> ret(e, os, op == 0xC2 ? i.imm : 0);
            case 0xC9 -> { // LEAVE
                e.loadReg(e.stackSize, 5, false);
                cb.lstore(e.tEA);
                Label s = e.guardStart();
                e.memRead(Insn.SS, os);
                e.guardEnd(s);
                cb.lstore(e.tR);
                cb.lload(e.tEA).loadConstant((long) os).ladd();
                e.storeReg(e.stackSize, 4, false);
                cb.lload(e.tR);
                e.storeReg(os, 5, false);
                e.retire();
            }
            case 0xE8 -> {
                cb.loadConstant(g.next).lstore(e.tR);
                Label s = e.guardStart();
                push(e, os);
                e.guardEnd(s);
                e.retire();
                e.checkCodeWrite(g.target); // the call is done: resume at its target
                e.jumpTo(g.target);
            }
            case 0xE9, 0xEB -> {
                e.retire();
                e.jumpTo(g.target);
            }
            case 0xFE, 0xFF -> {
                if (r == 2 || r == 4) {
                    indirect(e, os, r == 2);
                } else if (r == 6) {
                    Label s = e.guardStart();
                    e.loadRm(os);
                    cb.lstore(e.tR);
                    push(e, os);
                    e.guardEnd(s);
                    e.retire();
                    e.checkCodeWrite();
                } else {
                    incDec(e, r == 1, os, false);
                }
            }
            case 0x1B6, 0x1B7, 0x1BE, 0x1BF -> {
                int from = (op & 1) == 0 ? 1 : 2;
                Label s = e.guardStart();
                e.loadRm(from);
                e.guardEnd(s);
                if (op >= 0x1BE) signExtend(cb, from);
                e.storeReg(os, i.reg, rex);
                e.retire();
            }
            default -> throw new IllegalStateException("not an inline instruction: " + i);
        }
    }

    // ---- helpers ----

    /** Sign-extends the long on the stack from {@code size} bytes to 64 bits. */
    static void signExtend(CodeBuilder cb, int size) {
        switch (size) {
            case 1 -> cb.l2i().i2b().i2l();
            case 2 -> cb.l2i().i2s().i2l();
            case 4 -> cb.l2i().i2l();
            default -> {}
        }
    }

    /** Pushes local tR: the new stack pointer goes to tEA, the write happens, then RSP is updated (caller guards). */
    private static void push(UnitEmitter e, int os) {
        CodeBuilder cb = e.cb;
        int ss = e.stackSize;
        e.loadReg(8, 4, false);
        cb.loadConstant((long) os).lsub().loadConstant(Flags.mask(ss)).land().lstore(e.tEA);
        e.memWrite(Insn.SS, os, e.tR);
        cb.lload(e.tEA);
        e.storeReg(ss, 4, false);
    }

    /** Pops into tR and updates RSP (the read is the only part that can fault). */
    private static void pop(UnitEmitter e, int os) {
        CodeBuilder cb = e.cb;
        int ss = e.stackSize;
        e.loadReg(ss, 4, false);
        cb.lstore(e.tEA);
        e.memRead(Insn.SS, os);
        cb.lstore(e.tR);
        cb.lload(e.tEA).loadConstant((long) os).ladd();
        e.storeReg(ss, 4, false);
    }

    private static void ret(UnitEmitter e, int os, long extra) {
        CodeBuilder cb = e.cb;
        int ss = e.stackSize;
        Label s = e.guardStart();
        e.loadReg(ss, 4, false);
        cb.lstore(e.tEA);
        e.memRead(Insn.SS, os);
        cb.lstore(e.tR);
        checkTarget(e, e.tR);
        e.guardEnd(s);
        cb.lload(e.tEA).loadConstant(os + extra).ladd();
        e.storeReg(ss, 4, false);
        e.retire();
        cb.lload(e.tR);
        e.exitDynamic(CompiledUnit.EXIT_BRANCH);
    }

    /** CALL r/m and JMP r/m: target from the operand (truncated to the operand size, checked), then leave with it. */
    private static void indirect(UnitEmitter e, int os, boolean call) {
        CodeBuilder cb = e.cb;
        Label s = e.guardStart();
        e.loadRm(os);
        if (os == 2) cb.loadConstant(0xFFFFL).land();
        cb.lstore(e.tB);
        checkTarget(e, e.tB);
        if (call) {
            cb.loadConstant(e.cur.next).lstore(e.tR);
            push(e, os);
        }
        e.guardEnd(s);
        e.retire();
        cb.lload(e.tB);
        e.exitDynamic(CompiledUnit.EXIT_BRANCH); // a write to code by the push is handled by the run loop anyway
    }

    /** #GP(0) unless the near branch target in local {@code slot} is canonical (64-bit) or within the CS limit. */
    private static void checkTarget(UnitEmitter e, int slot) {
        CodeBuilder cb = e.cb;
        Label ok = cb.newLabel();
        if (e.mode == 64) {
            cb.lload(slot).bipush(16).lshl().bipush(16).lshr().lload(slot).lcmp().ifeq(ok);
        } else {
            cb.lload(slot).loadConstant(e.region.key.csLimit()).invokestatic(java.lang.constant.ClassDesc.of("java.lang.Long"),
                    "compareUnsigned", java.lang.constant.MethodTypeDesc.ofDescriptor("(JJ)I")).ifle(ok);
        }
        e.throwGp();
        cb.labelBinding(ok);
    }

    enum Dst { RM, REG, ACC }

    enum Src { REG, RM, IMM }

    private static void alu(UnitEmitter e, int aop, int os, Dst dst, Src src) {
        alu(e, aop, os, dst, src, false);
    }

    /** The eight ALU operations (ADD OR ADC SBB AND SUB XOR CMP); {@code test} is AND without a store. */
    private static void alu(UnitEmitter e, int aop, int os, Dst dst, Src src, boolean test) {
        CodeBuilder cb = e.cb;
        Insn i = e.cur.insn;
        boolean rex = i.rex != 0;
        boolean mem = dst == Dst.RM && i.isMemory() || src == Src.RM && i.isMemory();
        boolean store = aop != 7 && !test;
        Label s = mem ? e.guardStart() : null;
        boolean carry = aop == 2 || aop == 3;
        // Without memory nothing can fault, so operands and result go straight into the lazy-flag locals.
        boolean direct = !mem && !carry;
        int a = direct ? e.ccA : e.tA, b = direct ? e.ccB : e.tB, res = direct ? e.ccR : e.tR;
        // a = destination operand, b = source operand
        switch (dst) {
            case RM -> e.loadRm(os);
            case REG -> e.loadReg(os, i.reg, rex);
            case ACC -> e.loadReg(os, 0, false);
        }
        cb.lstore(a);
        switch (src) {
            case REG -> e.loadReg(os, i.reg, rex);
            case RM -> e.loadRm(os);
            case IMM -> cb.loadConstant(i.imm & Flags.mask(os));
        }
        cb.lstore(b);
        if (carry) {
            e.materialize();
            cb.aload(C).getfield(CD_CPU, "flags", java.lang.constant.ConstantDescs.CD_long).lconst_1().land().lstore(e.tC);
        }
        cb.lload(a).lload(b);
        switch (aop) {
            case 0 -> cb.ladd();
            case 1 -> cb.lor();
            case 2 -> cb.ladd().lload(e.tC).ladd();
            case 3 -> cb.lsub().lload(e.tC).lsub();
            case 4 -> cb.land();
            case 5, 7 -> cb.lsub();
            default -> cb.lxor();
        }
        if (os != 8 && (aop == 0 || aop == 2 || aop == 3 || aop == 5 || aop == 7)) cb.loadConstant(Flags.mask(os)).land();
        cb.lstore(res);
        if (store && dst == Dst.RM && i.isMemory()) e.memWrite(i.memSeg, os, res);
        if (s != null) e.guardEnd(s);
        if (store) {
            switch (dst) {
                case RM -> {
                    if (!i.isMemory()) {
                        cb.lload(res);
                        e.storeRegZx(os, i.rm, rex);
                    }
                }
                case REG -> {
                    cb.lload(res);
                    e.storeRegZx(os, i.reg, rex);
                }
                case ACC -> {
                    cb.lload(res);
                    e.storeRegZx(os, 0, false);
                }
            }
        }
        if (carry) {
            cb.aload(C).loadConstant(os).lload(a).lload(b).lload(res).lload(e.tC);
            cb.invokestatic(CD_FLAGS, aop == 2 ? "add" : "sub", MTD_FLAGS3);
            cb.iconst_0().istore(e.ccOp);
            e.knownOp = -1;
            e.pendingMaybe = false;
        } else {
            int kind = aop == 0 ? Flags.ADD : aop == 5 || aop == 7 ? Flags.SUB : Flags.LOGIC;
            e.setLazy(kind, os, a, b, res);
        }
        e.retire();
        if (store && dst == Dst.RM && i.isMemory()) e.checkCodeWrite();
    }

    private static void incDec(UnitEmitter e, boolean dec, int os, boolean shortForm) {
        CodeBuilder cb = e.cb;
        Insn i = e.cur.insn;
        boolean rex = i.rex != 0;
        e.carryFlag(); // INC/DEC keep CF: record it with the operation (ccB)
        cb.lstore(e.tC);
        Label s = i.isMemory() && !shortForm ? e.guardStart() : null;
        int reg = i.opcode & 7; // 40+r / 48+r: the register is in the opcode
        if (shortForm) e.loadReg(os, reg, false);
        else e.loadRm(os);
        cb.lstore(e.tA);
        cb.lload(e.tA).lconst_1();
        if (dec) cb.lsub();
        else cb.ladd();
        if (os != 8) cb.loadConstant(Flags.mask(os)).land();
        cb.lstore(e.tR);
        if (shortForm) {
            cb.lload(e.tR);
            e.storeRegZx(os, reg, false);
        } else {
            e.storeRm(os, e.tR, false);
            if (s != null) e.guardEnd(s);
        }
        e.setLazy(dec ? Flags.DEC : Flags.INC, os, e.tA, e.tC, e.tR);
        e.retire();
        if (s != null) e.checkCodeWrite();
    }

    private static void notNeg(UnitEmitter e, int os, boolean neg) {
        CodeBuilder cb = e.cb;
        Insn i = e.cur.insn;
        Label s = i.isMemory() ? e.guardStart() : null;
        e.loadRm(os);
        cb.lstore(e.tB);
        if (neg) cb.lconst_0().lload(e.tB).lsub();
        else cb.lload(e.tB).loadConstant(-1L).lxor();
        if (os != 8) cb.loadConstant(Flags.mask(os)).land();
        cb.lstore(e.tR);
        e.storeRm(os, e.tR, false);
        if (s != null) e.guardEnd(s);
        if (neg) {
            cb.lconst_0().lstore(e.tA);
            e.setLazy(Flags.SUB, os, e.tA, e.tB, e.tR);
        }
        e.retire();
        if (s != null) e.checkCodeWrite();
    }

    /** SHL/SAL/SHR/SAR by an immediate, 1 or CL. A masked count of zero changes nothing (not even the flags). */
    private static void shift(UnitEmitter e, int os, int r) {
        CodeBuilder cb = e.cb;
        Insn i = e.cur.insn;
        int op = i.opcode;
        int countMask = os == 8 ? 63 : 31;
        Label s = i.isMemory() ? e.guardStart() : null;
        e.loadRm(os);
        cb.lstore(e.tA);
        if (op == 0xD2 || op == 0xD3) e.loadReg(1, 1, false);
        else cb.loadConstant(op >= 0xD0 ? 1L : i.imm & countMask);
        cb.loadConstant((long) countMask).land().lstore(e.tB);
        cb.lload(e.tA);
        if (r == 7) signExtend(cb, os);
        cb.lload(e.tB).l2i();
        switch (r) {
            case 4, 6 -> cb.lshl();
            case 5 -> cb.lushr();
            default -> cb.lshr();
        }
        if (os != 8) cb.loadConstant(Flags.mask(os)).land();
        cb.lstore(e.tR);
        e.storeRm(os, e.tR, false);
        if (s != null) e.guardEnd(s);
        int kind = r == 5 ? Flags.SHR : r == 7 ? Flags.SAR : Flags.SHL;
        if (op == 0xD2 || op == 0xD3) {
            Label skip = cb.newLabel();
            cb.lload(e.tB).lconst_0().lcmp().ifeq(skip);
            e.setLazy(kind, os, e.tA, e.tB, e.tR);
            cb.labelBinding(skip);
            e.knownOp = -1;
        } else {
            e.setLazy(kind, os, e.tA, e.tB, e.tR);
        }
        e.retire();
        if (s != null) e.checkCodeWrite();
    }

    private static void imul(UnitEmitter e, int os, boolean twoOperand) {
        CodeBuilder cb = e.cb;
        Insn i = e.cur.insn;
        boolean rex = i.rex != 0;
        Label s = i.isMemory() ? e.guardStart() : null;
        e.loadRm(os);
        if (s != null) e.guardEnd(s);
        signExtend(cb, os);
        cb.lstore(e.tA);
        if (twoOperand) e.loadReg(os, i.reg, rex);
        else cb.loadConstant(i.imm & Flags.mask(os));
        signExtend(cb, os);
        cb.lstore(e.tB);
        cb.lload(e.tA).lload(e.tB).lmul().lstore(e.tR);
        cb.lload(e.tR);
        e.storeReg(os, i.reg, rex);
        e.setLazy(Flags.IMUL, os, e.tA, e.tB, e.tR);
        e.retire();
    }

    /** Unsigned DIV of AX, DX:AX or EDX:EAX; #DE for a zero divisor or a quotient that does not fit. Flags unchanged. */
    private static void div(UnitEmitter e, int os) {
        CodeBuilder cb = e.cb;
        java.lang.constant.ClassDesc cdLong = java.lang.constant.ClassDesc.of("java.lang.Long");
        java.lang.constant.MethodTypeDesc jjj = java.lang.constant.MethodTypeDesc.ofDescriptor("(JJ)J");
        Label s = e.guardStart();
        e.loadRm(os);
        cb.lstore(e.tB);
        Label nonZero = cb.newLabel();
        cb.lload(e.tB).lconst_0().lcmp().ifne(nonZero);
        e.throwDivideError();
        cb.labelBinding(nonZero);
        if (os == 1) {
            e.loadReg(2, 0, false);
        } else {
            e.loadReg(os, 2, false);
            cb.bipush(os * 8).lshl();
            e.loadReg(os, 0, false);
            cb.lor();
        }
        cb.lstore(e.tA);
        cb.lload(e.tA).lload(e.tB).invokestatic(cdLong, "divideUnsigned", jjj).lstore(e.tR);
        Label fits = cb.newLabel();
        cb.lload(e.tR).loadConstant(Flags.mask(os)).lcmp().ifle(fits); // the dividend is below 2^(2*bits), so q >= 0
        e.throwDivideError();
        cb.labelBinding(fits);
        e.guardEnd(s);
        cb.lload(e.tA).lload(e.tB).invokestatic(cdLong, "remainderUnsigned", jjj);
        if (os == 1) {
            cb.bipush(8).lshl().lload(e.tR).lor();
            e.storeReg(2, 0, false);
        } else {
            e.storeReg(os, 2, false);
            cb.lload(e.tR);
            e.storeReg(os, 0, false);
        }
        e.retire();
    }

    /**
     * Evaluates condition {@code cc} straight from the last flag producer's operands when it is
     * statically known (cmp/test + jcc fusion); returns false if the flags must be materialized.
     */
    static boolean fusedCond(UnitEmitter e, int cc, Label target) {
        int op = e.knownOp;
        if (op < 0) return false;
        int kind = op >> 4, size = op & 15;
        CodeBuilder cb = e.cb;
        int base = cc & ~1;
        boolean negate = (cc & 1) != 0;
        if (kind == Flags.SUB) {
            switch (base) {
                case 2, 6 -> { // B / BE: unsigned compare of a and b
                    cb.lload(e.ccA).lload(e.ccB);
                    if (size == 8) cb.invokestatic(java.lang.constant.ClassDesc.of("java.lang.Long"), "compareUnsigned",
                            java.lang.constant.MethodTypeDesc.ofDescriptor("(JJ)I"));
                    else cb.lcmp();
                    if (base == 2) { if (negate) cb.ifge(target); else cb.iflt(target); }
                    else { if (negate) cb.ifgt(target); else cb.ifle(target); }
                }
                case 4 -> {
                    cb.lload(e.ccR).lconst_0().lcmp();
                    if (negate) cb.ifne(target); else cb.ifeq(target);
                }
                case 8 -> {
                    cb.lload(e.ccR);
                    signExtend(cb, size);
                    cb.lconst_0().lcmp();
                    if (negate) cb.ifge(target); else cb.iflt(target);
                }
                case 12, 14 -> { // L / LE: signed compare
                    cb.lload(e.ccA);
                    signExtend(cb, size);
                    cb.lload(e.ccB);
                    signExtend(cb, size);
                    cb.lcmp();
                    if (base == 12) { if (negate) cb.ifge(target); else cb.iflt(target); }
                    else { if (negate) cb.ifgt(target); else cb.ifle(target); }
                }
                default -> { return false; }
            }
            return true;
        }
        if (kind == Flags.LOGIC || kind == Flags.ADD || kind == Flags.INC || kind == Flags.DEC) {
            boolean logic = kind == Flags.LOGIC;
            switch (base) {
                case 4 -> {
                    cb.lload(e.ccR).lconst_0().lcmp();
                    if (negate) cb.ifne(target); else cb.ifeq(target);
                }
                case 8 -> {
                    cb.lload(e.ccR);
                    signExtend(cb, size);
                    cb.lconst_0().lcmp();
                    if (negate) cb.ifge(target); else cb.iflt(target);
                }
                case 2, 6, 12, 14 -> {
                    if (!logic) return false;
                    // CF = OF = 0: B never, BE = ZF, L = SF, LE = ZF | SF
                    cb.lload(e.ccR);
                    signExtend(cb, size);
                    cb.lconst_0().lcmp();
                    switch (base) {
                        case 2 -> { cb.pop(); if (negate) cb.goto_(target); }
                        case 6 -> { if (negate) cb.ifne(target); else cb.ifeq(target); }
                        case 12 -> { if (negate) cb.ifge(target); else cb.iflt(target); }
                        default -> { if (negate) cb.ifgt(target); else cb.ifle(target); }
                    }
                }
                default -> { return false; }
            }
            return true;
        }
        return false;
    }
}
