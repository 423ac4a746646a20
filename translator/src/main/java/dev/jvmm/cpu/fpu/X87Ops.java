package dev.jvmm.cpu.fpu;

import static dev.jvmm.cpu.fpu.FpEnv.IE;
import static dev.jvmm.cpu.fpu.X87.B;
import static dev.jvmm.cpu.fpu.X87.C0;
import static dev.jvmm.cpu.fpu.X87.C1;
import static dev.jvmm.cpu.fpu.X87.C2;
import static dev.jvmm.cpu.fpu.X87.C3;
import static dev.jvmm.cpu.fpu.X87.ES;
import static dev.jvmm.cpu.fpu.X87.SF;

/**
 * The x87 instructions' meaning on {@link X87} state, one static method per instruction family,
 * called by the interpreter and by translated units alike. Memory is the caller's business: loads
 * get the bytes already read, stores return the value to write and let the caller commit the
 * state change ({@link #endStore}) only after the write succeeded, so that a page fault leaves the
 * FPU as it was.
 *
 * <p>Every instruction runs under {@link X87#env}: {@link #begin} loads it from the control word,
 * {@link #finish} merges what the operation raised into the status word (exception flags and SF
 * sticky, C1 as the operation left it, ES and B when an unmasked exception is pending). Stack
 * faults (SDM vol. 1 §8.5.1.1): reading an empty register is an underflow, pushing onto a full one
 * an overflow; both are invalid operations with SF set and C1 telling which. Masked, the
 * destination gets the real indefinite; unmasked, nothing changes.
 */
public final class X87Ops {
    /** The arithmetic operation in ModRM.reg of D8, DA, DC and DE (memory forms and D8's register forms). */
    public static final int ADD = 0, MUL = 1, COM = 2, COMP = 3, SUB = 4, SUBR = 5, DIV = 6, DIVR = 7;
    private static final int STACK_FAULT = IE | SF;

    private X87Ops() {}

    // ---- the status word ----

    static FpEnv begin(X87 f) {
        FpEnv e = f.env;
        e.control = f.control;
        e.flags = 0;
        return e;
    }

    /** Merges the operation's flags into the status word; C1 becomes what the operation left in it. */
    static void finish(X87 f, FpEnv e) {
        int s = f.status | (e.flags & (0x3F | SF));
        f.status = summarize((s & ~C1) | (e.flags & C1), f.control);
    }

    /** Sets or clears ES and B: is any flagged exception unmasked (SDM vol. 1 §8.1.3.1)? */
    static int summarize(int status, int control) {
        return (status & ~control & 0x3F) != 0 ? status | ES | B : status & ~(ES | B);
    }

    private static void stackUnderflow(FpEnv e) {
        e.raise(STACK_FAULT);
    }

    private static void stackOverflow(FpEnv e) {
        e.raise(STACK_FAULT | FpEnv.C1);
    }

    private static boolean invalidUnmasked(FpEnv e) {
        return (e.flags & IE) != 0 && e.unmasked(IE);
    }

    /** An unmasked invalid or denormal operand: a compare sets its condition codes but does not pop. */
    private static boolean compareStops(FpEnv e) {
        return ((e.flags & (IE | FpEnv.DE)) & ~e.control) != 0;
    }

    /** For instructions that leave C1 alone unless they stack-fault (FCOMI, FCMOVcc on this machine's CPU). */
    private static void keepC1(X87 f, FpEnv e) {
        if ((e.flags & SF) == 0) e.flags |= f.status & C1;
    }

    // ---- control ----

    /** FNINIT. */
    public static void init(X87 f) {
        f.initialize();
    }

    /** FNCLEX: clears the exception flags, SF, ES and B. */
    public static void clearExceptions(X87 f) {
        f.status &= ~(0x3F | SF | ES | B);
    }

    /** FLDCW: an exception flagged earlier and unmasked now is pending from here on. */
    public static void loadControl(X87 f, int word) {
        f.control = word & 0x1F7F | 0x40; // bit 6 reads as 1, bits 7 and 13-15 as 0
        f.status = summarize(f.status, f.control);
    }

