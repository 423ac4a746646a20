package dev.jvmm.cpu.jit;

import static dev.jvmm.cpu.jit.UnitEmitter.*;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;

/**
 * cmp/test + jcc fusion: evaluates a condition code straight from the recorded operands of the
 * last flag producer when it is statically known, so the common compare-and-branch never builds
 * RFLAGS.
 */
final class FusedConditions {
    private FusedConditions() {}

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
                    InsnEmitter.signExtend(cb, size);
                    cb.lconst_0().lcmp();
                    if (negate) cb.ifge(target); else cb.iflt(target);
                }
                case 12, 14 -> { // L / LE: signed compare
                    cb.lload(e.ccA);
                    InsnEmitter.signExtend(cb, size);
                    cb.lload(e.ccB);
                    InsnEmitter.signExtend(cb, size);
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
                    InsnEmitter.signExtend(cb, size);
                    cb.lconst_0().lcmp();
                    if (negate) cb.ifge(target); else cb.iflt(target);
                }
                case 2, 6, 12, 14 -> {
                    if (!logic) return false;
                    // CF = OF = 0: B never, BE = ZF, L = SF, LE = ZF | SF
                    cb.lload(e.ccR);
                    InsnEmitter.signExtend(cb, size);
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
