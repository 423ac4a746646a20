package dev.jvmm.cpu.jit;

import static dev.jvmm.cpu.jit.UnitEmitter.*;

import dev.jvmm.cpu.decode.Insn;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;

/**
 * Bytecode for stack and control transfers: PUSH/POP, RET, CALL/JMP through a register or memory,
 * and the near-branch target check (CS limit or canonical form, #GP otherwise). Like every
 * emitter, memory accesses come before any register change so a fault leaves the registers as
 * they were.
 */
final class ControlEmitter {
    private ControlEmitter() {}

    /** Pushes local tR: the new stack pointer goes to tEA, the write happens, then RSP is updated (caller guards). */
    static void push(UnitEmitter e, int os) {
        CodeBuilder cb = e.cb;
        int ss = e.stackSize;
        e.loadReg(8, 4, false);
        cb.loadConstant((long) os).lsub().loadConstant(Flags.mask(ss)).land().lstore(e.tEA);
        e.memWrite(Insn.SS, os, e.tR);
        cb.lload(e.tEA);
        e.storeReg(ss, 4, false);
    }

    /** Pops into tR and updates RSP (the read is the only part that can fault). */
    static void pop(UnitEmitter e, int os) {
        CodeBuilder cb = e.cb;
        int ss = e.stackSize;
        e.loadReg(ss, 4, false);
        cb.lstore(e.tEA);
        e.memRead(Insn.SS, os);
        cb.lstore(e.tR);
        cb.lload(e.tEA).loadConstant((long) os).ladd();
        e.storeReg(ss, 4, false);
    }

    static void ret(UnitEmitter e, int os, long extra) {
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
        returnInside(e);
        cb.lload(e.tR);
        e.exitDynamic(CompiledUnit.EXIT_BRANCH);
    }

    /**
     * A RET whose target (local tR) is one of the region's return sites continues there, inside the
     * unit: a switch on the target's page offset, then a compare of the whole RIP (another page can
     * share the offset). Any other target falls through to the exit.
     */
    private static void returnInside(UnitEmitter e) {
        continueInside(e, e.tR, e.region.returnSites);
    }

    /**
     * Jumps to the instruction of {@code sites} whose RIP local {@code slot} holds, inside the
     * unit: a switch on the page offset, then a compare of the whole RIP (another page can share
     * the offset). Any other RIP falls through.
     */
    private static void continueInside(UnitEmitter e, int slot, java.util.Collection<Long> sites) {
        if (sites.isEmpty()) return;
        CodeBuilder cb = e.cb;
        Label other = cb.newLabel();
        java.util.List<java.lang.classfile.instruction.SwitchCase> cases = new java.util.ArrayList<>();
        java.util.List<Label> checks = new java.util.ArrayList<>();
        for (long site : sites) {
            Label check = cb.newLabel();
            checks.add(check);
            cases.add(java.lang.classfile.instruction.SwitchCase.of((int) (site & 0xFFF), check));
        }
        cb.lload(slot).l2i().sipush(0xFFF).iand().lookupswitch(other, cases);
        int k = 0;
        for (long site : sites) {
            cb.labelBinding(checks.get(k++));
            cb.lload(slot).loadConstant(site).lcmp().ifeq(e.branchTarget(site));
            cb.goto_(other);
        }
        cb.labelBinding(other);
    }

    /**
     * CALL r/m and JMP r/m: target from the operand (truncated to the operand size, checked), then
     * leave with it; a JMP through a jump table goes on inside the unit when the target is one of
     * the table's targets the region holds.
     */
    static void indirect(UnitEmitter e, int os, boolean call) {
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
        if (!call) continueInside(e, e.tB, java.util.Arrays.stream(e.cur.tableTargets).boxed().toList());
        cb.lload(e.tB);
        e.exitDynamic(CompiledUnit.EXIT_BRANCH); // a write to code by the push is handled by the run loop anyway
    }

    /** #GP(0) unless the near branch target in local {@code slot} is canonical (64-bit) or within the CS limit. */
    static void checkTarget(UnitEmitter e, int slot) {
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
}
