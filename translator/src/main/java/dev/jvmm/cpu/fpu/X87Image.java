package dev.jvmm.cpu.fpu;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The memory images of FSTENV/FLDENV (the environment: control, status and tag words, last
 * instruction and data pointers, last opcode) and FSAVE/FRSTOR (the environment followed by ST(0)
 * to ST(7), ten bytes each), in the four layouts of SDM vol. 1 figures 8-9 to 8-12: 32-bit (28-byte
 * environment) or 16-bit (14-byte) operand size, protected-mode (selector and offset) or real-mode
 * (linear pointers, with the opcode; also used in virtual-8086 mode) format.
 */
public final class X87Image {
    private X87Image() {}

    public static int environmentSize(boolean op32) {
        return op32 ? 28 : 14;
    }

    public static int stateSize(boolean op32) {
        return environmentSize(op32) + 80;
    }

    /** The FSTENV image. {@code realFormat}: real or virtual-8086 mode. */
    public static byte[] environment(X87 f, boolean op32, boolean realFormat) {
        ByteBuffer b = ByteBuffer.allocate(environmentSize(op32)).order(ByteOrder.LITTLE_ENDIAN);
        putEnvironment(b, f, op32, realFormat);
        return b.array();
    }

    /** The FSAVE image (the caller reinitializes the FPU after writing it). */
    public static byte[] state(X87 f, boolean op32, boolean realFormat) {
        ByteBuffer b = ByteBuffer.allocate(stateSize(op32)).order(ByteOrder.LITTLE_ENDIAN);
        putEnvironment(b, f, op32, realFormat);
        for (int i = 0; i < 8; i++) {
            int p = f.physical(i);
            b.putLong(f.significand[p]).putShort((short) f.signExponent[p]);
        }
        return b.array();
    }

    private static void putEnvironment(ByteBuffer b, X87 f, boolean op32, boolean realFormat) {
        int fcw = f.control, fsw = f.statusWord(), ftw = f.tagWord(), fop = f.lastOpcode & 0x7FF;
        long fip = f.lastIp, fdp = f.lastDp;
        if (op32) {
            b.putInt(0xFFFF_0000 | fcw).putInt(0xFFFF_0000 | fsw).putInt(0xFFFF_0000 | ftw);
            if (realFormat) {
                b.putInt(0xFFFF_0000 | (int) (fip & 0xFFFF));
                b.putInt((int) ((fip >>> 16 & 0xFFFF) << 12) | fop);
                b.putInt(0xFFFF_0000 | (int) (fdp & 0xFFFF));
                b.putInt((int) ((fdp >>> 16 & 0xFFFF) << 12));
            } else {
                b.putInt((int) fip);
                b.putInt(fop << 16 | (f.lastCs & 0xFFFF));
                b.putInt((int) fdp);
                b.putInt(0xFFFF_0000 | (f.lastDs & 0xFFFF));
            }
        } else {
            b.putShort((short) fcw).putShort((short) fsw).putShort((short) ftw);
            if (realFormat) {
                b.putShort((short) fip);
                b.putShort((short) ((fip >>> 16 & 0xF) << 12 | fop));
                b.putShort((short) fdp);
                b.putShort((short) ((fdp >>> 16 & 0xF) << 12));
            } else {
                b.putShort((short) fip).putShort((short) f.lastCs).putShort((short) fdp).putShort((short) f.lastDs);
            }
        }
    }

    /** FLDENV: loads an environment image (the tag word's "empty" marks; the other tags follow from the registers). */
    public static void loadEnvironment(X87 f, byte[] image, boolean op32, boolean realFormat) {
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        int fcw, fsw, ftw;
        if (op32) {
            fcw = b.getInt(0);
            fsw = b.getInt(4);
            ftw = b.getInt(8);
            if (realFormat) {
                f.lastIp = (b.getInt(12) & 0xFFFF) | ((long) (b.getInt(16) >>> 12 & 0xFFFF) << 16);
                f.lastOpcode = b.getInt(16) & 0x7FF;
                f.lastDp = (b.getInt(20) & 0xFFFF) | ((long) (b.getInt(24) >>> 12 & 0xFFFF) << 16);
            } else {
                f.lastIp = b.getInt(12) & 0xFFFF_FFFFL;
                f.lastCs = b.getInt(16) & 0xFFFF;
                f.lastOpcode = b.getInt(16) >>> 16 & 0x7FF;
                f.lastDp = b.getInt(20) & 0xFFFF_FFFFL;
                f.lastDs = b.getInt(24) & 0xFFFF;
            }
        } else {
            fcw = b.getShort(0);
            fsw = b.getShort(2);
            ftw = b.getShort(4);
            if (realFormat) {
                f.lastIp = (b.getShort(6) & 0xFFFF) | ((long) (b.getShort(8) >>> 12 & 0xF) << 16);
                f.lastOpcode = b.getShort(8) & 0x7FF;
                f.lastDp = (b.getShort(10) & 0xFFFF) | ((long) (b.getShort(12) >>> 12 & 0xF) << 16);
            } else {
                f.lastIp = b.getShort(6) & 0xFFFF;
                f.lastCs = b.getShort(8) & 0xFFFF;
                f.lastDp = b.getShort(10) & 0xFFFF;
                f.lastDs = b.getShort(12) & 0xFFFF;
            }
        }
        f.control = fcw & 0x1F7F | 0x40;
        f.setStatusWord(fsw & 0xFFFF);
        f.status = X87Ops.summarize(f.status, f.control);
        f.loadTagWord(ftw & 0xFFFF);
    }

    /** FRSTOR: the registers, then the environment (whose tag word is read against the new registers). */
    public static void loadState(X87 f, byte[] image, boolean op32, boolean realFormat) {
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        int base = environmentSize(op32);
        int top = (b.getShort(op32 ? 4 : 2) >> 11) & 7;
        for (int i = 0; i < 8; i++) {
            int p = (top + i) & 7;
            f.significand[p] = b.getLong(base + 10 * i);
            f.signExponent[p] = b.getShort(base + 10 * i + 8) & 0xFFFF;
        }
        loadEnvironment(f, image, op32, realFormat);
    }
}
