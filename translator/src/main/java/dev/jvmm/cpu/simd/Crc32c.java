package dev.jvmm.cpu.simd;

/**
 * CRC32 (SSE4.2, F2 0F 38 F0/F1; Intel SDM vol. 2 "CRC32"): CRC-32C, the Castagnoli polynomial
 * 11EDC6F41h, bit-reflected (0x82F63B78), over the source's bytes from the lowest, starting from the
 * destination's low 32 bits, with no initial or final inversion (the instruction leaves those to the
 * program).
 */
public final class Crc32c {
    private Crc32c() {}

    private static final int REFLECTED_POLYNOMIAL = 0x82F6_3B78;
    /** The CRC of each byte value from zero, one table step per byte. */
    private static final int[] TABLE = new int[256];

    static {
        for (int b = 0; b < 256; b++) {
            int c = b;
            for (int k = 0; k < 8; k++) c = (c >>> 1) ^ ((c & 1) != 0 ? REFLECTED_POLYNOMIAL : 0);
            TABLE[b] = c;
        }
    }

    /** The new CRC after the low {@code bytes} (1, 2, 4 or 8) bytes of {@code data}, from {@code crc}. */
    public static int update(int crc, long data, int bytes) {
        for (int k = 0; k < bytes; k++) {
            crc = (crc >>> 8) ^ TABLE[(crc ^ (int) (data >>> (8 * k))) & 0xFF];
        }
        return crc;
    }
}
