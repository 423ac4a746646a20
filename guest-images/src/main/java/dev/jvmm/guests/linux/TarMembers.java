package dev.jvmm.guests.linux;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads the regular files a predicate selects from a tar stream (POSIX ustar, with GNU long names): 512-byte
 * headers with the name at 0 (100 bytes), the size in octal at 124, the type at 156 and the ustar name prefix
 * at 345, each member's data padded to 512 bytes, two zero blocks at the end. Used on the data part of a
 * {@code .deb} ({@code dpkg-deb --fsys-tarfile}), so only the few files jvmm needs reach the disk.
 */
final class TarMembers {
    private static final int BLOCK = 512;

    private TarMembers() {}

    /** The selected members' contents by name ("./boot/vmlinuz-..." becomes "boot/vmlinuz-..."). */
    static Map<String, byte[]> read(InputStream in, Predicate<String> wanted) throws IOException {
        Map<String, byte[]> found = new LinkedHashMap<>();
        byte[] header = new byte[BLOCK];
        String longName = null;
        while (in.readNBytes(header, 0, BLOCK) == BLOCK) {
            if (isZero(header)) break;
            long size = octal(header, 124, 12);
            char type = (char) header[156];
            String name = longName != null ? longName : ustarName(header);
            longName = null;
            long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
            if (type == 'L') { // GNU: the next member's name is this member's data
                byte[] data = in.readNBytes((int) padded);
                longName = cString(data, 0, (int) Math.min(size, data.length));
                continue;
            }
            name = name.startsWith("./") ? name.substring(2) : name;
            boolean regular = type == '0' || type == 0;
            if (regular && wanted.test(name)) {
                if (size > Integer.MAX_VALUE - BLOCK) throw new IOException("tar member " + name + " is too large");
                byte[] data = in.readNBytes((int) size);
                if (data.length != size) throw new IOException("tar stream ends inside " + name);
                found.put(name, data);
                in.skipNBytes(padded - size);
            } else {
                in.skipNBytes(padded);
            }
        }
        return found;
    }

    private static String ustarName(byte[] h) {
        String name = cString(h, 0, 100);
        boolean ustar = new String(h, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
        String prefix = ustar ? cString(h, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String cString(byte[] b, int at, int max) {
        int end = at;
        while (end < at + max && b[end] != 0) end++;
        return new String(b, at, end - at, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] b, int at, int length) throws IOException {
        long v = 0;
        for (int i = at; i < at + length; i++) {
            int c = b[i] & 0xFF;
            if (c == 0 || c == ' ') {
                if (v != 0) break;
                continue;
            }
            if (c < '0' || c > '7') throw new IOException("corrupt tar header: size field is not octal");
            v = v * 8 + (c - '0');
        }
        return v;
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) if (x != 0) return false;
        return true;
    }
}
