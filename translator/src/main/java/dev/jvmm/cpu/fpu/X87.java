package dev.jvmm.cpu.fpu;

import dev.jvmm.core.cpu.X87State;
import java.util.ArrayList;
import java.util.List;

/**
 * The x87 FPU's architectural state (Intel SDM vol. 1 chapter 8): eight 80-bit data registers, the
 * control, status and tag words, and the last instruction and data pointers with the last opcode.
 *
 * <p>Registers are kept by <em>physical</em> number (R0-R7), as FXSAVE's tag byte and MMX see them:
 * ST(i) is physical register {@code (top + i) & 7}. Each holds a 64-bit significand with its explicit
 * integer bit ({@link #significand}) and the sign and 15-bit biased exponent ({@link #signExponent},
 * bit 15 the sign). MMX register MMi is the significand of physical register i.
 *
 * <p>The tag word is kept in full and always agrees with the registers' contents (a register is
 * either empty, 11, or tagged from what it holds), which is what FSTENV reports and what a CPU that
 * keeps only the abridged tag computes.
 */
public final class X87 {
    /** Status word bits (SDM vol. 1 figure 8-4). */
    public static final int SF = 0x40, ES = 0x80, C0 = 0x100, C1 = 0x200, C2 = 0x400, C3 = 0x4000, B = 0x8000;
    public static final int CONDITION_CODES = C0 | C1 | C2 | C3;
    public static final int EMPTY = 3;

    public final long[] significand = new long[8];
    public final int[] signExponent = new int[8];
    /** Control word; FNINIT sets 0x037F (all exceptions masked, 64-bit precision, round to nearest). */
    public int control = 0x037F;
    /** Status word without TOP (bits 11-13 are kept in {@link #top}). */
    public int status;
    /** TOP: the physical register number of ST(0). */
    public int top;
    /** Full tag word, two bits per physical register: 00 valid, 01 zero, 10 special, 11 empty. */
    public int tag = 0xFFFF;
    /** Last x87 instruction: its opcode (11 bits), CS selector and offset; last data operand: DS selector and offset. */
    public int lastOpcode, lastCs, lastDs;
    public long lastIp, lastDp;
    /** The rounding environment of the instruction being executed (scratch, reused). */
    public final FpEnv env = new FpEnv(0x037F);

    /** The status word as FNSTSW stores it: TOP merged into bits 11-13. */
    public int statusWord() {
        return (status & ~0x3800) | (top & 7) << 11;
    }

    /** Sets the status word, TOP included. */
    public void setStatusWord(int word) {
        status = word & ~0x3800 & 0xFFFF;
        top = (word >> 11) & 7;
    }

    /** FNINIT (SDM vol. 2 FINIT): control 0x037F, status 0, all registers empty, pointers cleared. */
    public void initialize() {
        control = 0x037F;
        status = 0;
        top = 0;
        tag = 0xFFFF;
        lastOpcode = lastCs = lastDs = 0;
        lastIp = lastDp = 0;
    }

    public int physical(int i) {
        return (top + i) & 7;
    }

    public int tagOf(int physical) {
        return (tag >> (2 * physical)) & 3;
    }

    public boolean isEmpty(int i) {
        return tagOf(physical(i)) == EMPTY;
    }

    public F80 st(int i) {
        int p = physical(i);
        return new F80(signExponent[p], significand[p]);
    }

    /** Writes ST(i) and tags it from its contents. */
    public void setSt(int i, F80 v) {
        setPhysical(physical(i), v);
    }

    public void setPhysical(int p, F80 v) {
        signExponent[p] = v.se();
        significand[p] = v.sig();
        setTag(p, v.tag());
    }

    public void setTag(int physical, int t) {
        tag = (tag & ~(3 << (2 * physical))) | (t << (2 * physical));
    }

    /** Makes room for a push: TOP - 1 (the caller then writes ST(0)). */
    public void decrementTop() {
        top = (top - 1) & 7;
    }

    /** Marks ST(0) empty and increments TOP. */
    public void pop() {
        setTag(top, EMPTY);
        top = (top + 1) & 7;
    }

    /** The tag word recomputed from the registers for every non-empty one (FSTENV's view). */
    public int tagWord() {
        int t = 0;
        for (int p = 0; p < 8; p++) {
            int old = tagOf(p);
            t |= (old == EMPTY ? EMPTY : new F80(signExponent[p], significand[p]).tag()) << (2 * p);
        }
        return t;
    }

    /** Loads a tag word as FLDENV/FRSTOR do: only "empty or not" is taken, the rest follows from the registers. */
    public void loadTagWord(int word) {
        for (int p = 0; p < 8; p++) {
            boolean empty = ((word >> (2 * p)) & 3) == EMPTY;
            setTag(p, empty ? EMPTY : new F80(signExponent[p], significand[p]).tag());
        }
    }

    /** This state in the exchange format. */
    public X87State toState() {
        List<Long> sigs = new ArrayList<>(8);
        List<Integer> ses = new ArrayList<>(8);
        for (int p = 0; p < 8; p++) {
            sigs.add(significand[p]);
            ses.add(signExponent[p] & 0xFFFF);
        }
        return new X87State(control, statusWord(), tag, sigs, ses, lastOpcode & 0x7FF, lastCs, lastIp, lastDs, lastDp);
    }

    /** Loads the exchange format; the tag word is taken as it is. */
    public void load(X87State s) {
        for (int p = 0; p < 8; p++) {
            significand[p] = s.significands().get(p);
            signExponent[p] = s.signExponents().get(p) & 0xFFFF;
        }
        control = s.control() & 0xFFFF;
        setStatusWord(s.status());
        tag = s.tag() & 0xFFFF;
        lastOpcode = s.lastOpcode() & 0x7FF;
        lastCs = s.lastCs();
        lastIp = s.lastIp();
        lastDs = s.lastDs();
        lastDp = s.lastDp();
    }

    /** True if an unmasked exception is pending (status ES), which the next waiting instruction reports as #MF. */
    public boolean exceptionPending() {
        return (status & ES) != 0;
    }
}
