package dev.jvmm.cpu.jit;

import static java.lang.constant.ConstantDescs.*;

import dev.jvmm.cpu.decode.Insn;
import dev.jvmm.cpu.interp.SimdFloat;
import dev.jvmm.cpu.simd.FpContext;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;

/**
 * The SSE instructions compiled into units: scalar and packed floating-point arithmetic, COMIS/UCOMIS,
 * CVTSI2SS/SD, the XMM moves, the bitwise operations and UNPCKL/HPD. The source operand comes from
 * the XMM registers ({@code Cpu.xmm}) or through the unit's own address computation and soft-TLB
 * path; the floating-point operation itself is the interpreter's ({@link SimdFloat}'s public
 * methods, invoked statically), so MXCSR rounding, flags, DAZ/FTZ and unmasked exceptions are the
 * interpreter's code. Moves and bitwise operations are bit copies written here. Every instruction
 * first makes the SDM's CR0/CR4 checks ({@link SimdFloat#checkSse}); a guest exception (those
 * checks, #GP for a misaligned aligned form, a page fault, an unmasked #XM) goes to the unit's fault
 * handler, and the interpreter runs the instruction again to deliver it. Memory operands are
 * compiled only where the segment is flat ({@link UnitEmitter#fastSegment}); a 16-byte store is
 * compiled only for the aligned forms, so it never crosses a page between its two halves. Anything
 * else keeps the interpreter ({@link DecodedCall}).
 */
final class SimdEmitter {
    private SimdEmitter() {}

    /** {@code -Djvmm.jit.simd=false}: SSE instructions are left to the interpreter. */
    static final boolean ENABLED = Boolean.parseBoolean(System.getProperty("jvmm.jit.simd", "true"));

    static final ClassDesc CD_SIMD_FLOAT = ClassDesc.of(SimdFloat.class.getName());
    static final ClassDesc CD_FP = ClassDesc.of(FpContext.class.getName());
    static final MethodTypeDesc MTD_CHECK = MethodTypeDesc.of(CD_void, UnitEmitter.CD_CPU);
    static final MethodTypeDesc MTD_ARITH = MethodTypeDesc.of(CD_void, UnitEmitter.CD_CPU, CD_FP, CD_int, CD_int, CD_int, CD_long, CD_long);
    static final MethodTypeDesc MTD_SCALAR = MethodTypeDesc.of(CD_void, UnitEmitter.CD_CPU, CD_FP, CD_int, CD_int, CD_long);
    static final MethodTypeDesc MTD_COMPARE = MethodTypeDesc.of(CD_void, UnitEmitter.CD_CPU, CD_FP, CD_int, CD_int, CD_int, CD_long);
    static final MethodTypeDesc MTD_FROM_INT = MethodTypeDesc.of(CD_void, UnitEmitter.CD_CPU, CD_FP, CD_int, CD_int, CD_long);

    private static final long LOW32 = 0xFFFF_FFFFL;

    /** The mandatory prefix: F3 or F2 (the last one wins over 66), 66, or 0. */
    private static int prefix(Insn i) {
        return i.rep != 0 ? i.rep : i.opsizePrefix ? 0x66 : 0;
    }

    /** True if {@link #emit} compiles {@code i}. */
    static boolean compiles(Insn i) {
        if (!ENABLED || i.lock || !i.hasModrm || i.opcode < 0x100 || i.opcode >= 0x200) return false;
        int o = i.opcode & 0xFF, p = prefix(i);
        boolean mem = i.mod != 3;
        return switch (o) {
            case 0x51, 0x58, 0x59, 0x5C, 0x5D, 0x5E, 0x5F -> true;
            case 0x2E, 0x2F -> p == 0 || p == 0x66;
            case 0x2A -> p == 0xF3 || p == 0xF2;
            case 0x28 -> p == 0 || p == 0x66;
            case 0x10 -> true;
            case 0x29 -> p == 0 || p == 0x66;
            case 0x11 -> p == 0xF3 || p == 0xF2 || (p == 0 || p == 0x66) && !mem;
            case 0x6F -> p == 0x66 || p == 0xF3;
            case 0x7F -> p == 0x66 || p == 0xF3 && !mem;
            case 0x7E -> p == 0xF3;
            case 0xD6 -> p == 0x66;
            case 0x54, 0x55, 0x56, 0x57 -> p == 0 || p == 0x66;
            case 0xDB, 0xDF, 0xEB, 0xEF -> p == 0x66;
            case 0x14, 0x15 -> p == 0x66;
            default -> false;
        };
    }

