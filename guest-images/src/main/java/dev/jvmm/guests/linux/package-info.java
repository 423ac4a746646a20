/**
 * The {@code linux} guest: Debian's stock kernel and busybox, fetched rather than bundled, booted with an
 * initramfs jvmm builds itself.
 *
 * <ul>
 *   <li>{@link dev.jvmm.guests.linux.DebianPackage}: {@code apt-get download} into a cache outside the
 *       repository ({@link dev.jvmm.guests.linux.LinuxGuest#defaultCache()}), the {@code .deb} checked against
 *       the SHA-256 in apt's index, the needed files read out of its data archive
 *       ({@link dev.jvmm.guests.linux.TarMembers} over {@code dpkg-deb --fsys-tarfile}) and kept with a manifest
 *       of their digests;</li>
 *   <li>{@link dev.jvmm.guests.linux.NewcArchive} and {@link dev.jvmm.guests.linux.Initramfs}: the cpio "newc"
 *       archive the kernel unpacks as its first root file system, gzip'd: busybox, {@code /dev/console} and
 *       the {@code init} script (resource {@code /dev/jvmm/initramfs/init});</li>
 *   <li>{@link dev.jvmm.guests.linux.LinuxGuest}: the whole entry, what {@code jvmm run linux} asks for.</li>
 * </ul>
 *
 * <pre>{@code
 * LinuxGuest.Prepared linux = LinuxGuest.prepare(LinuxGuest.defaultCache(), System.err::println);
 * byte[] kernel = Files.readAllBytes(linux.kernel());          // a bzImage
 * BootRequest boot = BootRequest.of(kernel, LinuxGuest.COMMAND_LINE).withInitrd(linux.initramfs());
 * }</pre>
 * The init script prints {@code jvmm-init: userspace is up} and gives a shell on the console, or, with
 * {@value dev.jvmm.guests.linux.LinuxGuest#CHECK_WORD} on the command line, prints {@code jvmm-check:} lines
 * (uname, CPU flags, a few computed results, problems in the kernel log) and powers off.
 */
package dev.jvmm.guests.linux;
