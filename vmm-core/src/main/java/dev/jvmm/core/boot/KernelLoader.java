package dev.jvmm.core.boot;

import dev.jvmm.core.memory.GuestMemory;

/**
 * Recognises a kernel image and loads it with the matching loader: a Linux bzImage (a setup header with
 * "HdrS" at 0x202) goes to {@link LinuxLoader}; an ELF with a PVH entry note (a Linux vmlinux) to
 * {@link PvhLoader}; an ELF32 or a.out-kludge image with a multiboot header to {@link MultibootLoader}; an
 * x86-64 ELF to {@link Elf64Loader}; anything else that is not a recognisably foreign file to
 * {@link FlatBinaryLoader} (a real-mode boot sector or flat program).
 */
public final class KernelLoader {
    private KernelLoader() {}

    /** Which loader {@code image} needs; throws for images jvmm cannot boot. */
    public static BootFormat detect(byte[] image) throws BootException {
        if (image.length == 0) throw new BootException("kernel image is empty");
        if (SetupHeader.looksLikeBzImage(image)) return BootFormat.LINUX;
        if (MultibootHeader.parse(image) != null && (!Elf.looksLikeElf(image) || image[4] == 1)) {
            return BootFormat.MULTIBOOT;
        }
        if (Elf.looksLikeElf(image)) {
            Elf elf = Elf.parse(image);
            if (elf.pvhEntry >= 0) return BootFormat.PVH;
            if (elf.is64 && elf.machine == Elf.EM_X86_64) return BootFormat.ELF64;
            throw new BootException("32-bit ELF without a multiboot header: jvmm boots 32-bit kernels through multiboot v1");
        }
        String foreign = ForeignFormats.identify(image);
        if (foreign != null) throw new BootException("not an x86 boot image: " + foreign);
        return BootFormat.FLAT_REAL_MODE;
    }

    /** Loads {@code image} into {@code memory} and returns the entry state. */
    public static LoadedKernel load(GuestMemory memory, byte[] image, String commandLine) throws BootException {
        return load(memory, BootRequest.of(image, commandLine));
    }

    /** Loads the request's kernel (and initrd, for Linux) into {@code memory} and returns the entry state. */
    public static LoadedKernel load(GuestMemory memory, BootRequest request) throws BootException {
        BootFormat format = detect(request.kernel());
        boolean linux = format == BootFormat.LINUX || format == BootFormat.PVH;
        if (request.initrd() != null && !linux) {
            throw new BootException("an initrd is for Linux kernels; this image is " + describe(format));
        }
        return switch (format) {
            case LINUX, LINUX_UNPACKED -> LinuxLoader.load(memory, request);
            case PVH -> PvhLoader.load(memory, request);
            case MULTIBOOT -> MultibootLoader.load(memory, request.kernel(), request.commandLine());
            case ELF64 -> Elf64Loader.load(memory, request.kernel(), request.commandLine());
            case FLAT_REAL_MODE -> FlatBinaryLoader.load(memory, request.kernel(), FlatBinaryLoader.BOOT_SECTOR_ADDRESS);
        };
    }

    private static String describe(BootFormat format) {
        return switch (format) {
            case MULTIBOOT -> "a multiboot kernel (jvmm passes no multiboot modules)";
            case ELF64 -> "an x86-64 ELF without a PVH note";
            default -> "a flat real-mode binary";
        };
    }
}
