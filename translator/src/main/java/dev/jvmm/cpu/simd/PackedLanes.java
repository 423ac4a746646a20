package dev.jvmm.cpu.simd;

/**
 * SSE4.1 lane insertion, extraction and MPSADBW on a 128-bit register held as two halves (Intel SDM
 * vol. 2, instruction pages PINSRB/PINSRD/PINSRQ, PEXTRB/PEXTRW/PEXTRD/PEXTRQ, EXTRACTPS, INSERTPS,
 * MPSADBW). A lane index counts from the low end of the whole register.
 */
public final class PackedLanes {
    private PackedLanes() {}

    private static long mask(int size) {
        return size == 8 ? -1L : (1L << (8 * size)) - 1;
    }

    /** Lane {@code k} (size 1, 2, 4 or 8 bytes) of {@code (lo, hi)}, zero-extended. */
    public static long extract(long lo, long hi, int size, int k) {
        int perHalf = 8 / size;
        long half = k < perHalf ? lo : hi;
        return (half >>> (8 * size * (k % perHalf))) & mask(size);
    }

    /** The half ({@code high} or not) of {@code (lo, hi)} after lane {@code k} is replaced by {@code v}. */
    public static long insert(long lo, long hi, long v, int size, int k, boolean high) {
        int perHalf = 8 / size;
        long half = high ? hi : lo;
        if ((k >= perHalf) != high) return half;
        int at = 8 * size * (k % perHalf);
        return (half & ~(mask(size) << at)) | (v & mask(size)) << at;
    }

    /**
     * INSERTPS: dword {@code imm[5:4]} of the destination becomes {@code src}, then the dwords whose
     * bit is set in {@code imm[3:0]} become zero. The caller picks {@code src}: dword {@code imm[7:6]}
     * of a register source, or the m32.
     */
    public static void insertDword(long lo, long hi, long src, int imm, long[] out) {
        int d = (imm >>> 4) & 3;
        long rLo = insert(lo, hi, src, 4, d, false), rHi = insert(lo, hi, src, 4, d, true);
        for (int k = 0; k < 4; k++) {
            if ((imm >>> k & 1) == 0) continue;
            rLo = insert(rLo, rHi, 0, 4, k, false);
            rHi = insert(rLo, rHi, 0, 4, k, true);
        }
        out[0] = rLo;
        out[1] = rHi;
    }

    /**
     * MPSADBW: word i (0-7) of the result is the sum of |d[o1 + i + j] - s[o2 + j]| over j = 0-3, for
     * the destination's bytes from {@code o1 = 4 * imm[2]} and the source's from {@code o2 = 4 * imm[1:0]}.
     */
    public static void multipleSumAbsoluteDifferences(long dLo, long dHi, long sLo, long sHi, int imm, long[] out) {
        int o1 = 4 * (imm >>> 2 & 1), o2 = 4 * (imm & 3);
        long lo = 0, hi = 0;
        for (int i = 0; i < 8; i++) {
            long sum = 0;
            for (int j = 0; j < 4; j++) sum += Math.abs(extract(dLo, dHi, 1, o1 + i + j) - extract(sLo, sHi, 1, o2 + j));
            if (i < 4) lo |= sum << (16 * i);
            else hi |= sum << (16 * (i - 4));
        }
        out[0] = lo;
        out[1] = hi;
    }
}
