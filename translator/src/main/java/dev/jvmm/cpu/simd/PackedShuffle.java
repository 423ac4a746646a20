package dev.jvmm.cpu.simd;

/**
 * Instructions that move lanes: unpacks, packs with saturation, word/dword shuffles and whole-register
 * byte shifts (Intel SDM vol. 2: PUNPCK*, PACKSS*, PACKUS*, PSHUFW, PSHUFD, PSHUFLW, PSHUFHW, SHUFPS,
 * SHUFPD, PSLLDQ, PSRLDQ, PALIGNR, PSHUFB). Operands are 64-bit halves; a 128-bit register is its
 * (low, high) pair. Operations whose result half depends on both input halves write a 128-bit
 * result to {@code out[at]} (low) and {@code out[at + 1]} (high).
 */
public final class PackedShuffle {
    private PackedShuffle() {}

    /**
     * PUNPCKLBW/WD/DQ: the low lanes of {@code a} and {@code b} interleaved, {@code a} first:
     * for an MMX register the whole result, for an XMM register the low half (feed the high half
     * {@link #interleaveHigh} of the same low halves).
     */
    public static long interleaveLow(long a, long b, int size) {
        return interleave(a, b, size);
    }

    /** PUNPCKHBW/WD/DQ: the high lanes of {@code a} and {@code b} interleaved. */
    public static long interleaveHigh(long a, long b, int size) {
        return interleave(a >>> 32, b >>> 32, size);
    }

    private static long interleave(long a, long b, int size) {
        long r = 0;
        int bits = 8 * size;
        long m = (1L << bits) - 1;
        for (int k = 0; k < 4 / size; k++) {
            r |= ((a >>> (bits * k)) & m) << (2 * bits * k);
            r |= ((b >>> (bits * k)) & m) << (2 * bits * k + bits);
        }
        return r;
    }

    /**
     * PACKSSWB ({@code fromSize} 2), PACKSSDW (4): the signed lanes of {@code first} then of
     * {@code second}, each narrowed to half width with signed saturation.
     */
    public static long packSigned(long first, long second, int fromSize) {
        int to = fromSize / 2;
        long min = -(1L << (8 * to - 1)), max = (1L << (8 * to - 1)) - 1;
        return narrow(first, second, fromSize, min, max);
    }

    /** PACKUSWB (2), PACKUSDW (4, SSE4.1): signed lanes narrowed with unsigned saturation. */
    public static long packUnsigned(long first, long second, int fromSize) {
        return narrow(first, second, fromSize, 0, (1L << (4 * fromSize)) - 1);
    }

    private static long narrow(long first, long second, int fromSize, long min, long max) {
        int n = 8 / fromSize, to = fromSize / 2;
        long r = 0;
        for (int k = 0; k < 2 * n; k++) {
            long v = PackedInt.signedLane(k < n ? first : second, fromSize, k % n);
            v = v < min ? min : v > max ? max : v;
            r |= (v & ((1L << (8 * to)) - 1)) << (8 * to * k);
        }
        return r;
    }

    /** PSHUFW, and each half of PSHUFLW/PSHUFHW: word k of the result is word {@code imm[2k+1:2k]} of {@code a}. */
    public static long shuffleWords(long a, int imm) {
        long r = 0;
        for (int k = 0; k < 4; k++) r |= ((a >>> (16 * ((imm >> (2 * k)) & 3))) & 0xFFFF) << (16 * k);
        return r;
    }

    /** Two dwords of the 128-bit {@code (lo, hi)}: dword 0 picked by {@code imm[1:0]}, dword 1 by {@code imm[3:2]}. */
    public static long selectDwords(long lo, long hi, int imm) {
        return dword(lo, hi, imm & 3) | dword(lo, hi, (imm >> 2) & 3) << 32;
    }

    private static long dword(long lo, long hi, int k) {
        return ((k < 2 ? lo : hi) >>> (32 * (k & 1))) & 0xFFFF_FFFFL;
    }