    /** FINCSTP / FDECSTP: TOP moves, tags stay; C1 cleared. */
    public static void rotateTop(X87 f, int delta) {
        f.top = (f.top + delta) & 7;
        f.status &= ~C1;
    }

    /** FFREE ST(i), and with {@code pop} the undocumented FFREEP. */
    public static void free(X87 f, int i, boolean pop) {
        f.setTag(f.physical(i), X87.EMPTY);
        if (pop) f.pop();
        f.status &= ~C1;
    }

    // ---- loads ----

    /**
     * Checks that ST(7) is free for a push. If it is not: a stack overflow; masked, the indefinite is
     * pushed. True if the push may go on (the caller then converts its operand: an overflow is
     * reported before anything about the operand).
     */
    private static boolean roomToPush(X87 f, FpEnv e) {
        if (f.isEmpty(7)) return true;
        stackOverflow(e);
        if (!e.unmasked(IE)) {
            f.decrementTop();
            f.setSt(0, F80.INDEFINITE);
        }
        return false;
    }

    /** Pushes {@code v} unless its conversion raised an unmasked invalid operation. */
    private static void push(X87 f, FpEnv e, F80 v) {
        if (e.blocksResult(false, true)) return;
        f.decrementTop();
        f.setSt(0, v);
    }

    /** FLD ST(i): the register as it is, SNaNs included. */
    public static void loadRegister(X87 f, int i) {
        FpEnv e = begin(f);
        if (f.isEmpty(i)) { // reported before a full stack
            stackUnderflow(e);
            if (!e.unmasked(IE)) {
                f.decrementTop();
                f.setSt(0, F80.INDEFINITE);
            }
        } else if (roomToPush(f, e)) {
            push(f, e, f.st(i));
        }
        finish(f, e);
    }

    public static void loadFloat(X87 f, int bits) {
        FpEnv e = begin(f);
        if (roomToPush(f, e)) push(f, e, F80Convert.fromFloat(bits, e));
        finish(f, e);
    }

    public static void loadDouble(X87 f, long bits) {
        FpEnv e = begin(f);
        if (roomToPush(f, e)) push(f, e, F80Convert.fromDouble(bits, e));
        finish(f, e);
    }

    /** FLD m80: no conversion, no exception. */
    public static void loadExtended(X87 f, int signExponent, long significand) {
        FpEnv e = begin(f);
        if (roomToPush(f, e)) push(f, e, new F80(signExponent, significand));
        finish(f, e);
    }

    /** FILD m16/m32/m64 (the value sign-extended by the caller). */
    public static void loadInt(X87 f, long value) {
        FpEnv e = begin(f);
        if (roomToPush(f, e)) push(f, e, F80Convert.fromInt(value));
        finish(f, e);
    }

    public static void loadBcd(X87 f, long low, int high) {
        FpEnv e = begin(f);
        if (roomToPush(f, e)) push(f, e, F80Convert.fromBcd(low, high));
        finish(f, e);
    }

    /** The constants of FLD1, FLDL2T, FLDL2E, FLDPI, FLDLG2, FLDLN2, FLDZ (D9 E8-EE), 128 bits each. */
    private static final long[][] CONSTANTS = {
        {F80.BIAS, 0x8000_0000_0000_0000L, 0},
        {F80.BIAS + 1, 0xD49A_784B_CD1B_8AFEL, 0x492B_F6FF_4DAF_DB4CL}, // log2(10)
        {F80.BIAS, 0xB8AA_3B29_5C17_F0BBL, 0xBE87_FED0_691D_3E88L}, // log2(e)
        {F80.BIAS + 1, 0xC90F_DAA2_2168_C234L, 0xC4C6_628B_80DC_1CD1L}, // pi
        {F80.BIAS - 2, 0x9A20_9A84_FBCF_F798L, 0x8F89_59AC_0B7C_9178L}, // log10(2)
        {F80.BIAS - 1, 0xB172_17F7_D1CF_79ABL, 0xC9E3_B398_03F2_F6AFL}, // ln(2)
    };

