package dev.jvmm.cpu.jit;

import static dev.jvmm.cpu.jit.UnitEmitter.*;

import dev.jvmm.cpu.decode.Insn;
import dev.jvmm.cpu.jit.ArithmeticEmitter.Dst;
import dev.jvmm.cpu.jit.ArithmeticEmitter.Src;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;

/**
 * Bytecode for the guest instructions the translator compiles inline: moves, LEA, the eight ALU
 * operations, TEST, INC/DEC/NOT/NEG, shifts, MUL/IMUL/DIV/IDIV, MOVZX/MOVSX, PUSH/POP/CALL/RET/LEAVE,
 * Jcc/JMP, SETcc/CMOVcc, CBW/CWD, CALL/JMP r/m. This class decides what is inline and
 * emits moves and branches itself; {@link ArithmeticEmitter}, {@link ControlEmitter} and
 * {@link FusedConditions} emit the rest. Each follows the interpreter's semantics exactly; the
 * oracle tests compare the two.
 *
 * <p>Ordering rule for precise exceptions: every memory read and write happens before any
 * register local or lazy-flag local changes, so a guest fault leaves the registers as they were
 * before the instruction and the interpreter can re-run it.
 */
final class InsnEmitter {
    private InsnEmitter() {}

    /**
     * True if the emitter does not compile this instruction although its opcode-table row is
     * {@link dev.jvmm.cpu.decode.JitTreatment#INLINE}: operand values it leaves to the interpreter.
     */
    static boolean declines(Insn i) {
        return switch (i.opcode) {
            case 0x90 -> i.rm != 0 || i.rep == 0xF2; // XCHG r8, rAX (REX.B); F2 90
            case 0xC0, 0xC1 -> (i.imm & (i.opSize == 8 ? 63 : 31)) == 0; // a zero count changes no flags
            case 0xF6, 0xF7 -> (i.reg & 7) >= 4 && i.opSize == 8; // MUL, IMUL, DIV, IDIV r/m64
            default -> false;
        };
    }

    /**
     * BT on a register: CF = the selected bit (offset modulo the operand size); the interpreter
     * leaves every other flag as it was (the SDM leaves OF, SF, AF and PF undefined), so RFLAGS is
     * materialized first and only CF is replaced.
     */
    private static void bitTest(UnitEmitter e, Insn i, int os, boolean rex) {
        CodeBuilder cb = e.cb;
        e.materialize();
        e.knownOp = -1;
        e.loadReg(os, i.rm, rex);
        if (i.opcode == 0x1A3) e.loadReg(os, i.reg, rex);
        else cb.loadConstant(i.imm & 0xFF);
        cb.l2i().loadConstant(os * 8 - 1).iand().lushr().lconst_1().land().lstore(e.tC); // the bit: CF is bit 0
        cb.aload(UnitEmitter.C).aload(UnitEmitter.C).getfield(UnitEmitter.CD_CPU, "flags", java.lang.constant.ConstantDescs.CD_long)
                .loadConstant(~1L).land().lload(e.tC).lor().putfield(UnitEmitter.CD_CPU, "flags", java.lang.constant.ConstantDescs.CD_long);
        e.retire();
    }

    /**
     * PAUSE as the interpreter runs it ({@code Interpreter.pause}): its stall cycles for the virtual clock and
     * a spin-wait hint to the host (with other vCPUs, {@code Interpreter.spinWait}'s). Inline, because
     * spin-wait loops run little else.
     */
    private static void pause(CodeBuilder cb, boolean others) {
        java.lang.constant.ClassDesc cpu = UnitEmitter.CD_CPU;
        cb.aload(UnitEmitter.C).dup().getfield(cpu, "stallCycles", java.lang.constant.ConstantDescs.CD_long)
                .loadConstant((long) dev.jvmm.cpu.interp.Cpu.PAUSE_STALL_CYCLES).ladd()
                .putfield(cpu, "stallCycles", java.lang.constant.ConstantDescs.CD_long);
        java.lang.constant.MethodTypeDesc noArgs = java.lang.constant.MethodTypeDesc.of(java.lang.constant.ConstantDescs.CD_void);
        if (others) cb.aload(UnitEmitter.RT).invokevirtual(UnitEmitter.CD_RT, "spinWait", noArgs);
        else cb.invokestatic(java.lang.constant.ClassDesc.of("java.lang.Thread"), "onSpinWait", noArgs);
    }

