package dev.jvmm.devices.acpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** AML encodings against ACPI 6.5 section 20.2's grammar, byte for byte. */
class AmlTest {
    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) out[i] = (byte) b[i];
        return out;
    }

    @Test
    void integersTakeTheShortestForm() {
        assertArrayEquals(bytes(0x00), Aml.integer(0), "ZeroOp");
        assertArrayEquals(bytes(0x01), Aml.integer(1), "OneOp");
        assertArrayEquals(bytes(0x0A, 0x05), Aml.integer(5), "BytePrefix");
        assertArrayEquals(bytes(0x0B, 0x34, 0x12), Aml.integer(0x1234), "WordPrefix");
        assertArrayEquals(bytes(0x0C, 0x78, 0x56, 0x34, 0x12), Aml.integer(0x12345678), "DWordPrefix");
        assertArrayEquals(bytes(0x0E, 8, 7, 6, 5, 4, 3, 2, 1), Aml.integer(0x0102030405060708L), "QWordPrefix");
    }

    @Test
    void pkgLengthCountsItselfAndGrowsPast63() {
        assertArrayEquals(bytes(0x08), Aml.pkgLength(7));
        assertArrayEquals(bytes(0x3F), Aml.pkgLength(62), "the largest one-byte length");
        assertArrayEquals(bytes(0x41, 0x04), Aml.pkgLength(63), "65 = 0x41: low nibble 1 in the lead byte, 4 in the next");
        assertArrayEquals(bytes(0x4F, 0xFF), Aml.pkgLength(4093), "the largest two-byte length, 4095");
        assertArrayEquals(bytes(0x82, 0x00, 0x01), Aml.pkgLength(4095), "three bytes: 4098 = 0x1002");
    }

    @Test
    void theS5Package() {
        assertArrayEquals(bytes(0x08, 0x5C, '_', 'S', '5', '_', 0x12, 0x08, 0x04, 0x0A, 0x05, 0x0A, 0x05, 0x00, 0x00),
                Aml.name("_S5", Aml.packageOf(5, 5, 0, 0)));
    }

    @Test
    void badNamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Aml.nameSegment("5S"));
        assertThrows(IllegalArgumentException.class, () -> Aml.nameSegment("TOOLONG"));
        assertThrows(IllegalArgumentException.class, () -> Aml.nameSegment("s5"));
    }
}
