package dev.jvmm.bench.kvm;

import java.util.HexFormat;

/**
 * The benchmark's guest, byte for byte the one in {@code bench/src/main/c/kvm_exit_roundtrip.c}:
 * real mode at {@link #LOAD_ADDRESS}, {@code n} times {@code out dx, al} to {@link #PORT_DATA}
 * (AL = the low byte of the loop counter), bracketed by a write to {@link #PORT_START} and one to
 * {@link #PORT_DONE}, then {@code cli; hlt}.
 */
final class GuestLoop {
    static final int LOAD_ADDRESS = 0x1000;
    static final long RAM_BYTES = 2L << 20;
    static final int PORT_DATA = 0x510, PORT_START = 0x511, PORT_DONE = 0x512;

    private static final int[] TEMPLATE = {
        0x66, 0xB9, 0, 0, 0, 0,   // mov ecx, n
        0xBA, 0x11, 0x05,         // mov dx, PORT_START
        0xEE,                     // out dx, al
        0xBA, 0x10, 0x05,         // mov dx, PORT_DATA
        0x88, 0xC8,               // l: mov al, cl
        0xEE,                     // out dx, al
        0x66, 0x49,               // dec ecx
        0x75, 0xF9,               // jnz l (-7)
        0xBA, 0x12, 0x05,         // mov dx, PORT_DONE
        0xEE,                     // out dx, al
        0xFA, 0xF4,               // cli; hlt
    };

    private GuestLoop() {}

    /** The guest code for {@code n >= 1} data writes. */
    static byte[] code(int n) {
        if (n < 1) throw new IllegalArgumentException("the guest needs at least one exit, not " + n);
        byte[] code = new byte[TEMPLATE.length];
        for (int i = 0; i < code.length; i++) code[i] = (byte) TEMPLATE[i];
        for (int i = 0; i < 4; i++) code[2 + i] = (byte) (n >>> (8 * i));
        return code;
    }

    static String hex(byte[] code) {
        return HexFormat.of().formatHex(code);
    }

    /** What the data port's byte sum must be: the low bytes of n, n-1, ..., 1. */
    static long expectedChecksum(int n) {
        long fullCycles = n / 256, rest = n % 256;
        return fullCycles * (255L * 256 / 2) + rest * (rest + 1) / 2;
    }
}
