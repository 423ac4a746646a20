package dev.jvmm.core.boot;

import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.memory.E820Map;
import dev.jvmm.core.memory.GuestMemory;

/**
 * Boots a Linux bzImage through the 32/64-bit boot protocol (the kernel's
 * {@code Documentation/arch/x86/boot.rst}), without running its real-mode setup code, the way kvmtool and
 * Firecracker do and the way QEMU's option ROM ends up:
 * <ol>
 *   <li>the setup header is checked ({@link SetupHeader}): protocol 2.06 or newer, a bzImage, lengths that fit
 *       the file; the command line must fit in its cmdline_size;</li>
 *   <li>the protected-mode kernel is copied to its load address (a relocatable kernel's pref_address,
 *       16 MiB for Debian's) and must find init_size bytes of RAM there for its decompressor;
 *       or, with {@link BootRequest.Unpacking#HOST}, its XZ payload is decoded here and the ELF inside is
 *       loaded at its physical addresses;</li>
 *   <li>the initrd goes as high as RAM and initrd_addr_max allow, page aligned, above the kernel;</li>
 *   <li>the zero page ({@link ZeroPage}) is filled and the kernel entered with RSI pointing at it: in 64-bit
 *       mode at load address + 0x200 (or at the unpacked ELF's entry, startup_64) with the first 4 GiB
 *       identity-mapped; a kernel without the 64-bit entry (xloadflags bit 0) at its 32-bit entry,
 *       code32_start, in flat protected mode with paging off (selectors __BOOT_CS 0x10, __BOOT_DS 0x18).</li>
 * </ol>
 */
public final class LinuxLoader {
    private static final long PAGE = 4096;

    private LinuxLoader() {}

    public static LoadedKernel load(GuestMemory memory, BootRequest request) throws BootException {
        byte[] image = request.kernel();
        SetupHeader header = SetupHeader.parse(image);
        E820Map map = request.memoryMapFor(memory.ramSize());
        long commandLine = BootLayout.writeLinuxCommandLine(memory, request.commandLine(), header.cmdlineSize());
        boolean hostUnpacks = request.unpacking() == BootRequest.Unpacking.HOST;
        if (hostUnpacks && !header.has64BitEntry()) {
            throw new BootException("this Linux kernel has no 64-bit entry point; jvmm unpacks 64-bit kernels only");
        }

        long kernelStart, kernelEnd, entry;
        String placement;
        if (hostUnpacks) {
            byte[] elfImage = XzPayload.unpack(image, header);
            Elf elf = Elf.parse(elfImage);
            if (!elf.is64 || elf.machine != Elf.EM_X86_64) throw new BootException("the kernel's payload is not an x86-64 ELF");
            kernelStart = Long.MAX_VALUE;
            kernelEnd = 0;
            for (Elf.Segment s : elf.loadSegments) {
                kernelStart = Math.min(kernelStart, s.physicalAddress());
                kernelEnd = Math.max(kernelEnd, s.physicalAddress() + s.memorySize());
            }
            requireRam(map, memory, kernelStart, kernelEnd, "the unpacked kernel");
            placement = "unpacked on the host: " + BootLayout.loadElfSegments(memory, elfImage, elf);
            entry = elf.entry;
        } else {
            kernelStart = header.loadAddress();
            int length = image.length - header.kernelOffset();
            kernelEnd = kernelStart + Math.max(header.initSize(), length);
            requireRam(map, memory, kernelStart, kernelEnd, "the kernel and its decompressor (init_size)");
            memory.writeBytes(kernelStart, image, header.kernelOffset(), length);
            placement = String.format("%,d bytes at 0x%x, init_size 0x%x", length, kernelStart, header.initSize());
            entry = header.has64BitEntry() ? kernelStart + 0x200 : kernelStart;
        }

        long ramdisk = 0, ramdiskSize = 0;
        if (request.initrd() != null && request.initrd().length > 0) {
            ramdiskSize = request.initrd().length;
            ramdisk = placeInitrd(map, ramdiskSize, kernelEnd, Math.min(header.initrdAddrMax(), 0xFFFF_FFFFL) + 1);
            memory.writeBytes(ramdisk, request.initrd(), 0, request.initrd().length);
        }

        ZeroPage.write(memory, BootLayout.ZERO_PAGE, image, header, commandLine, ramdisk, ramdiskSize,
                map, request.acpiRsdp());

        CpuState s;
        String mode;
        if (hostUnpacks || header.has64BitEntry()) {
            s = BootLayout.longModeState(memory, entry);
            mode = "64-bit";
        } else {
            s = BootLayout.protectedModeState(memory, entry);
            mode = "32-bit";
        }
        s.gpr[CpuState.RSI] = BootLayout.ZERO_PAGE;
        s.gpr[CpuState.RSP] = BootLayout.ELF64_STACK_TOP;
        String initrd = ramdiskSize == 0 ? "no initrd" : String.format("initrd %,d bytes at 0x%x", ramdiskSize, ramdisk);
        return new LoadedKernel(hostUnpacks ? BootFormat.LINUX_UNPACKED : BootFormat.LINUX, s, String.format(
                "Linux %s, boot protocol %s, %s; %s; %s entry 0x%x, zero page 0x%x; e820 %s", header.kernelVersion(),
                header.protocolVersion(), placement, initrd, mode, entry, BootLayout.ZERO_PAGE, map));
    }

    /** The kernel needs {@code [start, end)} as RAM; say how much to ask for if it is not. */
    static void requireRam(E820Map map, GuestMemory memory, long start, long end, String what) throws BootException {
        if (!map.isRam(start, end - start) || !memory.isRam(start, end - start)) {
            long mib = (end + (1 << 20) - 1) >> 20;
            throw new BootException(String.format("%s needs RAM at 0x%x-0x%x; guest RAM is %d MiB: try -m %dM or more",
                    what, start, end - 1, memory.ramSize() >> 20, mib + 16));
        }
    }

    /**
     * The initrd's address: the highest page-aligned place below {@code limit} inside RAM and above
     * {@code floor} (where the kernel ends), as QEMU chooses it.
     */
    static long placeInitrd(E820Map map, long size, long floor, long limit) throws BootException {
        long alignedFloor = (floor + PAGE - 1) & -PAGE;
        long top = map.highestRamEnd(size, alignedFloor, limit);
        long at = top < 0 ? -1 : (top - size) & -PAGE;
        if (at < alignedFloor) {
            throw new BootException(String.format("initrd of %,d bytes does not fit in guest RAM above the kernel (which ends at 0x%x)"
                    + " and below 0x%x: give the guest more RAM with -m", size, floor, limit));
        }
        return at;
    }
}
