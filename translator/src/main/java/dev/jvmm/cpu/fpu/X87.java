package dev.jvmm.cpu.fpu;

/**
 * The x87 FPU's architectural state (Intel SDM vol. 1 chapter 8): eight 80-bit data registers, the
 * control, status and tag words, and the last instruction and data pointers with the last opcode.
 *
 * <p>Registers are kept by <em>physical</em> number (R0-R7), as FXSAVE's tag byte and MMX see them:
 * ST(i) is physical register {@code (top + i) & 7}. Each holds a 64-bit significand with its explicit
 * integer bit ({@link #significand}) and the sign and 15-bit biased exponent ({@link #signExponent},
 * bit 15 the sign). MMX register MMi is the significand of physical register i.
 */
public final class X87 {
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

    /** The status word as FNSTSW stores it: TOP merged into bits 11-13. */
    public int statusWord() {
        return (status & ~0x3800) | (top & 7) << 11;
    }
}
