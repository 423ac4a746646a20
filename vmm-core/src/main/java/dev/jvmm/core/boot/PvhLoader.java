package dev.jvmm.core.boot;

import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.memory.E820Map;
import dev.jvmm.core.memory.GuestMemory;

/**
 * Boots an ELF kernel through the PVH boot ABI, as QEMU's {@code -kernel} does for an uncompressed Linux
 * {@code vmlinux}: the ELF's "Xen" note of type PHYS32_ENTRY (18) names a 32-bit entry point, entered in flat
 * protected mode with paging off and EBX = the physical address of an {@code hvm_start_info} (Xen's
 * {@code xen/include/public/arch-x86/hvm/start_info.h}, version 1):
 * <pre>
 *   0x00 magic 0x336ec578   0x04 version 1    0x08 flags 0        0x0C nr_modules
 *   0x10 modlist_paddr       0x18 cmdline_paddr                    0x20 rsdp_paddr
 *   0x28 memmap_paddr        0x30 memmap_entries                   0x34 reserved
 * </pre>
 * The initrd is module 0 ({@code {paddr, size, cmdline_paddr, reserved}}); the memory map entries are
 * {@code {addr, size, type, reserved}} with e820 types.
 */
public final class PvhLoader {
    static final int START_INFO_MAGIC = 0x336EC578;
    static final long START_INFO = BootLayout.ZERO_PAGE, MODLIST = START_INFO + 0x40, MEMMAP = START_INFO + 0x80;
    static final int MAX_MEMMAP_ENTRIES = (int) ((BootLayout.ZERO_PAGE + ZeroPage.SIZE - MEMMAP) / 24);

    private PvhLoader() {}

    /** Whether {@code image} is an ELF with a PVH entry note. */
    static boolean hasPvhEntry(byte[] image) throws BootException {
        return Elf.looksLikeElf(image) && Elf.parse(image).pvhEntry >= 0;
    }

    public static LoadedKernel load(GuestMemory memory, BootRequest request) throws BootException {
        byte[] image = request.kernel();
        Elf elf = Elf.parse(image);
        if (elf.pvhEntry < 0) throw new BootException("ELF kernel has no PVH entry note (Xen PHYS32_ENTRY)");
        E820Map map = request.memoryMapFor(memory.ramSize());
        long kernelEnd = 0;
        for (Elf.Segment s : elf.loadSegments) {
            LinuxLoader.requireRam(map, memory, s.physicalAddress(), s.physicalAddress() + s.memorySize(), "the kernel");
            kernelEnd = Math.max(kernelEnd, s.physicalAddress() + s.memorySize());
        }
        String segments = BootLayout.loadElfSegments(memory, image, elf);
        long commandLine = BootLayout.writeLinuxCommandLine(memory, request.commandLine(), Long.MAX_VALUE);

        for (long a = START_INFO; a < START_INFO + ZeroPage.SIZE; a += 8) memory.write64(a, 0);
        memory.write32(START_INFO, START_INFO_MAGIC);
        memory.write32(START_INFO + 0x04, 1);
        memory.write64(START_INFO + 0x18, commandLine);
        memory.write64(START_INFO + 0x20, request.acpiRsdp());
        String initrd = "no initrd";
        if (request.initrd() != null && request.initrd().length > 0) {
            long size = request.initrd().length;
            long at = LinuxLoader.placeInitrd(map, size, kernelEnd, 1L << 32);
            memory.writeBytes(at, request.initrd(), 0, request.initrd().length);
            memory.write64(MODLIST, at);
            memory.write64(MODLIST + 8, size);
            memory.write32(START_INFO + 0x0C, 1);
            memory.write64(START_INFO + 0x10, MODLIST);
            initrd = String.format("initrd %,d bytes at 0x%x", size, at);
        }
        var entries = map.entries();
        if (entries.size() > MAX_MEMMAP_ENTRIES) {
            throw new BootException("the memory map has " + entries.size() + " entries; jvmm's PVH start info holds " + MAX_MEMMAP_ENTRIES);
        }
        long at = MEMMAP;
        for (E820Map.Entry e : entries) {
            memory.write64(at, e.base());
            memory.write64(at + 8, e.length());
            memory.write32(at + 16, e.type());
            at += 24;
        }
        memory.write64(START_INFO + 0x28, MEMMAP);
        memory.write32(START_INFO + 0x30, entries.size());

        CpuState s = BootLayout.protectedModeState(memory, elf.pvhEntry);
        s.gpr[CpuState.RBX] = START_INFO;
        return new LoadedKernel(BootFormat.PVH, s, String.format("PVH kernel, %s, %s, entry 0x%x, start info 0x%x; e820 %s",
                segments, initrd, elf.pvhEntry, START_INFO, map));
    }
}
