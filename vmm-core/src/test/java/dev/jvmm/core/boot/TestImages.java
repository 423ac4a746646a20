package dev.jvmm.core.boot;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds small ELF and multiboot images byte by byte, so loader tests need no toolchain. */
final class TestImages {
    private TestImages() {}

    /** The 12-byte multiboot header (magic, flags, checksum), optionally with a broken checksum. */
    static byte[] multibootHeader(int flags, boolean goodChecksum) {
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MultibootHeader.MAGIC).putInt(flags).putInt(-(MultibootHeader.MAGIC + flags) + (goodChecksum ? 0 : 1));
        return b.array();
    }

    /**
     * An ELF executable with one PT_LOAD segment holding {@code payload} at {@code paddr} (memsz =
     * payload + bss) and the entry at {@code paddr}; the payload starts at file offset 0x100.
     */
    static byte[] elf(boolean is64, int machine, long paddr, byte[] payload, int bss) {
        int headerSize = is64 ? 64 : 52, phSize = is64 ? 56 : 32;
        ByteBuffer b = ByteBuffer.allocate(0x100 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7F, 'E', 'L', 'F', (byte) (is64 ? 2 : 1), 1, 1, 0});
        b.position(16);
        b.putShort((short) 2).putShort((short) machine).putInt(1);
        if (is64) {
            b.putLong(paddr).putLong(headerSize).putLong(0);
        } else {
            b.putInt((int) paddr).putInt(headerSize).putInt(0);
        }
        b.putInt(0).putShort((short) headerSize).putShort((short) phSize).putShort((short) 1);
        b.putShort((short) 0).putShort((short) 0).putShort((short) 0);
        b.position(headerSize);
        if (is64) {
            b.putInt(1).putInt(5).putLong(0x100).putLong(paddr).putLong(paddr)
                    .putLong(payload.length).putLong(payload.length + bss).putLong(0x1000);
        } else {
            b.putInt(1).putInt(0x100).putInt((int) paddr).putInt((int) paddr)
                    .putInt(payload.length).putInt(payload.length + bss).putInt(5).putInt(0x1000);
        }
        b.position(0x100);
        b.put(payload);
        return b.array();
    }

    /** A multiboot ELF32: the header is the first thing in the payload (well inside the first 8 KiB). */
    static byte[] multibootElf(long paddr, boolean goodChecksum, byte[] code) {
        byte[] header = multibootHeader(0, goodChecksum);
        byte[] payload = new byte[header.length + code.length];
        System.arraycopy(header, 0, payload, 0, header.length);
        System.arraycopy(code, 0, payload, header.length, code.length);
        return elf(false, Elf.EM_386, paddr, payload, 0x100);
    }
}
