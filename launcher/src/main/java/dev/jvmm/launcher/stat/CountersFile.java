package dev.jvmm.launcher.stat;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

/**
 * The counters file: a small header, then Agrona's counter metadata and values buffers (Aeron's CnC
 * file has the same shape). Header: magic "JVMMSTAT" (8 bytes), version (int), counters (int),
 * pid (long), start time in epoch milliseconds (long), then the guest's name (up to 64 bytes, UTF-8,
 * length-prefixed by an int).
 */
final class CountersFile {
    static final long MAGIC = 0x5441_5453_4D4D_564AL; // "JVMMSTAT" little-endian
    static final int VERSION = 1;
    static final int COUNTERS = 128;
    static final int HEADER = 128;
    private static final int MAGIC_AT = 0, VERSION_AT = 8, COUNTERS_AT = 12, PID_AT = 16, START_AT = 24, NAME_AT = 32, NAME_MAX = 64;
    static final int METADATA = COUNTERS * CountersReader.METADATA_LENGTH;
    static final int VALUES = COUNTERS * CountersReader.COUNTER_LENGTH;
    static final int LENGTH = HEADER + METADATA + VALUES;

    final UnsafeBuffer header, metadata, values;
    /** Held so the mapping lives as long as its buffers are used. */
    private final MappedByteBuffer mapping;

    private CountersFile(MappedByteBuffer mapping) {
        this.mapping = mapping;
        mapping.order(ByteOrder.LITTLE_ENDIAN);
        this.header = new UnsafeBuffer(mapping, 0, HEADER);
        this.metadata = new UnsafeBuffer(mapping, HEADER, METADATA);
        this.values = new UnsafeBuffer(mapping, HEADER + METADATA, VALUES);
    }

    /** Where the counters of jvmm process {@code pid} live. */
    static Path pathFor(long pid) {
        return directory().resolve(fileName(pid));
    }

    static String fileName(long pid) {
        return pid + ".counters";
    }

    /** {@code $JVMM_STAT_DIR}, else {@code java.io.tmpdir}/jvmm-stat. */
    static Path directory() {
        String dir = System.getenv("JVMM_STAT_DIR");
        return dir != null && !dir.isEmpty() ? Path.of(dir) : Path.of(System.getProperty("java.io.tmpdir"), "jvmm-stat");
    }

    /**
     * Creates (or replaces) the file for this process with its header written: under a temporary
     * name first, then renamed, so a reader never finds it half made.
     */
    static CountersFile create(Path file, long pid, String guest) throws IOException {
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".new");
        CountersFile made = createAt(partial, pid, guest);
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return made;
    }

    private static CountersFile createAt(Path file, long pid, String guest) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            CountersFile f = new CountersFile(ch.map(FileChannel.MapMode.READ_WRITE, 0, LENGTH));
            f.header.putInt(VERSION_AT, VERSION);
            f.header.putInt(COUNTERS_AT, COUNTERS);
            f.header.putLong(PID_AT, pid);
            f.header.putLong(START_AT, System.currentTimeMillis());
            byte[] name = guest.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            int n = Math.min(name.length, NAME_MAX - 4);
            f.header.putInt(NAME_AT, n);
            f.header.putBytes(NAME_AT + 4, name, 0, n);
            f.header.putLongRelease(MAGIC_AT, MAGIC); // last: a reader that sees the magic sees the rest
            return f;
        }
    }

    /** Maps an existing file read-only; throws with a one-line reason if it is not a jvmm counters file. */
    static CountersFile open(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() < LENGTH) throw new IOException(file + " is not a jvmm counters file (too short)");
            CountersFile f = new CountersFile(ch.map(FileChannel.MapMode.READ_ONLY, 0, LENGTH));
            if (f.header.getLongAcquire(MAGIC_AT) != MAGIC) throw new IOException(file + " is not a jvmm counters file");
            if (f.header.getInt(VERSION_AT) != VERSION) throw new IOException(file + ": counters file version " + f.header.getInt(VERSION_AT) + ", this jvmm reads " + VERSION);
            return f;
        }
    }

    long pid() {
        return header.getLong(PID_AT);
    }

    long startMillis() {
        return header.getLong(START_AT);
    }

    String guest() {
        int n = Math.min(header.getInt(NAME_AT), NAME_MAX - 4);
        return header.getStringWithoutLengthUtf8(NAME_AT + 4, Math.max(0, n));
    }
}