    static void emit(UnitEmitter e, GuestInsn g) {
        Insn i = g.insn;
        if (SimdEmitter.compiles(i)) {
            SimdEmitter.emit(e, g);
            return;
        }
        int op = i.opcode;
        int os = i.opSize;
        CodeBuilder cb = e.cb;
        boolean rex = i.rex != 0;
        if (op < 0x40 && (op & 7) < 6) {
            int aop = op >> 3;
            switch (op & 7) {
                case 0, 1 -> ArithmeticEmitter.alu(e, aop, os, Dst.RM, Src.REG);
                case 2, 3 -> ArithmeticEmitter.alu(e, aop, os, Dst.REG, Src.RM);
                default -> ArithmeticEmitter.alu(e, aop, os, Dst.ACC, Src.IMM);
            }
            return;
        }
        if (op >= 0x40 && op <= 0x4F) {
            ArithmeticEmitter.incDec(e, op >= 0x48, os, true);
            return;
        }
        if (op >= 0x50 && op <= 0x57) {
            Label s = e.guardStart();
            e.loadReg(os, i.rm, false);
            cb.lstore(e.tR);
            ControlEmitter.push(e, os);
            e.guardEnd(s);
            e.retire();
            e.checkCodeWrite();
            return;
        }
        if (op >= 0x58 && op <= 0x5F) {
            Label s = e.guardStart();
            ControlEmitter.pop(e, os);
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
                ControlEmitter.push(e, os);
                e.guardEnd(s);
                e.retire();
                e.checkCodeWrite();
            }
            case 0x69, 0x6B, 0x1AF -> ArithmeticEmitter.imul(e, os, op == 0x1AF);
            case 0x80, 0x81, 0x82, 0x83 -> ArithmeticEmitter.alu(e, r, os, Dst.RM, Src.IMM);
            case 0x84, 0x85 -> ArithmeticEmitter.alu(e, 4, os, Dst.RM, Src.REG, true);
            case 0xA8, 0xA9 -> ArithmeticEmitter.alu(e, 4, os, Dst.ACC, Src.IMM, true);
            case 0xF6, 0xF7 -> {
                if (r <= 1) ArithmeticEmitter.alu(e, 4, os, Dst.RM, Src.IMM, true);
                else if (r >= 6) ArithmeticEmitter.div(e, os, r == 7);
                else if (r >= 4) ArithmeticEmitter.mulAccumulator(e, os, r == 5);
                else ArithmeticEmitter.notNeg(e, os, r == 3);
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
            case 0x90, 0x11F -> {
                if (op == 0x90 && i.rep == 0xF3) pause(cb, e.region.tsoFences);
                e.retire();
            }
            case 0x1A3, 0x1BA -> bitTest(e, i, os, rex);
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
                e.memRead(i.memSeg, os, e.operandAligned(os));
                e.guardEnd(s);
                e.storeReg(os, 0, false);
                e.retire();
            }
            case 0xA2, 0xA3 -> {
                cb.loadConstant(i.disp & addrMask(i)).lstore(e.tEA);
                e.loadReg(os, 0, false);
                cb.lstore(e.tR);
                Label s = e.guardStart();
                e.memWrite(i.memSeg, os, e.tR, e.operandAligned(os));
                e.guardEnd(s);
                e.retire();
                e.checkCodeWrite();
            }
            case 0xC0, 0xC1, 0xD0, 0xD1, 0xD2, 0xD3 -> ArithmeticEmitter.shift(e, os, r);
            case 0xC2, 0xC3 -> ControlEmitter.ret(e, os, op == 0xC2 ? i.imm : 0);
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
                ControlEmitter.push(e, os);
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
                    ControlEmitter.indirect(e, os, r == 2);
                } else if (r == 6) {
                    Label s = e.guardStart();
                    e.loadRm(os);
                    cb.lstore(e.tR);
                    ControlEmitter.push(e, os);
                    e.guardEnd(s);
                    e.retire();
                    e.checkCodeWrite();
                } else {
                    ArithmeticEmitter.incDec(e, r == 1, os, false);
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
}