    /**
     * FLD1 ... FLDZ ({@code which} 0-6 as D9 E8-EE): the constant rounded to 64 bits with the rounding
     * control, without reporting inexact (SDM vol. 1 §8.3.8).
     */
    public static void loadConstant(X87 f, int which) {
        FpEnv e = begin(f);
        F80 v = F80.POS_ZERO;
        if (which < CONSTANTS.length) {
            long[] c = CONSTANTS[which];
            v = Rounding.toRegister(false, (int) c[0], c[1], c[2], 64, e);
            e.flags = 0;
        }
        if (roomToPush(f, e)) push(f, e, v);
        finish(f, e);
    }

    // ---- stores: compute, let the caller write, then endStore ----

    /** ST(0) for a store, or null (with the underflow raised) when it is empty. */
    private static F80 storeSource(X87 f, FpEnv e) {
        if (!f.isEmpty(0)) return f.st(0);
        stackUnderflow(e);
        return null;
    }

    public static int storeFloat(X87 f) {
        FpEnv e = begin(f);
        F80 v = storeSource(f, e);
        return v == null ? F80Convert.FLOAT_INDEFINITE : F80Convert.toFloat(v, e);
    }

    public static long storeDouble(X87 f) {
        FpEnv e = begin(f);
        F80 v = storeSource(f, e);
        return v == null ? F80Convert.DOUBLE_INDEFINITE : F80Convert.toDouble(v, e);
    }

    /** FSTP m80: ST(0) as it is. */
    public static F80 storeExtended(X87 f) {
        FpEnv e = begin(f);
        F80 v = storeSource(f, e);
        return v == null ? F80.INDEFINITE : v;
    }

    /** FIST/FISTP ({@code truncate} false) and FISTTP (true) to {@code bytes} bytes. */
    public static long storeInt(X87 f, int bytes, boolean truncate) {
        FpEnv e = begin(f);
        F80 v = storeSource(f, e);
        return v == null ? (bytes == 8 ? Long.MIN_VALUE : -(1L << (8 * bytes - 1))) : F80Convert.toInt(v, bytes, truncate, e);
    }

    /** FBSTP: {@code [0]} bytes 0-7, {@code [1]} bytes 8-9. */
    public static long[] storeBcd(X87 f) {
        FpEnv e = begin(f);
        F80 v = storeSource(f, e);
        return v == null ? new long[] {0xC000_0000_0000_0000L, 0xFFFF} : F80Convert.toBcd(v, e);
    }

    /** After a store's compute step: false if an unmasked exception means nothing may be written. */
    public static boolean storeWrites(X87 f) {
        return !f.env.blocksResult(true, false);
    }

    /** Commits a store once its value is written (or withheld): status, and the pop of the P forms. */
    public static void endStore(X87 f, boolean pop) {
        FpEnv e = f.env;
        if (pop && !e.blocksResult(true, false)) f.pop();
        finish(f, e);
    }

    /**
     * D9 D8+i, the undocumented alias FSTP1: on this machine's CPU an empty ST(0) is no stack fault,
     * ST(i) is left alone and the stack still pops.
     */
    public static void storeRegisterAlias(X87 f, int i) {
        if (f.isEmpty(0)) {
            f.pop();
            f.status &= ~C1;
        } else {
            storeRegister(f, i, true);
        }
    }

    /** FST/FSTP ST(i). */
    public static void storeRegister(X87 f, int i, boolean pop) {
        FpEnv e = begin(f);
        F80 v = storeSource(f, e);
        if (v == null) {
            if (e.unmasked(IE)) {
                finish(f, e);
                return;
            }
            v = F80.INDEFINITE;
        }
        f.setSt(i, v);
        if (pop) f.pop();
        finish(f, e);
    }

