package dev.jvmm.guests;

/** How a guest image is loaded and entered; the file extension of its resource follows from it. */
public enum BootFormat {
    /**
     * Raw bytes loaded at physical 0x7C00 and entered in real mode with CS=0, IP=0x7C00, like a BIOS boot
     * sector. The images are whole 512-byte sectors, the first ending in 0x55 0xAA, so SeaBIOS (QEMU
     * {@code -drive}) boots them too; an image longer than one sector finds the rest already loaded, or
     * reads it itself through the BIOS (INT 13h) when only the boot sector was.
     */
    REAL_MODE_FLAT("bin"),
    /**
     * Multiboot v1 ELF32: the loader copies the program headers' segments, then enters 32-bit protected mode
     * with flat segments, paging off, EAX=0x2BADB002 and EBX=the physical address of the multiboot info
     * (Multiboot Specification 0.6.96, 3.2). QEMU's {@code -kernel} boots these.
     */
    MULTIBOOT("elf"),
    /**
     * A plain x86-64 ELF whose entry point jvmm enters directly in 64-bit long mode, with paging
     * identity-mapping the first 4 GiB. The guests set their own stack. QEMU's {@code -kernel} refuses these;
     * {@link GuestCatalog#ELF64_BOOT_SHIM_RESOURCE} boots them on QEMU.
     */
    ELF64("elf");

    private final String fileExtension;

    BootFormat(String fileExtension) {
        this.fileExtension = fileExtension;
    }

    /** The extension (without the dot) of image files in this format, e.g. {@code "elf"}. */
    public String fileExtension() {
        return fileExtension;
    }
}
