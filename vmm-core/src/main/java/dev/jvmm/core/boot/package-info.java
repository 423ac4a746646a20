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
 * </ul>
 * {@link dev.jvmm.core.boot.KernelLoader} picks one. Every malformed image is a
 * {@link dev.jvmm.core.boot.BootException} with one line saying what is wrong. Where the loaders put
 * their own structures is drawn in {@code BootLayout}.
 */
package dev.jvmm.core.boot;