    /** PSHUFD: dwords of {@code (lo, hi)} selected by the four fields of {@code imm}. */
    public static void shuffleDwords(long lo, long hi, int imm, long[] out, int at) {
        out[at] = selectDwords(lo, hi, imm & 15);
        out[at + 1] = selectDwords(lo, hi, (imm >> 4) & 15);
    }

    /** PSLLDQ: the 128-bit value shifted left by {@code n} bytes (16 or more: zero). */
    public static void shiftBytesLeft(long lo, long hi, int n, long[] out, int at) {
        if (n > 15) n = 16;
        int bits = 8 * n;
        if (bits == 0) {
            out[at] = lo;
            out[at + 1] = hi;
        } else if (bits < 64) {
            out[at + 1] = hi << bits | lo >>> (64 - bits);
            out[at] = lo << bits;
        } else {
            out[at + 1] = bits == 128 ? 0 : lo << (bits - 64);
            out[at] = 0;
        }
    }

    /** PSRLDQ: the 128-bit value shifted right by {@code n} bytes (16 or more: zero). */
    public static void shiftBytesRight(long lo, long hi, int n, long[] out, int at) {
        if (n > 15) n = 16;
        int bits = 8 * n;
        if (bits == 0) {
            out[at] = lo;
            out[at + 1] = hi;
        } else if (bits < 64) {
            out[at] = lo >>> bits | hi << (64 - bits);
            out[at + 1] = hi >>> bits;
        } else {
            out[at] = bits == 128 ? 0 : hi >>> (bits - 64);
            out[at + 1] = 0;
        }
    }

    /** PALIGNR with 128-bit operands: bytes {@code n..n+15} of the 256-bit {@code (dstHi:dstLo):(srcHi:srcLo)}, src lowest. */
    public static void alignRight(long dLo, long dHi, long sLo, long sHi, int n, long[] out, int at) {
        long[] v = {sLo, sHi, dLo, dHi};
        long lo = 0, hi = 0;
        for (int k = 0; k < 16; k++) {
            int b = n + k;
            long byteV = b < 32 ? (v[b >> 3] >>> (8 * (b & 7))) & 0xFF : 0;
            if (k < 8) lo |= byteV << (8 * k);
            else hi |= byteV << (8 * (k - 8));
        }
        out[at] = lo;
        out[at + 1] = hi;
    }

    /** PALIGNR with MMX operands: bytes {@code n..n+7} of the 128-bit {@code dst:src}. */
    public static long alignRight64(long dst, long src, int n) {
        if (n >= 16) return 0;
        if (n == 0) return src;
        if (n < 8) return src >>> (8 * n) | dst << (64 - 8 * n);
        return n == 8 ? dst : dst >>> (8 * (n - 8));
    }

    /** PSHUFB (128-bit): byte k is zero if control byte k has bit 7 set, else byte {@code control[3:0]} of the source. */
    public static void shuffleBytes(long lo, long hi, long cLo, long cHi, long[] out, int at) {
        long rLo = 0, rHi = 0;
        for (int k = 0; k < 16; k++) {
            int c = (int) (((k < 8 ? cLo : cHi) >>> (8 * (k & 7))) & 0xFF);
            long b = (c & 0x80) != 0 ? 0 : (((c & 15) < 8 ? lo : hi) >>> (8 * (c & 7))) & 0xFF;
            if (k < 8) rLo |= b << (8 * k);
            else rHi |= b << (8 * (k - 8));
        }
        out[at] = rLo;
        out[at + 1] = rHi;
    }

    /** PSHUFB (MMX): byte k is zero if control bit 7 is set, else byte {@code control[2:0]} of {@code a}. */
    public static long shuffleBytes64(long a, long control) {
        long r = 0;
        for (int k = 0; k < 8; k++) {
            int c = (int) ((control >>> (8 * k)) & 0xFF);
            if ((c & 0x80) == 0) r |= ((a >>> (8 * (c & 7))) & 0xFF) << (8 * k);
        }
        return r;
    }
}
