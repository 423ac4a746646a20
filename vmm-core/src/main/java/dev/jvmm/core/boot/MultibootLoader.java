package dev.jvmm.core.boot;

import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.memory.E820Map;
import dev.jvmm.core.memory.GuestMemory;

/**
 * Boots a multiboot v1 kernel as QEMU's {@code -kernel} does (Multiboot Specification 0.6.96):
 * loads the ELF32 PT_LOAD segments at their physical addresses (or, with the a.out kludge, the file
 * range the header names), zeroes the BSS, writes the multiboot information structure (memory sizes,
 * command line, a memory map, the boot loader name) and enters the kernel in 32-bit protected mode:
 * EAX = 0x2BADB002, EBX = information address, flat 4 GiB CS/DS/ES/FS/GS/SS, paging off, interrupts
 * off, A20 on (spec section 3.2, "Machine state").
 */
public final class MultibootLoader {
    /** What the kernel finds in EAX. */
    public static final int BOOTLOADER_MAGIC = 0x2BADB002;
    private static final int INFO_MEMORY = 1, INFO_CMDLINE = 1 << 2, INFO_MODULES = 1 << 3, INFO_MMAP = 1 << 6,
            INFO_LOADER_NAME = 1 << 9;
    /** The one module's descriptor {mod_start, mod_end, string, reserved}, between the memory map and the loader name. */
    private static final long MODULE_DESCRIPTOR = BootLayout.MULTIBOOT_MMAP + 0xC0;
    private static final byte[] LOADER_NAME = "jvmm\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final long LOADER_NAME_ADDRESS = BootLayout.MULTIBOOT_MMAP + 0xE0;

    private MultibootLoader() {}

    public static LoadedKernel load(GuestMemory memory, byte[] image, String commandLine) throws BootException {
        return load(memory, image, commandLine, null);
    }

    /**
     * As {@link #load(GuestMemory, byte[], String)}, passing {@code module} (if not null) as the one
     * multiboot module, page-aligned right above the kernel's highest loaded byte, as QEMU's {@code -initrd}
     * does for a multiboot kernel (kvm-unit-tests read their environment that way).
     */
    public static LoadedKernel load(GuestMemory memory, byte[] image, String commandLine, byte[] module) throws BootException {
        MultibootHeader header = MultibootHeader.parse(image);
        if (header == null) throw new BootException("no multiboot header in the first 8 KiB of the image");
        // A video mode request (flag bit 2) is optional for a loader to honour; jvmm has no display.
        long entry;
        long imageEnd;
        String placement;
        if (header.aoutKludge()) {
            entry = loadAoutKludge(memory, image, header);
            imageEnd = Math.max(header.bssEndAddr(), header.loadEndAddr() == 0
                    ? header.loadAddr() + image.length : header.loadEndAddr());
            placement = String.format("a.out kludge, load 0x%x-0x%x", header.loadAddr(), header.loadEndAddr());
        } else {
            if (!Elf.looksLikeElf(image)) {
                throw new BootException("multiboot image is neither ELF nor uses the a.out kludge (flag bit 16)");
            }
            Elf elf = Elf.parse(image);
            if (elf.is64) throw new BootException("multiboot v1 kernels must be ELF32; this one is ELF64");
            if (elf.machine != Elf.EM_386) throw new BootException("multiboot ELF is not for i386");
            String segments = BootLayout.loadElfSegments(memory, image, elf);
            imageEnd = 0;
            for (Elf.Segment seg : elf.loadSegments) imageEnd = Math.max(imageEnd, seg.physicalAddress() + seg.memorySize());
            entry = elf.entry;
            placement = "ELF32, " + segments;
        }
        if (!memory.isRam(entry, 1)) {
            throw new BootException(String.format("multiboot entry point 0x%x lies outside guest RAM", entry));
        }
        writeInformation(memory, commandLine);
        if (module != null) {
            long start = (imageEnd + GuestMemory.PAGE_SIZE - 1) & -GuestMemory.PAGE_SIZE;
            BootLayout.checkPlacement(memory, "multiboot module (-initrd)", start, Math.max(module.length, 1));
            memory.writeBytes(start, module, 0, module.length);
            memory.write32(MODULE_DESCRIPTOR, (int) start);
            memory.write32(MODULE_DESCRIPTOR + 4, (int) (start + module.length));
            memory.write32(MODULE_DESCRIPTOR + 8, (int) LOADER_NAME_ADDRESS + LOADER_NAME.length - 1); // "": no string
            memory.write32(MODULE_DESCRIPTOR + 12, 0);
            long info = BootLayout.MULTIBOOT_INFO;
            memory.write32(info + 20, 1);                                   // mods_count
            memory.write32(info + 24, (int) MODULE_DESCRIPTOR);             // mods_addr
            memory.write32(info, memory.read32(info) | INFO_MODULES);
            placement += String.format(", module 0x%x-0x%x", start, start + module.length);
        }

        CpuState s = BootLayout.protectedModeState(memory, entry);
        s.gpr[CpuState.RAX] = BOOTLOADER_MAGIC & 0xFFFF_FFFFL;
        s.gpr[CpuState.RBX] = BootLayout.MULTIBOOT_INFO;
        return new LoadedKernel(BootFormat.MULTIBOOT, s,
                String.format("multiboot kernel (%s), entry 0x%x, info at 0x%x", placement, entry, BootLayout.MULTIBOOT_INFO));
    }