    // ---- arithmetic ----

    private static F80 compute(int op, F80 a, F80 b, boolean memoryDenormal, FpEnv e) {
        return switch (op) {
            case ADD -> F80Arith.compute(0, a, b, memoryDenormal, e);
            case MUL -> F80Arith.compute(2, a, b, memoryDenormal, e);
            case SUB -> F80Arith.compute(1, a, b, memoryDenormal, e);
            case SUBR -> F80Arith.compute(1, b, a, memoryDenormal, e);
            case DIV -> F80Arith.compute(3, a, b, memoryDenormal, e);
            case DIVR -> F80Arith.compute(3, b, a, memoryDenormal, e);
            default -> throw new IllegalArgumentException("not an arithmetic operation: " + op);
        };
    }

    /**
     * ST(dst) = ST(dst) op ST(src), then a pop if {@code pop}: FADD/FMUL/FSUB/FSUBR/FDIV/FDIVR with
     * register operands. For DC and DE the caller passes the operation the instruction performs on
     * ST(i) (DC E0+i is FSUBR ST(i), ST(0): {@code arith(f, SUBR, i, 0, false)}).
     */
    public static void arith(X87 f, int op, int dst, int src, boolean pop) {
        FpEnv e = begin(f);
        if (f.isEmpty(dst) || f.isEmpty(src)) {
            stackUnderflow(e);
            if (!e.unmasked(IE)) {
                f.setSt(dst, F80.INDEFINITE);
                if (pop) f.pop();
            }
        } else {
            F80 r = compute(op, f.st(dst), f.st(src), false, e);
            if (!e.blocksResult(false, false)) {
                f.setSt(dst, r);
                if (pop) f.pop();
            }
        }
        finish(f, e);
    }

    /** D8/DC memory forms: ST(0) op m32real / m64real ({@code isDouble}). */
    public static void arithReal(X87 f, int op, long bits, boolean isDouble) {
        FpEnv e = begin(f);
        F80 m = null;
        boolean denormal = false;
        if (!f.isEmpty(0)) { // an empty ST(0) is reported before the memory operand is looked at
            m = isDouble ? F80Convert.fromDoubleOperand(bits, e) : F80Convert.fromFloatOperand((int) bits, e);
            denormal = (e.flags & FpEnv.DE) != 0; // normal once extended: the operation raises DE at its priority
            e.flags &= ~FpEnv.DE;
        }
        arithMemory(f, e, op, m, denormal);
    }

    /** DA/DE memory forms: ST(0) op m32int / m16int (sign-extended by the caller). */
    public static void arithInt(X87 f, int op, long value) {
        FpEnv e = begin(f);
        arithMemory(f, e, op, F80Convert.fromInt(value), false);
    }

    /** ST(0) op m; {@code memoryDenormal}: m was a denormal single or double. */
    private static void arithMemory(X87 f, FpEnv e, int op, F80 m, boolean memoryDenormal) {
        if (f.isEmpty(0)) {
            stackUnderflow(e);
            if (op == COM || op == COMP) setConditionCodes(f, F80Compare.UNORDERED);
            if (!e.unmasked(IE)) {
                if (op != COM && op != COMP) f.setSt(0, F80.INDEFINITE);
                if (op == COMP) f.pop();
            }
        } else if (op == COM || op == COMP) {
            int cc = F80Compare.compare(f.st(0), m, false, memoryDenormal, e);
            setConditionCodes(f, cc);
            if (op == COMP && !compareStops(e)) f.pop();
        } else {
            F80 r = compute(op, f.st(0), m, memoryDenormal, e);
            if (!e.blocksResult(false, false)) f.setSt(0, r);
        }
        finish(f, e);
    }

