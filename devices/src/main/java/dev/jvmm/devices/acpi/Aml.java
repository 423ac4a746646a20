package dev.jvmm.devices.acpi;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The few ACPI Machine Language encodings jvmm's DSDT needs (ACPI 6.5 section 20.2): named objects,
 * packages and integers. Enough for {@code Name (\_S5, Package (4) {5, 5, 0, 0})}; a growing DSDT adds
 * encodings here.
 */
final class Aml {
    static final int ZERO_OP = 0x00, ONE_OP = 0x01, NAME_OP = 0x08, BYTE_PREFIX = 0x0A, WORD_PREFIX = 0x0B,
            DWORD_PREFIX = 0x0C, QWORD_PREFIX = 0x0E, PACKAGE_OP = 0x12, ROOT_CHAR = 0x5C, ONES_OP = 0xFF;

    private Aml() {}

    /** {@code Name (\NAME, object)}: a four-character name segment at the namespace root. */
    static byte[] name(String segment, byte[] object) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(NAME_OP);
        out.write(ROOT_CHAR);
        out.writeBytes(nameSegment(segment));
        out.writeBytes(object);
        return out.toByteArray();
    }

    /** A NameSeg: a letter or '_', then three of letters, digits or '_', padded with '_' (section 20.2.2). */
    static byte[] nameSegment(String segment) {
        if (segment.isEmpty() || segment.length() > 4 || !segment.matches("[A-Z_][A-Z0-9_]*")) {
            throw new IllegalArgumentException("not an AML name segment: '" + segment + "'");
        }
        StringBuilder padded = new StringBuilder(segment);
        while (padded.length() < 4) padded.append('_');
        return padded.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code Package (n) {values...}} of integers. */
    static byte[] packageOf(long... values) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (values.length > 255) throw new IllegalArgumentException("a Package holds at most 255 elements");
        body.write(values.length); // NumElements
        for (long v : values) body.writeBytes(integer(v));
        byte[] elements = body.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(PACKAGE_OP);
        out.writeBytes(pkgLength(elements.length));
        out.writeBytes(elements);
        return out.toByteArray();
    }

    /** The shortest encoding of integer {@code v}: ZeroOp, OneOp, or a byte/word/dword/qword constant. */
    static byte[] integer(long v) {
        if (v == 0) return new byte[] {ZERO_OP};
        if (v == 1) return new byte[] {ONE_OP};
        int width;
        int prefix;
        if ((v & ~0xFFL) == 0) { width = 1; prefix = BYTE_PREFIX; }
        else if ((v & ~0xFFFFL) == 0) { width = 2; prefix = WORD_PREFIX; }
        else if ((v & ~0xFFFF_FFFFL) == 0) { width = 4; prefix = DWORD_PREFIX; }
        else { width = 8; prefix = QWORD_PREFIX; }
        byte[] b = new byte[1 + width];
        b[0] = (byte) prefix;
        for (int i = 0; i < width; i++) b[1 + i] = (byte) (v >>> (8 * i));
        return b;
    }

    /**
     * PkgLength for {@code contentLength} bytes that follow it (section 20.2.4): the encoded length counts
     * its own bytes; one byte holds up to 63, otherwise bits 7:6 of the lead byte give 1-3 more bytes.
     */
    static byte[] pkgLength(int contentLength) {
        if (contentLength + 1 < 0x40) return new byte[] {(byte) (contentLength + 1)};
        for (int extra = 1; extra <= 3; extra++) {
            int total = contentLength + 1 + extra;
            if (total < (1 << (4 + 8 * extra))) {
                byte[] b = new byte[1 + extra];
                b[0] = (byte) ((extra << 6) | (total & 0xF));
                for (int i = 0; i < extra; i++) b[1 + i] = (byte) (total >>> (4 + 8 * i));
                return b;
            }
        }
        throw new IllegalArgumentException("AML package too long: " + contentLength);
    }
}