    static void emit(UnitEmitter e, GuestInsn g) {
        CodeBuilder cb = e.cb;
        Insn i = g.insn;
        int o = i.opcode & 0xFF, p = prefix(i);
        int r = i.reg;
        if (i.mod != 3 && !e.fastSegment(i.memSeg)) { // segmentation to apply: the interpreter
            DecodedCall.emit(e, g);
            return;
        }
        Label start = e.guardStart();
        cb.aload(UnitEmitter.C).invokestatic(CD_SIMD_FLOAT, "checkSse", MTD_CHECK);
        switch (o) {
            case 0x51, 0x58, 0x59, 0x5C, 0x5D, 0x5E, 0x5F -> {
                boolean packed = p == 0 || p == 0x66;
                source(e, packed ? 16 : p == 0xF3 ? 4 : 8, packed);
                fp(e);
                if (p == 0xF2) {
                    cb.loadConstant(o).loadConstant(r).lload(e.tA).invokestatic(CD_SIMD_FLOAT, "scalarDouble", MTD_SCALAR);
                } else {
                    cb.loadConstant(o).loadConstant(p).loadConstant(r).lload(e.tA).lload(e.tB)
                            .invokestatic(CD_SIMD_FLOAT, "arithmetic", MTD_ARITH);
                }
            }
            case 0x2E, 0x2F -> {
                source(e, p == 0 ? 4 : 8, false);
                fp(e);
                cb.loadConstant(o).loadConstant(p).loadConstant(r).lload(e.tA)
                        .invokestatic(CD_SIMD_FLOAT, "compareToFlags", MTD_COMPARE);
            }
            case 0x2A -> {
                int size = i.opSize == 8 ? 8 : 4;
                e.loadRm(size);
                if (size == 4) cb.l2i().i2l();
                cb.lstore(e.tA);
                fp(e);
                cb.loadConstant(p).loadConstant(r).lload(e.tA).invokestatic(CD_SIMD_FLOAT, "fromInteger", MTD_FROM_INT);
            }
            case 0x28, 0x6F -> { // MOVAPS/MOVAPD, MOVDQA (66), MOVDQU (F3)
                source(e, 16, o == 0x28 || p == 0x66);
                setXmm(e, r, e.tA, e.tB);
            }
            case 0x10 -> {
                if (p == 0 || p == 0x66) { // MOVUPS, MOVUPD
                    source(e, 16, false);
                    setXmm(e, r, e.tA, e.tB);
                } else if (i.mod == 3) { // MOVSS/MOVSD xmm, xmm: the low lane only
                    mergeLow(e, r, i.rm, p == 0xF3);
                } else { // from memory: the rest zeroed
                    source(e, p == 0xF3 ? 4 : 8, false);
                    cb.lconst_0().lstore(e.tB);
                    setXmm(e, r, e.tA, e.tB);
                }
            }
            case 0x7E -> { // MOVQ xmm, xmm/m64 (F3)
                source(e, 8, false);
                cb.lconst_0().lstore(e.tB);
                setXmm(e, r, e.tA, e.tB);
            }
            case 0x29, 0x11, 0x7F -> {
                boolean low = p == 0xF3 && o == 0x11 || p == 0xF2;
                if (i.mod == 3) {
                    if (low) mergeLow(e, i.rm, r, p == 0xF3);
                    else {
                        xmm(e, 2 * r);
                        cb.lstore(e.tA);
                        xmm(e, 2 * r + 1);
                        cb.lstore(e.tB);
                        setXmm(e, i.rm, e.tA, e.tB);
                    }
                } else if (low) {
                    xmm(e, 2 * r);
                    cb.lstore(e.tA);
                    store(e, p == 0xF3 ? 4 : 8, e.tA, -1);
                } else {
                    xmm(e, 2 * r);
                    cb.lstore(e.tA);
                    xmm(e, 2 * r + 1);
                    cb.lstore(e.tB);
                    store(e, 16, e.tA, e.tB);
                }
            }
            case 0xD6 -> { // MOVQ xmm/m64, xmm (66)
                xmm(e, 2 * r);
                cb.lstore(e.tA);
                if (i.mod == 3) {
                    cb.lconst_0().lstore(e.tB);
                    setXmm(e, i.rm, e.tA, e.tB);
                } else {
                    store(e, 8, e.tA, -1);
                }
            }
            case 0x54, 0x55, 0x56, 0x57, 0xDB, 0xDF, 0xEB, 0xEF -> {
                source(e, 16, true);
                logic(e, r, o, e.tA);
                logic(e, r, o, e.tB);
            }
            case 0x14, 0x15 -> { // UNPCKLPD: (d.lo, s.lo); UNPCKHPD: (d.hi, s.hi)
                source(e, 16, true);
                int half = o == 0x14 ? 0 : 1;
                cb.lload(half == 0 ? e.tA : e.tB).lstore(e.tC);
                xmm(e, 2 * r + half);
                cb.lstore(e.tA);
                setXmm(e, r, e.tA, e.tC);
            }
            default -> throw new IllegalStateException("not compiled: " + i);
        }
        e.guardEnd(start);
        if (o == 0x2E || o == 0x2F) { // ZF PF CF from the compare, OF SF AF cleared: the lazy state is gone
            cb.iconst_0().istore(e.ccOp);
            e.knownOp = -1;
            e.pendingMaybe = false;
        }
        e.retire();
        if (i.mod != 3 && (o == 0x29 || o == 0x11 || o == 0x7F || o == 0xD6)) e.checkCodeWrite();
    }