    /** FSQRT, FRNDINT and the other one-operand operations on ST(0) that round. */
    public static void unary(X87 f, int which) {
        FpEnv e = begin(f);
        if (f.isEmpty(0)) {
            stackUnderflow(e);
            if (!e.unmasked(IE)) f.setSt(0, F80.INDEFINITE);
        } else {
            F80 a = f.st(0);
            F80 r = switch (which) {
                case SQRT -> F80Arith.sqrt(a, e);
                case ROUND -> F80Convert.roundToInteger(a, e);
                default -> throw new IllegalArgumentException("unary " + which);
            };
            if (!e.blocksResult(false, false)) f.setSt(0, r);
        }
        finish(f, e);
    }

    public static final int SQRT = 0, ROUND = 1;

    /** FSCALE: ST(0) = ST(0) * 2^trunc(ST(1)). */
    public static void scale(X87 f) {
        FpEnv e = begin(f);
        if (f.isEmpty(0) || f.isEmpty(1)) {
            stackUnderflow(e);
            if (!e.unmasked(IE)) f.setSt(0, F80.INDEFINITE);
        } else {
            F80 r = F80Exact.scale(f.st(0), f.st(1), e);
            if (!e.blocksResult(false, false)) f.setSt(0, r);
        }
        finish(f, e);
    }

    /** FXTRACT: ST(0) becomes its exponent, then its significand is pushed. */
    public static void extract(X87 f) {
        FpEnv e = begin(f);
        if (f.isEmpty(0) || !f.isEmpty(7)) {
            if (f.isEmpty(0)) stackUnderflow(e);
            else stackOverflow(e);
            if (!e.unmasked(IE)) {
                f.setSt(0, F80.INDEFINITE);
                f.decrementTop();
                f.setSt(0, F80.INDEFINITE);
            }
        } else {
            F80Exact.Extracted r = F80Exact.extract(f.st(0), e);
            if (!e.blocksResult(false, false)) {
                f.setSt(0, r.exponent());
                f.decrementTop();
                f.setSt(0, r.significand());
            }
        }
        finish(f, e);
    }

    /** FPREM ({@code nearest} false) and FPREM1: ST(0) = remainder of ST(0) / ST(1), C0 C3 C1 the quotient's low bits, C2 "incomplete". */
    public static void partialRemainder(X87 f, boolean nearest) {
        FpEnv e = begin(f);
        if (f.isEmpty(0) || f.isEmpty(1)) {
            stackUnderflow(e);
            if (!e.unmasked(IE)) f.setSt(0, F80.INDEFINITE);
            f.status &= ~C2;
        } else {
            F80Exact.Remainder r = F80Exact.remainder(f.st(0), f.st(1), nearest, e);
            if (!e.blocksResult(false, false)) {
                f.setSt(0, r.value());
                if (r.conditionCodes() < 0) { // a NaN or invalid result: no quotient, C0 and C3 stay
                    f.status &= ~C2;
                } else {
                    f.status = (f.status & ~(C0 | C2 | C3)) | (r.conditionCodes() & (C0 | C2 | C3));
                    e.flags = (e.flags & ~FpEnv.C1) | (r.conditionCodes() & C1);
                }
            }
        }
        finish(f, e);
    }

    // ---- transcendentals ----

    /** The one-operand transcendentals on ST(0): FSIN, FCOS, F2XM1. */
    public static final int SIN = 0, COS = 1, F2XM1 = 2;
    /** The two-operand ones, ST(1) = f(ST(1), ST(0)) and a pop: FPATAN, FYL2X, FYL2XP1. */
    public static final int PATAN = 0, YL2X = 1, YL2XP1 = 2;

    /**
     * FSIN, FCOS ({@code which} {@link #SIN}, {@link #COS}): C2 set and ST(0) left alone when
     * |ST(0)| >= 2^63, else C2 cleared; F2XM1 ({@link #F2XM1}) leaves C2 as it was.
     */
    public static void transcendental(X87 f, int which) {
        FpEnv e = begin(f);
        boolean trig = which != F2XM1;
        if (f.isEmpty(0)) {
            stackUnderflow(e);
            if (!e.unmasked(IE)) f.setSt(0, F80.INDEFINITE);
        } else if (trig && !F80Trig.inRange(f.st(0))) {
            outOfRange(f, e);
            return;
        } else {
            F80 a = f.st(0);
            F80 r = switch (which) {
                case SIN -> F80Trig.sin(a, e);
                case COS -> F80Trig.cos(a, e);
                default -> F80Log.twoToXMinusOne(a, e);
            };
            if (!e.blocksResult(false, false)) f.setSt(0, r);
        }
        if (trig) f.status &= ~C2;
        finish(f, e);
    }

