package dev.jvmm.core.boot;

import dev.jvmm.core.memory.GuestMemory;

/**
 * Recognises a kernel image and loads it with the matching loader: a Linux bzImage (a setup header with
 * "HdrS" at 0x202) goes to {@link LinuxLoader}; an ELF with a PVH entry note (a Linux vmlinux) to
 * {@link PvhLoader}; an ELF32 or a.out-kludge image with a multiboot header to {@link MultibootLoader}; an
 * x86-64 ELF to {@link Elf64Loader}; a boot sector (the 0x55 0xAA signature at offset 510, as a BIOS checks
 * it) to {@link FlatBinaryLoader}. Anything else is refused, as QEMU refuses it ("invalid kernel header"):
 * raw code without a signature is booted only when the caller says it is flat
 * ({@link #load(GuestMemory, BootRequest, BootFormat)}), never by guessing, so that a text file does not
 * run as x86 code.
 */
public final class KernelLoader {
    /** Where a boot sector carries its signature, 0x55 0xAA. */
    public static final int BOOT_SIGNATURE_OFFSET = 510;

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
        if (hasBootSignature(image)) return BootFormat.FLAT_REAL_MODE;
        throw new BootException("not a kernel jvmm recognises: no multiboot header, not an x86-64 ELF, and no boot"
                + " sector signature (0x55 0xAA at offset 510); a flat real-mode binary without one needs --kernel-format flat");
    }

    /** True if {@code image} ends its first 512 bytes with the boot sector signature 0x55 0xAA. */
    public static boolean hasBootSignature(byte[] image) {
        return image.length >= BOOT_SIGNATURE_OFFSET + 2 && (image[BOOT_SIGNATURE_OFFSET] & 0xFF) == 0x55
                && (image[BOOT_SIGNATURE_OFFSET + 1] & 0xFF) == 0xAA;
    }

    /** Loads {@code image} into {@code memory} and returns the entry state. */
    public static LoadedKernel load(GuestMemory memory, byte[] image, String commandLine) throws BootException {
        return load(memory, BootRequest.of(image, commandLine));
    }

    /** Loads the request's kernel (and initrd: Linux's RAM disk, a multiboot kernel's one module) into {@code memory} and returns the entry state. */
    public static LoadedKernel load(GuestMemory memory, BootRequest request) throws BootException {
        return load(memory, request, detect(request.kernel()));
    }

    /** Loads the request's kernel as {@code format}, whatever it looks like (a flat binary without a signature, say). */
    public static LoadedKernel load(GuestMemory memory, BootRequest request, BootFormat format) throws BootException {
        boolean linux = format == BootFormat.LINUX || format == BootFormat.PVH;
        if (request.initrd() != null && !linux && format != BootFormat.MULTIBOOT) {
            throw new BootException("an initrd is for Linux and multiboot kernels; this image is " + describe(format));
        }
        return switch (format) {
            case LINUX, LINUX_UNPACKED -> LinuxLoader.load(memory, request);
            case PVH -> PvhLoader.load(memory, request);
            case MULTIBOOT -> MultibootLoader.load(memory, request.kernel(), request.commandLine(), request.initrd());
            case ELF64 -> Elf64Loader.load(memory, request.kernel(), request.commandLine());
            case FLAT_REAL_MODE -> FlatBinaryLoader.load(memory, request.kernel(), FlatBinaryLoader.BOOT_SECTOR_ADDRESS);
        };
    }

    private static String describe(BootFormat format) {
        return switch (format) {
            case MULTIBOOT -> "a multiboot kernel";
            case ELF64 -> "an x86-64 ELF without a PVH note";
            default -> "a flat real-mode binary";
        };
    }
}
