package dev.jvmm.core.boot;

import dev.jvmm.core.memory.E820Map;
import dev.jvmm.core.memory.GuestMemory;

/**
 * The Linux "zero page", {@code struct boot_params}: what a boot loader tells a kernel entered at its
 * 32- or 64-bit entry point (the kernel's {@code Documentation/arch/x86/zero-page.rst} and boot.rst,
 * "64-bit Boot Protocol"). jvmm fills it as a BIOS-less loader must:
 * <ul>
 *   <li>the setup header copied from the image (0x1F1 up to 0x202 + the byte at 0x201), then the fields a
 *       loader writes: type_of_loader 0xFF (no assigned id), cmd_line_ptr, ramdisk_image/ramdisk_size;</li>
 *   <li>the e820 table (at most 128 entries) and its count;</li>
 *   <li>acpi_rsdp_addr when the firmware tables' address is known (protocol 2.14);</li>
 *   <li>screen_info left zero: no video lines or columns, so the kernel keeps off VGA (serial only).</li>
 * </ul>
 */
final class ZeroPage {
    static final int SIZE = 4096;
    static final int ACPI_RSDP_ADDR = 0x070, E820_ENTRIES = 0x1E8, E820_TABLE = 0x2D0, E820_ENTRY_SIZE = 20;
    static final int MAX_E820_ENTRIES = 128;
    /** "Undefined" in boot.rst's table of loader ids: what a loader without an assigned id writes. */
    static final int LOADER_UNDEFINED = 0xFF;

    private ZeroPage() {}

    static void write(GuestMemory memory, long at, byte[] image, SetupHeader header, long commandLine,
                      long ramdiskAddress, long ramdiskSize, E820Map map, long acpiRsdp) throws BootException {
        for (int i = 0; i < SIZE; i += 8) memory.write64(at + i, 0);
        memory.writeBytes(at + SetupHeader.SETUP_SECTS, image, SetupHeader.SETUP_SECTS,
                header.headerEnd() - SetupHeader.SETUP_SECTS);
        memory.write8(at + SetupHeader.TYPE_OF_LOADER, LOADER_UNDEFINED);
        memory.write32(at + SetupHeader.CODE32_START, (int) header.loadAddress());
        memory.write32(at + SetupHeader.CMD_LINE_PTR, (int) commandLine);
        memory.write32(at + SetupHeader.RAMDISK_IMAGE, (int) ramdiskAddress);
        memory.write32(at + SetupHeader.RAMDISK_SIZE, (int) ramdiskSize);
        if (header.protocol() >= 0x20E) memory.write64(at + ACPI_RSDP_ADDR, acpiRsdp);
        var entries = map.entries();
        if (entries.size() > MAX_E820_ENTRIES) {
            throw new BootException("the memory map has " + entries.size() + " entries; the zero page holds " + MAX_E820_ENTRIES);
        }
        long table = at + E820_TABLE;
        for (E820Map.Entry e : entries) {
            memory.write64(table, e.base());
            memory.write64(table + 8, e.length());
            memory.write32(table + 16, e.type());
            table += E820_ENTRY_SIZE;
        }
        memory.write8(at + E820_ENTRIES, entries.size());
    }
}
