package dev.jvmm.core.boot;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The setup header of a Linux bzImage: the fields at file offset 0x1F1 that tell a boot loader where the
 * protected-mode kernel starts, which protocol version it speaks and what it needs (the kernel's
 * {@code Documentation/arch/x86/boot.rst}, "The real-mode kernel header"). {@link #parse} checks every
 * field jvmm relies on, so a truncated or foreign file is refused with one line.
 */
record SetupHeader(int protocol, int setupSectors, int loadFlags, long code32Start, long initrdAddrMax,
                   long kernelAlignment, boolean relocatable, int xloadFlags, int cmdlineSize, long payloadOffset,
                   long payloadLength, long preferredAddress, long initSize, int headerEnd, String kernelVersion) {
    /** Offsets in the file (and in the zero page, which holds a copy of the header at the same place). */
    static final int SETUP_SECTS = 0x1F1, SYSSIZE = 0x1F4, BOOT_FLAG = 0x1FE, JUMP = 0x200, MAGIC = 0x202,
            VERSION = 0x206, KERNEL_VERSION = 0x20E, TYPE_OF_LOADER = 0x210, LOADFLAGS = 0x211, CODE32_START = 0x214,
            RAMDISK_IMAGE = 0x218, RAMDISK_SIZE = 0x21C, CMD_LINE_PTR = 0x228, INITRD_ADDR_MAX = 0x22C,
            KERNEL_ALIGNMENT = 0x230, RELOCATABLE_KERNEL = 0x234, XLOADFLAGS = 0x236, CMDLINE_SIZE = 0x238,
            PAYLOAD_OFFSET = 0x248, PAYLOAD_LENGTH = 0x24C, PREF_ADDRESS = 0x258, INIT_SIZE = 0x260;

    /** loadflags bit 0: the protected-mode code is loaded at 0x100000 (a bzImage, not a zImage). */
    static final int LOADED_HIGH = 0x01;
    /** xloadflags bit 0: the kernel has the 64-bit entry point at load address + 0x200. */
    static final int XLF_KERNEL_64 = 0x01;
    /** The oldest protocol jvmm boots: 2.06 (Linux 2.6.22) brought cmdline_size, the last field it needs. */
    static final int OLDEST_PROTOCOL = 0x206;
    /** The traditional load address of a bzImage's protected-mode part. */
    static final long HIGH_LOAD_ADDRESS = 0x100000;

    static boolean looksLikeBzImage(byte[] image) {
        return image.length > MAGIC + 4 && new String(image, MAGIC, 4, StandardCharsets.ISO_8859_1).equals("HdrS");
    }

    static SetupHeader parse(byte[] image) throws BootException {
        if (!looksLikeBzImage(image)) throw new BootException("not a Linux kernel image: no \"HdrS\" setup header at 0x202");
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        int protocol = b.getShort(VERSION) & 0xFFFF;
        String version = String.format("%d.%02d", protocol >> 8, protocol & 0xFF);
        if (protocol < OLDEST_PROTOCOL) {
            throw new BootException("Linux boot protocol " + version + " is older than 2.06, the oldest jvmm boots");
        }
        if ((b.getShort(BOOT_FLAG) & 0xFFFF) != 0xAA55) throw new BootException("corrupt Linux kernel: boot_flag at 0x1FE is not 0xAA55");
        int headerEnd = JUMP + 2 + (image[JUMP + 1] & 0xFF);
        if (headerEnd > image.length || headerEnd <= CMDLINE_SIZE + 4) {
            throw new BootException(String.format("truncated or corrupt Linux kernel: setup header ends at 0x%x", headerEnd));
        }
        int setupSectors = image[SETUP_SECTS] & 0xFF;
        if (setupSectors == 0) setupSectors = 4;
        int loadFlags = image[LOADFLAGS] & 0xFF;
        if ((loadFlags & LOADED_HIGH) == 0) throw new BootException("a zImage (loaded below 1 MiB): jvmm boots bzImages only");
        long kernelOffset = (setupSectors + 1) * 512L;
        long protectedModeSize = (b.getInt(SYSSIZE) & 0xFFFF_FFFFL) * 16;
        if (kernelOffset + protectedModeSize > image.length) {
            throw new BootException(String.format("truncated Linux kernel: the header promises %,d bytes, the file has %,d",
                    kernelOffset + protectedModeSize, image.length));
        }
        if (protectedModeSize == 0) throw new BootException("corrupt Linux kernel: syssize is 0");
        long alignment = b.getInt(KERNEL_ALIGNMENT) & 0xFFFF_FFFFL;
        boolean relocatable = image[RELOCATABLE_KERNEL] != 0;
        if (relocatable && (alignment == 0 || Long.bitCount(alignment) != 1)) {
            throw new BootException(String.format("corrupt Linux kernel: kernel_alignment 0x%x is not a power of two", alignment));
        }
        int xloadFlags = protocol >= 0x20C ? b.getShort(XLOADFLAGS) & 0xFFFF : 0;
        long payloadOffset = 0, payloadLength = 0, preferred = HIGH_LOAD_ADDRESS, initSize = protectedModeSize;
        if (protocol >= 0x208) {
            payloadOffset = b.getInt(PAYLOAD_OFFSET) & 0xFFFF_FFFFL;
            payloadLength = b.getInt(PAYLOAD_LENGTH) & 0xFFFF_FFFFL;
            if (payloadOffset + payloadLength > protectedModeSize) {
                throw new BootException(String.format("corrupt Linux kernel: payload 0x%x+0x%x lies past the protected-mode code (0x%x bytes)",
                        payloadOffset, payloadLength, protectedModeSize));
            }
        }
        if (protocol >= 0x20A && headerEnd >= INIT_SIZE + 4) {
            preferred = b.getLong(PREF_ADDRESS);
            initSize = b.getInt(INIT_SIZE) & 0xFFFF_FFFFL;
            if (initSize < protectedModeSize) {
                throw new BootException(String.format("corrupt Linux kernel: init_size 0x%x is smaller than the kernel (0x%x)",
                        initSize, protectedModeSize));
            }
        }
        int cmdlineSize = b.getInt(CMDLINE_SIZE);
        if (cmdlineSize <= 0) throw new BootException("corrupt Linux kernel: cmdline_size is " + cmdlineSize);
        return new SetupHeader(protocol, setupSectors, loadFlags, b.getInt(CODE32_START) & 0xFFFF_FFFFL,
                b.getInt(INITRD_ADDR_MAX) & 0xFFFF_FFFFL, alignment, relocatable, xloadFlags, cmdlineSize,
                payloadOffset, payloadLength, preferred, initSize, headerEnd, kernelVersionString(image, b));
    }

    /** Offset in the file of the protected-mode kernel (after the boot sector and the setup sectors). */
    int kernelOffset() {
        return (setupSectors + 1) * 512;
    }

    boolean has64BitEntry() {
        return (xloadFlags & XLF_KERNEL_64) != 0;
    }

    String protocolVersion() {
        return String.format("%d.%02d", protocol >> 8, protocol & 0xFF);
    }

    /**
     * Where the protected-mode kernel goes: a relocatable kernel at its preferred address when that is
     * aligned (protocol 2.10), else the first aligned address at or above 1 MiB; a fixed one at 1 MiB.
     */
    long loadAddress() {
        if (!relocatable) return HIGH_LOAD_ADDRESS;
        if (preferredAddress >= HIGH_LOAD_ADDRESS && preferredAddress % kernelAlignment == 0) return preferredAddress;
        return (HIGH_LOAD_ADDRESS + kernelAlignment - 1) & -kernelAlignment;
    }

    /** The "6.1.0-57-amd64 (...)" string the header points at, or "" if there is none. */
    private static String kernelVersionString(byte[] image, ByteBuffer b) {
        int at = (b.getShort(KERNEL_VERSION) & 0xFFFF) + 0x200;
        if (at <= 0x200 || at >= image.length) return "";
        int end = at;
        while (end < image.length && end - at < 128 && image[end] != 0) end++;
        return new String(image, at, end - at, StandardCharsets.ISO_8859_1);
    }
}
