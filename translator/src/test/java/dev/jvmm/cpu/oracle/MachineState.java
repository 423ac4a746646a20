package dev.jvmm.cpu.oracle;

import dev.jvmm.cpu.jit.Sandbox;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A machine state as the oracle moves it between the host and jvmm: the sixteen GPRs, RFLAGS, an
 * FXSAVE image in its 64-bit layout (SDM vol. 1 table 10-2: x87 control, status, abridged tag,
 * last opcode and pointers, MXCSR, ST0-ST7 in stack order, XMM0-XMM15) and the data buffer that
 * lives at {@link #DATA}. Mutable; the accessors read and write the image in place.
 */
public final class MachineState {
    /** Where the code, data and stack live, on the host and in jvmm's sandbox alike. */
    public static final long CODE = Sandbox.CODE, DATA = Sandbox.DATA, STACK_TOP = Sandbox.STACK_TOP;
    /** Byte offsets in the FXSAVE image. */
    public static final int FCW = 0, FSW = 2, FTW = 4, FOP = 6, FIP = 8, FDP = 16, MXCSR = 24, MXCSR_MASK = 28,
            ST0 = 32, XMM0 = 160, IMAGE_SIZE = 512;
    public static final int RBX = 3, RSP = 4;

    public final long[] gpr = new long[16];
    /** RFLAGS; the host loads only CF, PF, AF, ZF, SF, DF and OF from it. */
    public long rflags = 2;
    public final byte[] fx = new byte[IMAGE_SIZE];
    /** The bytes at {@link #DATA} (at most 4096); the rest of that page is zero. */
    public byte[] data;
    private final ByteBuffer image = ByteBuffer.wrap(fx).order(ByteOrder.LITTLE_ENDIAN);

    /**
     * The state after FNINIT with MXCSR 0x1F80 (every exception masked) and XMM registers zero; RBX
     * points at the data buffer and RSP into the stack page; {@code dataLength} zero data bytes.
     */
    public static MachineState initial(int dataLength) {
        MachineState s = new MachineState();
        s.data = new byte[dataLength];
        s.setFcw(0x037F);
        s.setMxcsr(0x1F80);
        s.gpr[RBX] = DATA;
        s.gpr[RSP] = STACK_TOP;
        return s;
    }

    public MachineState copy() {
        MachineState c = new MachineState();
        System.arraycopy(gpr, 0, c.gpr, 0, 16);
        c.rflags = rflags;
        System.arraycopy(fx, 0, c.fx, 0, IMAGE_SIZE);
        c.data = data == null ? null : data.clone();
        return c;
    }

    public int u16(int offset) {
        return image.getShort(offset) & 0xFFFF;
    }

    public int u32(int offset) {
        return image.getInt(offset);
    }

    public long u64(int offset) {
        return image.getLong(offset);
    }

    public void put16(int offset, int v) {
        image.putShort(offset, (short) v);
    }

    public void put32(int offset, int v) {
        image.putInt(offset, v);
    }

    public void put64(int offset, long v) {
        image.putLong(offset, v);
    }

    public int fcw() {
        return u16(FCW);
    }

    public void setFcw(int v) {
        put16(FCW, v);
    }

    /** The status word, TOP in bits 11-13. */
    public int fsw() {
        return u16(FSW);
    }

    public void setFsw(int v) {
        put16(FSW, v);
    }

    /** The abridged tag byte: bit i set if physical register i is not empty. */
    public int ftw() {
        return fx[FTW] & 0xFF;
    }

    public void setFtw(int v) {
        fx[FTW] = (byte) v;
    }

    public int mxcsr() {
        return u32(MXCSR);
    }

    public void setMxcsr(int v) {
        put32(MXCSR, v);
    }

    /** Bits 0-63 of XMM{@code r}. */
    public long xmmLow(int r) {
        return u64(XMM0 + 16 * r);
    }

    /** Bits 64-127 of XMM{@code r}. */
    public long xmmHigh(int r) {
        return u64(XMM0 + 16 * r + 8);
    }

    public void setXmm(int r, long low, long high) {
        put64(XMM0 + 16 * r, low);
        put64(XMM0 + 16 * r + 8, high);
    }

    /** The 64-bit significand of ST(i) (MMX register MMi when TOP is 0). */
    public long stSignificand(int i) {
        return u64(ST0 + 16 * i);
    }

    /** Sign (bit 15) and biased exponent of ST(i). */
    public int stSignExponent(int i) {
        return u16(ST0 + 16 * i + 8);
    }

    public void setSt(int i, int signExponent, long significand) {
        put64(ST0 + 16 * i, significand);
        put16(ST0 + 16 * i + 8, signExponent);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MachineState m && Arrays.equals(gpr, m.gpr) && rflags == m.rflags && Arrays.equals(fx, m.fx)
                && Arrays.equals(data, m.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(fx) ^ Arrays.hashCode(gpr);
    }
}
