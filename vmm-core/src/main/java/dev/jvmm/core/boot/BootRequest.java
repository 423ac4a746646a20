package dev.jvmm.core.boot;

import dev.jvmm.core.memory.E820Map;
import java.util.Objects;

/**
 * Everything a loader needs besides guest RAM: the kernel image, its command line, an optional initial
 * RAM disk, the memory map to report and, for Linux, where the ACPI RSDP is and how a compressed kernel
 * is unpacked.
 *
 * @param kernel      the kernel image file's bytes
 * @param commandLine the kernel command line ("" for none)
 * @param initrd      the initial RAM disk's bytes, or null for none (only Linux kernels take one)
 * @param memoryMap   the e820 map handed to the kernel; null means {@link E820Map#forRam} of the RAM size
 * @param acpiRsdp    physical address of the ACPI RSDP, or 0 to let the kernel search the BIOS area
 * @param unpacking   who unpacks a bzImage's compressed kernel
 */
public record BootRequest(byte[] kernel, String commandLine, byte[] initrd, E820Map memoryMap, long acpiRsdp,
                          Unpacking unpacking) {
    /** Who decompresses a bzImage's payload. */
    public enum Unpacking {
        /** The kernel's own decompressor, as with QEMU and every BIOS boot loader: the bzImage's 64-bit entry. */
        GUEST,
        /**
         * jvmm, before the guest starts: the XZ payload is decoded on the host and the ELF inside is entered at
         * its 64-bit entry point with the same zero page, as Firecracker enters a vmlinux.
         */
        HOST
    }

    public BootRequest {
        Objects.requireNonNull(kernel, "kernel");
        commandLine = commandLine == null ? "" : commandLine;
        Objects.requireNonNull(unpacking, "unpacking");
    }

    /** A kernel with a command line, no initrd, the default memory map, and the guest unpacking a bzImage. */
    public static BootRequest of(byte[] kernel, String commandLine) {
        return new BootRequest(kernel, commandLine, null, null, 0, Unpacking.GUEST);
    }

    public BootRequest withInitrd(byte[] ramDisk) {
        return new BootRequest(kernel, commandLine, ramDisk, memoryMap, acpiRsdp, unpacking);
    }

    public BootRequest withMemoryMap(E820Map map) {
        return new BootRequest(kernel, commandLine, initrd, map, acpiRsdp, unpacking);
    }

    public BootRequest withAcpiRsdp(long address) {
        return new BootRequest(kernel, commandLine, initrd, memoryMap, address, unpacking);
    }

    public BootRequest withUnpacking(Unpacking how) {
        return new BootRequest(kernel, commandLine, initrd, memoryMap, acpiRsdp, how);
    }

    /** The memory map to report for {@code ramSize} bytes of RAM. */
    E820Map memoryMapFor(long ramSize) {
        return memoryMap != null ? memoryMap : E820Map.forRam(ramSize);
    }
}
