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

    /**
     * A bzImage as the kernel build lays it out: boot sector and {@code setupSectors} setup sectors holding the
     * setup header (protocol {@code protocol}), then the protected-mode part: {@code kernel}, which may hold a
     * payload at {@code payloadOffset} of {@code payloadLength} bytes. 64-bit entry, relocatable, 2 MiB aligned,
     * preferred address 16 MiB, cmdline_size 255.
     */
    static byte[] bzImage(int protocol, byte[] kernel, long initSize, int payloadOffset, int payloadLength) {
        int setupSectors = 4;
        int kernelOffset = (setupSectors + 1) * 512;
        int length = kernelOffset + ((kernel.length + 15) & ~15);
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0x1F1, (byte) setupSectors);
        b.putInt(0x1F4, (length - kernelOffset) / 16);
        b.putShort(0x1FE, (short) 0xAA55);
        b.put(0x200, (byte) 0xEB).put(0x201, (byte) 0x6A); // jmp to 0x26C: the header ends there
        b.put(0x202, (byte) 'H').put(0x203, (byte) 'd').put(0x204, (byte) 'r').put(0x205, (byte) 'S');
        b.putShort(0x206, (short) protocol);
        b.putShort(0x20E, (short) 0x100); // kernel_version string at 0x300
        b.put(0x300, "6.1.0-test".getBytes());
        b.put(0x211, (byte) 0x01); // LOADED_HIGH
        b.putInt(0x214, 0x100000);
        b.putInt(0x22C, 0x7FFFFFFF);
        b.putInt(0x230, 0x200000);
        b.put(0x234, (byte) 1);
        b.putShort(0x236, (short) 0x3); // XLF_KERNEL_64 | CAN_BE_LOADED_ABOVE_4G
        b.putInt(0x238, 255);
        b.putInt(0x248, payloadOffset);
        b.putInt(0x24C, payloadLength);
        b.putLong(0x258, 0x1000000);
        b.putInt(0x260, (int) initSize);
        b.put(kernelOffset, kernel);
        return b.array();
    }

    /** An ELF with a "Xen" PHYS32_ENTRY note naming {@code pvhEntry}, one PT_LOAD of {@code payload} at {@code paddr}. */
    static byte[] pvhElf(long paddr, byte[] payload, long pvhEntry) {
        ByteBuffer b = ByteBuffer.allocate(0x200 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0});
        b.position(16);
        b.putShort((short) 2).putShort((short) Elf.EM_X86_64).putInt(1);
        b.putLong(0xFFFFFFFF81000000L).putLong(64).putLong(0);
        b.putInt(0).putShort((short) 64).putShort((short) 56).putShort((short) 2);
        b.putShort((short) 0).putShort((short) 0).putShort((short) 0);
        b.position(64);
        b.putInt(1).putInt(5).putLong(0x200).putLong(0xFFFFFFFF81000000L).putLong(paddr)
                .putLong(payload.length).putLong(payload.length + 0x1000).putLong(0x1000);
        b.putInt(4).putInt(4).putLong(0x180).putLong(0).putLong(0).putLong(44).putLong(44).putLong(4);
        b.position(0x180); // an unrelated note first, then the PVH one
        b.putInt(4).putInt(4).putInt(6).put(new byte[] {'X', 'e', 'n', 0}).putInt(0x78756E69);
        b.putInt(4).putInt(8).putInt(18).put(new byte[] {'X', 'e', 'n', 0}).putLong(pvhEntry);
        b.position(0x200);
        b.put(payload);
        return b.array();
    }
}
