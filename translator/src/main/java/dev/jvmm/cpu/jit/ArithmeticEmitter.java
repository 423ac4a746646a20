package dev.jvmm.cpu.jit;

import static dev.jvmm.cpu.jit.UnitEmitter.*;

import dev.jvmm.cpu.decode.Insn;
import dev.jvmm.cpu.interp.Division;
import dev.jvmm.cpu.interp.Multiplication;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;

/**
 * Bytecode for the arithmetic instructions: the eight ALU operations and TEST, INC/DEC, NOT/NEG,
 * shifts, IMUL and DIV. Results go to registers or memory; flags are recorded lazily (see
 * {@link UnitEmitter}), except ADC/SBB, which read CF and compute RFLAGS at once.
 */
final class ArithmeticEmitter {
    private ArithmeticEmitter() {}

    private static final ClassDesc CD_MULTIPLICATION = ClassDesc.of(Multiplication.class.getName());
    private static final MethodTypeDesc MTD_MULTIPLICATION = MethodTypeDesc.of(ConstantDescs.CD_long, ConstantDescs.CD_int,
            ConstantDescs.CD_long, ConstantDescs.CD_long);
    private static final ClassDesc CD_DIVISION = ClassDesc.of(Division.class.getName());
    private static final MethodTypeDesc MTD_DIVISION = MethodTypeDesc.of(ConstantDescs.CD_long, ConstantDescs.CD_int,
            ConstantDescs.CD_long, ConstantDescs.CD_long, CD_CPU_EXCEPTION);

    enum Dst { RM, REG, ACC }

    enum Src { REG, RM, IMM }

    static void alu(UnitEmitter e, int aop, int os, Dst dst, Src src) {
        alu(e, aop, os, dst, src, false);
    }

