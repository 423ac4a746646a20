package dev.jvmm.core.boot;

/** The kernel image formats jvmm boots, and how each is entered. */
public enum BootFormat {
    /** Raw bytes loaded at 0000:7C00 and entered in real mode, like a BIOS boot sector. */
    FLAT_REAL_MODE,
    /** Multiboot v1 (ELF32 or a.out kludge): 32-bit protected mode, flat segments, EAX=0x2BADB002, EBX=info. */
    MULTIBOOT,
    /** An x86-64 ELF entered directly in 64-bit long mode with the first 4 GiB identity-mapped. */
    ELF64,
    /** A Linux bzImage entered at its 64-bit (or 32-bit) entry point with RSI = the zero page; it decompresses itself. */
    LINUX,
    /** A Linux bzImage whose payload jvmm decoded: the ELF inside entered at startup_64 with RSI = the zero page. */
    LINUX_UNPACKED,
    /** An ELF kernel with a PVH entry note (a Linux vmlinux): 32-bit protected mode, EBX = hvm_start_info. */
    PVH
}
