/**
 * {@code jvmm bench linux}: booting Debian's stock kernel to userspace and powering it off, jvmm's jit
 * (self-decompressing and host-unpacked bzImage) against QEMU TCG on the same files and command line.
 * {@link dev.jvmm.bench.linux.ConsoleRun} times one boot and the moment its first userspace line appears;
 * {@link dev.jvmm.bench.linux.LinuxReport} writes the table.
 */
package dev.jvmm.bench.linux;