    private static void fp(UnitEmitter e) {
        e.cb.aload(UnitEmitter.C).aload(UnitEmitter.RT).getfield(UnitEmitter.CD_RT, "fp", CD_FP);
    }

    /** Pushes {@code c.xmm[index]}. */
    private static void xmm(UnitEmitter e, int index) {
        e.cb.aload(UnitEmitter.C).getfield(UnitEmitter.CD_CPU, "xmm", CD_long.arrayType()).loadConstant(index).laload();
    }

    private static void setXmm(UnitEmitter e, int r, int loSlot, int hiSlot) {
        CodeBuilder cb = e.cb;
        cb.aload(UnitEmitter.C).getfield(UnitEmitter.CD_CPU, "xmm", CD_long.arrayType()).loadConstant(2 * r).lload(loSlot).lastore();
        cb.aload(UnitEmitter.C).getfield(UnitEmitter.CD_CPU, "xmm", CD_long.arrayType()).loadConstant(2 * r + 1).lload(hiSlot).lastore();
    }

    /** XMM{@code dst}'s low 32 ({@code single}) or 64 bits from XMM{@code src}'s, the rest kept (MOVSS/MOVSD between registers). */
    private static void mergeLow(UnitEmitter e, int dst, int src, boolean single) {
        CodeBuilder cb = e.cb;
        xmm(e, 2 * src);
        if (single) {
            cb.loadConstant(LOW32).land();
            xmm(e, 2 * dst);
            cb.loadConstant(~LOW32).land().lor();
        }
        cb.lstore(e.tA);
        cb.aload(UnitEmitter.C).getfield(UnitEmitter.CD_CPU, "xmm", CD_long.arrayType()).loadConstant(2 * dst).lload(e.tA).lastore();
    }

    /** XMM{@code r}'s half {@code slot} names (tA: low, tB: high) combined with that half of the destination, written back. */
    private static void logic(UnitEmitter e, int r, int o, int slot) {
        CodeBuilder cb = e.cb;
        int index = 2 * r + (slot == e.tA ? 0 : 1);
        cb.aload(UnitEmitter.C).getfield(UnitEmitter.CD_CPU, "xmm", CD_long.arrayType()).loadConstant(index);
        xmm(e, index);
        switch (o) {
            case 0x54, 0xDB -> cb.lload(slot).land(); // ANDPS/PD, PAND
            case 0x55, 0xDF -> cb.loadConstant(-1L).lxor().lload(slot).land(); // ANDNPS/PD, PANDN: ~dst & src
            case 0x56, 0xEB -> cb.lload(slot).lor(); // ORPS/PD, POR
            default -> cb.lload(slot).lxor(); // XORPS/PD, PXOR
        }
        cb.lastore();
    }

    /**
     * The source operand into tA (bits 0-63) and tB (64-127): XMM rm, or {@code size} bytes of
     * memory zero-extended ({@code aligned}: a 16-byte operand off a 16-byte boundary raises #GP).
     */
    private static void source(UnitEmitter e, int size, boolean aligned) {
        CodeBuilder cb = e.cb;
        Insn i = e.cur.insn;
        if (i.mod == 3) {
            xmm(e, 2 * i.rm);
            cb.lstore(e.tA);
            xmm(e, 2 * i.rm + 1);
            cb.lstore(e.tB);
            return;
        }
        e.ea();
        cb.lstore(e.tEA);
        if (size < 16) {
            e.memRead(i.memSeg, size);
            cb.lstore(e.tA);
            cb.lconst_0().lstore(e.tB);
            return;
        }
        if (aligned) alignmentCheck(e);
        e.memRead(i.memSeg, 8, aligned);
        cb.lstore(e.tA);
        cb.lload(e.tEA).loadConstant(8L).ladd().lstore(e.tEA);
        e.memRead(i.memSeg, 8, aligned);
        cb.lstore(e.tB);
    }

    /** Raises #GP(0) if tEA is not a multiple of 16 (flat segments: the offset is the linear address). */
    private static void alignmentCheck(UnitEmitter e) {
        CodeBuilder cb = e.cb;
        Label ok = cb.newLabel();
        cb.lload(e.tEA).loadConstant(15L).land().lconst_0().lcmp().ifeq(ok);
        e.throwGp();
        cb.labelBinding(ok);
    }

    /** Writes local {@code lo} ({@code size} 4 or 8) or {@code lo}, {@code hi} (16, an aligned form) to the memory operand. */
    private static void store(UnitEmitter e, int size, int lo, int hi) {
        CodeBuilder cb = e.cb;
        Insn i = e.cur.insn;
        e.ea();
        cb.lstore(e.tEA);
        if (size < 16) {
            e.memWrite(i.memSeg, size, lo);
            return;
        }
        alignmentCheck(e);
        e.memWrite(i.memSeg, 8, lo, true);
        cb.lload(e.tEA).loadConstant(8L).ladd().lstore(e.tEA);
        e.memWrite(i.memSeg, 8, hi, true);
    }
}