    /** FSIN ... FPTAN with |ST(0)| >= 2^63: C2 set, C1 cleared, nothing else changes. */
    private static void outOfRange(X87 f, FpEnv e) {
        f.status |= C2;
        finish(f, e);
    }

    /** FSINCOS: ST(0) = sin, then cos pushed; FPTAN ({@code tangent}): ST(0) = tan, then 1.0 pushed. */
    public static void pushingTrig(X87 f, boolean tangent) {
        FpEnv e = begin(f);
        if (f.isEmpty(0) || !f.isEmpty(7)) {
            if (f.isEmpty(0)) stackUnderflow(e);
            else stackOverflow(e);
            if (!e.unmasked(IE)) {
                f.setSt(0, F80.INDEFINITE);
                f.decrementTop();
                f.setSt(0, F80.INDEFINITE);
            }
        } else if (!F80Trig.inRange(f.st(0))) {
            outOfRange(f, e);
            return;
        } else {
            F80 a = f.st(0), low, pushed;
            if (tangent) {
                low = F80Trig.tan(a, e);
                pushed = low.isNaN() ? low : F80.ONE; // a NaN result is pushed again, as on this machine's CPU
            } else {
                F80Trig.SineCosine sc = F80Trig.sinCos(a, e);
                low = sc.sine();
                pushed = sc.cosine();
            }
            if (!e.blocksResult(false, false)) {
                f.setSt(0, low);
                f.decrementTop();
                f.setSt(0, pushed);
            }
        }
        f.status &= ~C2;
        finish(f, e);
    }

    /** FPATAN, FYL2X, FYL2XP1: ST(1) = f(ST(1), ST(0)), then a pop. */
    public static void transcendentalPop(X87 f, int which) {
        FpEnv e = begin(f);
        if (f.isEmpty(0) || f.isEmpty(1)) {
            stackUnderflow(e);
            if (!e.unmasked(IE)) {
                f.setSt(1, F80.INDEFINITE);
                f.pop();
            }
        } else {
            F80 y = f.st(1), x = f.st(0);
            F80 r = switch (which) {
                case PATAN -> F80Trig.atan2(y, x, e);
                case YL2X -> F80Log.yLog2X(y, x, e);
                default -> F80Log.yLog2XPlusOne(y, x, e);
            };
            if (!e.blocksResult(false, false)) {
                f.setSt(1, r);
                f.pop();
            }
        }
        finish(f, e);
    }

    /** FCHS ({@code negate}) and FABS: the sign bit only, no exception even for an SNaN. */
    public static void sign(X87 f, boolean negate) {
        FpEnv e = begin(f);
        if (f.isEmpty(0)) {
            stackUnderflow(e);
            if (!e.unmasked(IE)) f.setSt(0, F80.INDEFINITE);
        } else {
            F80 a = f.st(0);
            f.setSt(0, negate ? a.negate() : a.abs());
        }
        finish(f, e);
    }

    // ---- compares ----

    private static void setConditionCodes(X87 f, int cc) {
        f.status = (f.status & ~(C0 | C2 | C3)) | cc;
    }

