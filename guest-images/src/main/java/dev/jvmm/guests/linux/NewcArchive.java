package dev.jvmm.guests.linux;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A cpio archive in the "newc" format, the one the Linux kernel unpacks as an initramfs
 * ({@code Documentation/driver-api/early-userspace/buffer-format.rst}): each member is a 110-byte ASCII
 * header ("070701" and thirteen 8-digit hexadecimal fields), the NUL-terminated name padded to a multiple
 * of four bytes, then the data padded likewise; the member named "TRAILER!!!" ends the archive.
 */
final class NewcArchive {
    static final int DIRECTORY = 0040000, REGULAR = 0100000, CHARACTER_DEVICE = 0020000, SYMLINK = 0120000;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int nextInode = 1;
    private boolean finished;

    /** A directory (mode e.g. 0755). */
    NewcArchive directory(String name, int permissions) {
        return member(name, DIRECTORY | permissions, 2, 0, 0, new byte[0]);
    }

    /** A regular file. */
    NewcArchive file(String name, int permissions, byte[] data) {
        return member(name, REGULAR | permissions, 1, 0, 0, data);
    }

    /** A character device node with the given major and minor numbers. */
    NewcArchive characterDevice(String name, int permissions, int major, int minor) {
        return member(name, CHARACTER_DEVICE | permissions, 1, major, minor, new byte[0]);
    }

    /** A symbolic link to {@code target}. */
    NewcArchive symlink(String name, String target) {
        return member(name, SYMLINK | 0777, 1, 0, 0, target.getBytes(StandardCharsets.UTF_8));
    }

    /** The archive's bytes, trailer included. */
    byte[] toByteArray() {
        if (!finished) {
            member("TRAILER!!!", 0, 1, 0, 0, new byte[0]);
            finished = true;
        }
        return out.toByteArray();
    }

    private NewcArchive member(String name, int mode, int links, int rdevMajor, int rdevMinor, byte[] data) {
        if (finished) throw new IllegalStateException("archive already finished");
        byte[] nameBytes = (name + "\0").getBytes(StandardCharsets.UTF_8);
        StringBuilder h = new StringBuilder("070701");
        int inode = name.equals("TRAILER!!!") ? 0 : nextInode++;
        // ino mode uid gid nlink mtime filesize devmajor devminor rdevmajor rdevminor namesize check
        for (long field : new long[] {inode, mode, 0, 0, links, 0, data.length, 0, 0, rdevMajor, rdevMinor, nameBytes.length, 0}) {
            h.append(String.format("%08x", field));
        }
        out.writeBytes(h.toString().getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(nameBytes);
        pad();
        out.writeBytes(data);
        pad();
        return this;
    }

    private void pad() {
        while (out.size() % 4 != 0) out.write(0);
    }
}
