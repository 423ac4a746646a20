package dev.jvmm.core.boot;

import dev.jvmm.core.memory.GuestMemory;

/**
 * Recognises a kernel image and loads it with the matching loader:
 * an ELF32 or a.out-kludge image with a multiboot header goes to {@link MultibootLoader}, an x86-64
 * ELF to {@link Elf64Loader}, anything else that is not a recognisably foreign file to
 * {@link FlatBinaryLoader} (a real-mode boot sector or flat program).
 */
public final class KernelLoader {
    private KernelLoader() {}

    /** Which loader {@code image} needs; throws for images jvmm cannot boot. */
    public static BootFormat detect(byte[] image) throws BootException {
        if (image.length == 0) throw new BootException("kernel image is empty");
        if (MultibootHeader.parse(image) != null && (!Elf.looksLikeElf(image) || image[4] == 1)) {
            return BootFormat.MULTIBOOT;
        }
        if (Elf.looksLikeElf(image)) {
            Elf elf = Elf.parse(image);
            if (elf.is64 && elf.machine == Elf.EM_X86_64) return BootFormat.ELF64;
            throw new BootException("32-bit ELF without a multiboot header: jvmm boots 32-bit kernels through multiboot v1");
        }
        String foreign = ForeignFormats.identify(image);
        if (foreign != null) throw new BootException("not an x86 boot image: " + foreign);
        return BootFormat.FLAT_REAL_MODE;
    }

    /** Loads {@code image} into {@code memory} and returns the entry state. */
    public static LoadedKernel load(GuestMemory memory, byte[] image, String commandLine) throws BootException {
        return switch (detect(image)) {
            case MULTIBOOT -> MultibootLoader.load(memory, image, commandLine);
            case ELF64 -> Elf64Loader.load(memory, image, commandLine);
            case FLAT_REAL_MODE -> FlatBinaryLoader.load(memory, image, FlatBinaryLoader.BOOT_SECTOR_ADDRESS);
        };
    }
}