    /** Spec 3.1.3: file offset of header_addr's bytes is the header's offset; load_addr maps back from it. */
    private static long loadAoutKludge(GuestMemory memory, byte[] image, MultibootHeader h) throws BootException {
        if (h.loadAddr() > h.headerAddr()) throw new BootException("multiboot load_addr is above header_addr");
        if (h.loadEndAddr() != 0 && h.loadEndAddr() < h.loadAddr()) {
            throw new BootException(String.format("multiboot load_end_addr 0x%x is below load_addr 0x%x", h.loadEndAddr(), h.loadAddr()));
        }
        long fileStart = h.offset() - (h.headerAddr() - h.loadAddr());
        if (fileStart < 0) throw new BootException("multiboot header_addr/load_addr point before the start of the file");
        long length = h.loadEndAddr() == 0 ? image.length - fileStart : h.loadEndAddr() - h.loadAddr();
        if (length < 0 || fileStart + length > image.length) {
            throw new BootException(String.format("truncated multiboot image: load range needs %d bytes from offset %d, file has %d",
                    length, fileStart, image.length));
        }
        long bssEnd = Math.max(h.bssEndAddr(), h.loadAddr() + length);
        BootLayout.checkPlacement(memory, "multiboot image", h.loadAddr(), bssEnd - h.loadAddr());
        memory.writeBytes(h.loadAddr(), image, (int) fileStart, (int) length);
        BootLayout.zero(memory, h.loadAddr() + length, bssEnd - h.loadAddr() - length);
        return h.entryAddr();
    }

    /** Spec 3.3, "Boot information format". */
    private static void writeInformation(GuestMemory memory, String commandLine) throws BootException {
        long info = BootLayout.MULTIBOOT_INFO;
        for (int i = 0; i < 0x60; i += 4) memory.write32(info + i, 0);
        long ram = memory.ramSize();
        memory.write32(info + 4, 640);                                    // mem_lower, KiB below 1 MiB
        memory.write32(info + 8, (int) ((ram - (1L << 20)) / 1024));      // mem_upper, KiB above 1 MiB
        memory.write32(info + 16, (int) BootLayout.writeCommandLine(memory, commandLine));
        // Memory map: entries of {size=20, base, length, type} with the e820 types (1 = available RAM).
        long at = BootLayout.MULTIBOOT_MMAP;
        for (E820Map.Entry e : E820Map.forRam(ram).entries()) {
            memory.write32(at, 20);
            memory.write64(at + 4, e.base());
            memory.write64(at + 12, e.length());
            memory.write32(at + 20, e.type());
            at += 24;
        }
        memory.write32(info + 44, (int) (at - BootLayout.MULTIBOOT_MMAP));      // mmap_length
        memory.write32(info + 48, (int) BootLayout.MULTIBOOT_MMAP);             // mmap_addr
        memory.writeBytes(LOADER_NAME_ADDRESS, LOADER_NAME, 0, LOADER_NAME.length);
        memory.write32(info + 64, (int) LOADER_NAME_ADDRESS);                   // boot_loader_name
        memory.write32(info, INFO_MEMORY | INFO_CMDLINE | INFO_MMAP | INFO_LOADER_NAME);
    }
}