    /** The eight ALU operations (ADD OR ADC SBB AND SUB XOR CMP); {@code test} is AND without a store. */
    static void alu(UnitEmitter e, int aop, int os, Dst dst, Src src, boolean test) {
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
            case RM -> { if (store) e.loadRmForUpdate(os); else e.loadRm(os); }
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
        if (store && dst == Dst.RM && i.isMemory()) {
            e.memWrite(i.memSeg, os, res, e.operandAligned(os));
            e.rememberStore(os, res);
        }
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

    /** True for INC and DEC (40+r / 48+r outside 64-bit mode, FE/FF /0 and /1): they keep CF, so they read it. */
    static boolean isIncDec(Insn i) {
        int op = i.opcode;
        if (op >= 0x40 && op <= 0x4F) return i.mode != 64;
        return (op == 0xFE || op == 0xFF) && i.reg <= 1;
    }

    static void incDec(UnitEmitter e, boolean dec, int os, boolean shortForm) {
        CodeBuilder cb = e.cb;
        Insn i = e.cur.insn;
        boolean rex = i.rex != 0;
        e.carryIn(); // INC/DEC keep CF: record it with the operation (ccB)
        cb.lstore(e.tC);
        Label s = i.isMemory() && !shortForm ? e.guardStart() : null;
        int reg = i.opcode & 7; // 40+r / 48+r: the register is in the opcode
        if (shortForm) e.loadReg(os, reg, false);
        else e.loadRmForUpdate(os);
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

    static void notNeg(UnitEmitter e, int os, boolean neg) {
        CodeBuilder cb = e.cb;
        Insn i = e.cur.insn;
        Label s = i.isMemory() ? e.guardStart() : null;
        e.loadRmForUpdate(os);
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
    static void shift(UnitEmitter e, int os, int r) {
        CodeBuilder cb = e.cb;
        Insn i = e.cur.insn;
        int op = i.opcode;
        int countMask = os == 8 ? 63 : 31;
        Label s = i.isMemory() ? e.guardStart() : null;
        e.loadRmForUpdate(os);
        cb.lstore(e.tA);
        if (op == 0xD2 || op == 0xD3) e.loadReg(1, 1, false);
        else cb.loadConstant(op >= 0xD0 ? 1L : i.imm & countMask);
        cb.loadConstant((long) countMask).land().lstore(e.tB);
        cb.lload(e.tA);
        if (r == 7) InsnEmitter.signExtend(cb, os);
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

    static void imul(UnitEmitter e, int os, boolean twoOperand) {
        CodeBuilder cb = e.cb;
        Insn i = e.cur.insn;
        boolean rex = i.rex != 0;
        Label s = i.isMemory() ? e.guardStart() : null;
        e.loadRm(os);
        if (s != null) e.guardEnd(s);
        InsnEmitter.signExtend(cb, os);
        cb.lstore(e.tA);
        if (twoOperand) e.loadReg(os, i.reg, rex);
        else cb.loadConstant(i.imm & Flags.mask(os));
        InsnEmitter.signExtend(cb, os);
        cb.lstore(e.tB);
        cb.lload(e.tA).lload(e.tB).lmul().lstore(e.tR);
        cb.lload(e.tR);
        e.storeReg(os, i.reg, rex);
        e.setLazy(Flags.IMUL, os, e.tA, e.tB, e.tR);
        e.retire();
    }

    /**
     * One-operand MUL or IMUL of AL, AX or EAX by r/m (64-bit operands are left to the interpreter):
     * the interpreter's {@link Multiplication} product goes to AX, DX:AX or EDX:EAX; the flags are
     * recorded lazily ({@link Flags#MUL}, {@link Flags#IMUL} with sign-extended operands).
     */
    static void mulAccumulator(UnitEmitter e, int os, boolean signed) {
        CodeBuilder cb = e.cb;
        Label s = e.cur.insn.isMemory() ? e.guardStart() : null;
        e.loadRm(os);
        if (s != null) e.guardEnd(s);
        if (signed) InsnEmitter.signExtend(cb, os);
        cb.lstore(e.tB);
        e.loadReg(os, 0, false);
        if (signed) InsnEmitter.signExtend(cb, os);
        cb.lstore(e.tA);
        cb.bipush(os).lload(e.tA).lload(e.tB).invokestatic(CD_MULTIPLICATION, signed ? "signed" : "unsigned", MTD_MULTIPLICATION)
                .lstore(e.tR);
        cb.lload(e.tR);
        if (os == 1) {
            e.storeReg(2, 0, false); // AH:AL
        } else {
            e.storeReg(os, 0, false);
            cb.lload(e.tR).bipush(os * 8);
            if (signed) cb.lshr(); else cb.lushr();
            e.storeReg(os, 2, false);
        }
        e.setLazy(signed ? Flags.IMUL : Flags.MUL, os, e.tA, e.tB, e.tR);
        e.retire();
    }

    /**
     * DIV or IDIV of AX, DX:AX or EDX:EAX: the interpreter's {@link Division#unsigned} or
     * {@link Division#signed}, #DE included. Flags unchanged.
     */
    static void div(UnitEmitter e, int os, boolean signed) {
        CodeBuilder cb = e.cb;
        Label s = e.guardStart();
        e.loadRm(os);
        cb.lstore(e.tB);
        if (os == 1) {
            e.loadReg(2, 0, false);
        } else {
            e.loadReg(os, 2, false);
            cb.bipush(os * 8).lshl();
            e.loadReg(os, 0, false);
            cb.lor();
        }
        cb.lstore(e.tA);
        cb.bipush(os).lload(e.tA).lload(e.tB).aload(UnitEmitter.C).getfield(UnitEmitter.CD_CPU, "fault", UnitEmitter.CD_CPU_EXCEPTION)
                .invokestatic(CD_DIVISION, signed ? "signed" : "unsigned", MTD_DIVISION).lstore(e.tR);
        e.guardEnd(s);
        cb.lload(e.tR).bipush(32).lushr(); // the remainder
        if (os == 1) {
            // AH:AL; a negative IDIV quotient is sign-extended to 32 bits in tR, so AL is masked
            cb.bipush(8).lshl().lload(e.tR).loadConstant(0xFFL).land().lor();
            e.storeReg(2, 0, false);
        } else {
            e.storeReg(os, 2, false);
            cb.lload(e.tR); // the quotient: the store keeps the low os bytes
            e.storeReg(os, 0, false);
        }
        e.retire();
    }
}
