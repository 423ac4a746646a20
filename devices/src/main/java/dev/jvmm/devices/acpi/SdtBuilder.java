package dev.jvmm.devices.acpi;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One ACPI system description table: the 36-byte header (ACPI 6.5 table 5.4: signature, length,
 * revision, checksum, OEM ID, OEM table ID, OEM revision, creator ID, creator revision) followed by a
 * little-endian body; {@link #build()} fills in the length and the checksum that makes the whole table
 * sum to zero.
 */
final class SdtBuilder {
    static final int HEADER_SIZE = 36;
    static final String OEM_ID = "JVMM  ";
    static final String CREATOR_ID = "JVMM";
    private static final int LENGTH_OFFSET = 4, CHECKSUM_OFFSET = 9;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** A table with a four-character {@code signature} ("FACP", "APIC", ...) and {@code revision}. */
    SdtBuilder(String signature, int revision) {
        ascii(signature, 4);
        u32(0); // length, filled by build()
        u8(revision);
        u8(0); // checksum, filled by build()
        ascii(OEM_ID, 6);
        ascii("JVMM" + signature, 8); // OEM table ID
        u32(1); // OEM revision
        ascii(CREATOR_ID, 4);
        u32(1); // creator revision
    }

    SdtBuilder u8(int v) {
        out.write(v);
        return this;
    }

    SdtBuilder u16(int v) {
        return u8(v).u8(v >>> 8);
    }

    SdtBuilder u32(long v) {
        return u16((int) v).u16((int) (v >>> 16));
    }

    SdtBuilder u64(long v) {
        return u32(v).u32(v >>> 32);
    }

    SdtBuilder bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    /** {@code text} as ASCII, padded with spaces to exactly {@code width} bytes. */
    SdtBuilder ascii(String text, int width) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < width; i++) out.write(i < b.length ? b[i] : ' ');
        return this;
    }

    /**
     * A Generic Address Structure (ACPI 6.5 table 5.1) for a register in I/O space (address space 1)
     * of {@code bitWidth} bits, accessed {@code accessSize} (1 byte, 2 word, 3 dword) at a time.
     */
    SdtBuilder ioAddress(int bitWidth, int accessSize, long port) {
        return u8(port == 0 ? 0 : 1).u8(port == 0 ? 0 : bitWidth).u8(0).u8(port == 0 ? 0 : accessSize).u64(port);
    }

    /** Bytes written so far, header included. */
    int size() {
        return out.size();
    }

    /** The finished table: length and checksum set. */
    byte[] build() {
        byte[] table = out.toByteArray();
        int length = table.length;
        for (int i = 0; i < 4; i++) table[LENGTH_OFFSET + i] = (byte) (length >>> (8 * i));
        table[CHECKSUM_OFFSET] = checksumByte(table, 0, length);
        return table;
    }

    /** The byte that, stored in a zeroed checksum field, makes {@code b[from, from + length)} sum to 0 mod 256. */
    static byte checksumByte(byte[] b, int from, int length) {
        int sum = 0;
        for (int i = from; i < from + length; i++) sum += b[i];
        return (byte) -sum;
    }
}
