/**
 * Boot loaders: put a kernel image into guest RAM and return the CPU state to start it from.
 *
 * <ul>
 *   <li>{@link dev.jvmm.core.boot.FlatBinaryLoader}: raw bytes at 0000:7C00 in real mode, as a BIOS
 *       starts a boot sector.</li>
 *   <li>{@link dev.jvmm.core.boot.MultibootLoader}: multiboot v1 (what QEMU's {@code -kernel} does for an
 *       ELF with a multiboot header): segments loaded, information structure written, 32-bit protected
 *       mode with flat segments.</li>
 *   <li>{@link dev.jvmm.core.boot.Elf64Loader}: an x86-64 ELF entered directly in long mode, with
 *       identity-mapped page tables built by the loader.</li>
 *   <li>{@link dev.jvmm.core.boot.LinuxLoader}: a Linux bzImage through the 32/64-bit boot protocol: setup
 *       header checked ({@code SetupHeader}), protected-mode kernel at its preferred address, initrd high in
 *       RAM, the zero page ({@code ZeroPage}: e820, command line, ramdisk) and RSI pointing at it; or, with
 *       {@link dev.jvmm.core.boot.BootRequest.Unpacking#HOST}, the XZ payload decoded on the host
 *       ({@code XzPayload}) and the ELF inside entered at startup_64.</li>
 *   <li>{@link dev.jvmm.core.boot.PvhLoader}: an ELF with Xen's PVH entry note (a Linux vmlinux), entered in
 *       32-bit protected mode with EBX = an hvm_start_info, as QEMU does.</li>
 * </ul>
 * What a loader is asked to load is a {@link dev.jvmm.core.boot.BootRequest}: kernel, command line, initrd,
 * the memory map ({@link dev.jvmm.core.memory.E820Map}, the one map every consumer shares) and the ACPI RSDP.
 * {@link dev.jvmm.core.boot.KernelLoader} picks one. Every malformed image is a
 * {@link dev.jvmm.core.boot.BootException} with one line saying what is wrong. Where the loaders put
 * their own structures is drawn in {@code BootLayout}.
 */
package dev.jvmm.core.boot;