    /**
     * FCOM/FCOMP/FCOMPP ({@code quiet} false) and FUCOM/FUCOMP/FUCOMPP (true): compares ST(0) with
     * ST(i), sets C3 C2 C0 and pops {@code pops} times. With the invalid exception unmasked the
     * condition codes are still set (as this machine's CPU does) but nothing is popped; the same
     * for an unmasked denormal operand.
     */
    public static void compare(X87 f, int i, boolean quiet, int pops) {
        FpEnv e = begin(f);
        int cc;
        if (f.isEmpty(0) || f.isEmpty(i)) {
            stackUnderflow(e);
            cc = F80Compare.UNORDERED;
        } else {
            cc = F80Compare.compare(f.st(0), f.st(i), quiet, e);
        }
        setConditionCodes(f, cc);
        if (!compareStops(e)) for (int n = 0; n < pops; n++) f.pop();
        finish(f, e);
    }

    /** FTST: ST(0) against +0.0. */
    public static void test(X87 f) {
        FpEnv e = begin(f);
        int cc;
        if (f.isEmpty(0)) {
            stackUnderflow(e);
            cc = F80Compare.UNORDERED;
        } else {
            cc = F80Compare.compare(f.st(0), F80.POS_ZERO, false, e);
        }
        setConditionCodes(f, cc);
        finish(f, e);
    }

    /** RFLAGS bits FCOMI sets: ZF, PF, CF. */
    public static final int ZF = 0x40, PF = 4, CF = 1;

    /**
     * FCOMI/FCOMIP ({@code quiet} false) and FUCOMI/FUCOMIP: compares ST(0) with ST(i) and returns the
     * new ZF, PF and CF (OF, SF and AF are cleared); pops if {@code pop} unless an unmasked invalid
     * operation stops it.
     */
    public static int compareToFlags(X87 f, int i, boolean quiet, boolean pop) {
        FpEnv e = begin(f);
        int cc;
        if (f.isEmpty(0) || f.isEmpty(i)) {
            stackUnderflow(e);
            cc = F80Compare.UNORDERED;
        } else {
            cc = F80Compare.compare(f.st(0), f.st(i), quiet, e);
        }
        int flags = ((cc & C3) != 0 ? ZF : 0) | ((cc & C2) != 0 ? PF : 0) | ((cc & C0) != 0 ? CF : 0);
        if (pop && !compareStops(e)) f.pop();
        keepC1(f, e);
        finish(f, e);
        return flags;
    }

    /** FXAM: the class of ST(0) in C3 C2 C0 and its sign in C1; no exception, an empty register included. */
    public static void examine(X87 f) {
        F80 a = f.st(0);
        int cc;
        if (f.isEmpty(0)) cc = C3 | C0;
        else if (a.isUnsupported()) cc = 0;
        else if (a.isNaN()) cc = C0;
        else if (a.isInfinity()) cc = C2 | C0;
        else if (a.isZero()) cc = C3;
        else if (a.isDenormal()) cc = C3 | C2;
        else cc = C2;
        f.status = (f.status & ~(C0 | C1 | C2 | C3)) | cc | (a.negative() ? C1 : 0);
    }

    // ---- register moves ----

    /** FXCH ST(i): an empty register involved is an underflow; masked, it is read as the indefinite. */
    public static void exchange(X87 f, int i) {
        FpEnv e = begin(f);
        boolean empty0 = f.isEmpty(0), emptyI = f.isEmpty(i);
        if (empty0 || emptyI) {
            stackUnderflow(e);
            if (e.unmasked(IE)) {
                finish(f, e);
                return;
            }
        }
        F80 a = empty0 ? F80.INDEFINITE : f.st(0), b = emptyI ? F80.INDEFINITE : f.st(i);
        f.setSt(0, b);
        f.setSt(i, a);
        finish(f, e);
    }

    /** FCMOVcc ST(0), ST(i) with the condition already evaluated on RFLAGS by the caller. */
    public static void conditionalMove(X87 f, int i, boolean condition) {
        FpEnv e = begin(f);
        if (f.isEmpty(0) || f.isEmpty(i)) {
            stackUnderflow(e);
            if (!e.unmasked(IE)) f.setSt(0, F80.INDEFINITE);
        } else if (condition) {
            f.setSt(0, f.st(i));
        }
        keepC1(f, e);
        finish(f, e);
    }
}
