package dev.jvmm.core.boot;

import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.cpu.SegmentState;
import dev.jvmm.core.memory.GuestMemory;

/**
 * Loads raw bytes at a real-mode address and starts there, the way a PC BIOS starts a boot sector:
 * CS:IP = 0000:7C00, DL = boot drive 0x80, SS:SP = 0000:7C00 (the stack grows down below the code).
 * The image must fit below the 640 KiB conventional-memory limit.
 */
public final class FlatBinaryLoader {
    public static final long BOOT_SECTOR_ADDRESS = 0x7C00;
    /** Conventional memory ends where the EBDA/VGA area begins on a PC. */
    public static final long CONVENTIONAL_MEMORY_END = 0xA0000;

    private FlatBinaryLoader() {}

    public static LoadedKernel load(GuestMemory memory, byte[] image, long address) throws BootException {
        if (image.length == 0) throw new BootException("kernel image is empty");
        if (address < 0x500 || address + image.length > CONVENTIONAL_MEMORY_END) {
            throw new BootException(String.format(
                    "flat real-mode image of %d bytes at 0x%x does not fit in conventional memory (0x500-0x9FFFF)",
                    image.length, address));
        }
        if (!memory.isRam(address, image.length)) {
            throw new BootException(String.format("flat image at 0x%x-0x%x lies outside guest RAM", address,
                    address + image.length - 1));
        }
        memory.writeBytes(address, image, 0, image.length);
        // Enter through a 64 KiB-aligned code segment so IP never wraps inside the image.
        int segment = (int) (address >>> 4) & 0xF000;
        int ip = (int) (address - ((long) segment << 4));
        CpuState s = CpuState.realMode(segment, ip);
        s.seg[CpuState.SS] = SegmentState.real(segment, false);
        s.gpr[CpuState.RSP] = ip;
        s.gpr[CpuState.RDX] = 0x80;
        memory.setA20Enabled(true);
        return new LoadedKernel(BootFormat.FLAT_REAL_MODE, s,
                String.format("flat real-mode image, %d bytes at 0x%x, entry %04x:%04x", image.length, address, segment, ip));
    }
}
