package dev.jvmm.guests.linux;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/**
 * The initramfs jvmm boots Linux with: a gzip'd newc cpio archive holding a statically linked busybox,
 * the project's own {@code /init} script, the directories it mounts on and {@code /dev/console} (the kernel
 * opens it for init's standard streams before any devtmpfs exists). Made in Java, so booting Linux needs no
 * cpio or cross toolchain on the host.
 */
public final class Initramfs {
    private Initramfs() {}

    /** The gzip'd archive with {@code busybox} at /bin/busybox and {@code init} at /init. */
    public static byte[] build(byte[] busybox, byte[] init) {
        NewcArchive cpio = new NewcArchive()
                .directory("bin", 0755)
                .directory("dev", 0755)
                .characterDevice("dev/console", 0600, 5, 1)
                .directory("proc", 0755)
                .directory("sys", 0755)
                .directory("tmp", 01777)
                .file("bin/busybox", 0755, busybox)
                .symlink("bin/sh", "busybox")
                .file("init", 0755, init);
        return gzip(cpio.toByteArray());
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(data.length / 2);
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes, 1 << 16)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory streams do not fail
        }
        return bytes.toByteArray();
    }
}
