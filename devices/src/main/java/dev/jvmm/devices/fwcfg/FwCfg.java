package dev.jvmm.devices.fwcfg;

import dev.jvmm.core.bus.PortDevice;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * QEMU's firmware configuration device, the traditional I/O interface (QEMU {@code docs/specs/fw_cfg.rst}):
 * a 16-bit selector at port 0x510 picks an item and rewinds it; each byte read from port 0x511 returns the
 * item's next byte, zeros past its end (and for a key with no item). Wider reads of the data port return
 * that many successive bytes, little-endian. Items jvmm provides: the signature "QEMU" (key 0), the ID
 * (key 1: bit 0, the traditional interface; no DMA), and those the board adds: RAM size (key 3, u64), CPU
 * count (key 5 and 0xf, u16), kernel command line (0x14/0x15), and named files listed in the file
 * directory (key 0x19: a big-endian count, then per file size, select key and a 56-byte name) from key 0x20.
 *
 * <p>Writes to the data port are ignored (the write channel is obsolete), as is the DMA interface at
 * 0x514, which the ID does not advertise. Runs on the vCPU thread.
 */
public final class FwCfg implements PortDevice {
    public static final int PORT = 0x510, PORT_COUNT = 2;
    public static final int SIGNATURE = 0x00, ID = 0x01, RAM_SIZE = 0x03, NOGRAPHIC = 0x04, NB_CPUS = 0x05,
            MAX_CPUS = 0x0F, CMDLINE_SIZE = 0x14, CMDLINE_DATA = 0x15, FILE_DIR = 0x19, FILE_FIRST = 0x20;
    static final int MAX_FILE_PATH = 56;

    private final TreeMap<Integer, byte[]> items = new TreeMap<>();
    private final List<String> fileNames = new ArrayList<>();
    private int selector = 0xFFFF;
    private byte[] current = new byte[0];
    private int offset;

    public FwCfg() {
        put(SIGNATURE, "QEMU".getBytes(StandardCharsets.US_ASCII));
        put(ID, le(1, 4));
        put(FILE_DIR, directory());
    }

    /** Sets item {@code key} to {@code data} (a copy is not made: do not change it afterwards). */
    public void put(int key, byte[] data) {
        items.put(key & 0xFFFF, data);
    }

    public void putU16(int key, int value) {
        put(key, le(value, 2));
    }

    public void putU32(int key, long value) {
        put(key, le(value, 4));
    }

    public void putU64(int key, long value) {
        put(key, le(value, 8));
    }

    /** Adds (or replaces) the named file; returns its select key. */
    public int addFile(String name, byte[] data) {
        byte[] encoded = name.getBytes(StandardCharsets.UTF_8);
        if (encoded.length >= MAX_FILE_PATH) throw new IllegalArgumentException("fw_cfg file name too long: " + name);
        int index = fileNames.indexOf(name);
        if (index < 0) {
            fileNames.add(name);
            index = fileNames.size() - 1;
        }
        put(FILE_FIRST + index, data);
        put(FILE_DIR, directory());
        return FILE_FIRST + index;
    }

    private byte[] directory() {
        ByteBuffer b = ByteBuffer.allocate(4 + 64 * fileNames.size()).order(ByteOrder.BIG_ENDIAN);
        b.putInt(fileNames.size());
        for (int k = 0; k < fileNames.size(); k++) {
            byte[] data = items.getOrDefault(FILE_FIRST + k, new byte[0]);
            b.putInt(data.length);
            b.putShort((short) (FILE_FIRST + k));
            b.putShort((short) 0);
            byte[] name = new byte[MAX_FILE_PATH];
            byte[] encoded = fileNames.get(k).getBytes(StandardCharsets.UTF_8);
            System.arraycopy(encoded, 0, name, 0, encoded.length);
            b.put(name);
        }
        return b.array();
    }

    private static byte[] le(long value, int bytes) {
        byte[] out = new byte[bytes];
        for (int i = 0; i < bytes; i++) out[i] = (byte) (value >>> (8 * i));
        return out;
    }

    @Override
    public int read(int port, int size) {
        if (port == 0) return 0; // the selector is write-only
        int value = 0;
        for (int i = 0; i < size; i++) value |= nextByte() << (8 * i);
        return value;
    }

    private int nextByte() {
        if (offset >= current.length) return 0;
        return current[offset++] & 0xFF;
    }

    @Override
    public void write(int port, int size, int value) {
        if (port != 0) return; // data-port writes: the obsolete write channel, ignored
        selector = size == 1 ? (selector & 0xFF00) | (value & 0xFF) : value & 0xFFFF;
        current = items.getOrDefault(selector & ~0x4000, new byte[0]);
        offset = 0;
    }

    /** The item {@code key}'s bytes (tests). */
    byte[] item(int key) {
        return items.get(key);
    }
}
