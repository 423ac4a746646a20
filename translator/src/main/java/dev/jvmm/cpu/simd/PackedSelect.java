package dev.jvmm.cpu.simd;

/**
 * SSE4.1 integer selection, widening and search on 64-bit groups (Intel SDM vol. 2, instruction
 * pages PBLENDVB, BLENDVPS/PD, PBLENDW, BLENDPS/PD, PMOVSX, PMOVZX, PHMINPOSUW, PTEST).
 */
public final class PackedSelect {
    private PackedSelect() {}

    /** Bit 7 of every byte ... : the lane sign bits for lane size 1, 4, 8. */
    private static long signBits(int size) {
        return switch (size) {
            case 1 -> 0x8080_8080_8080_8080L;
            case 4 -> 0x8000_0000_8000_0000L;
            default -> 0x8000_0000_0000_0000L;
        };
    }

    /**
     * PBLENDVB (size 1), BLENDVPS (4), BLENDVPD (8): each lane from {@code b} where the lane of
     * {@code mask} (XMM0) has its top bit set, else from {@code a}.
     */
    public static long blendBySign(long a, long b, long mask, int size) {
        long top = mask & signBits(size);
        long select = size == 8 ? top >> 63 : (top >>> (8 * size - 1)) * ((size == 1 ? 0xFFL : 0xFFFF_FFFFL));
        return (a & ~select) | (b & select);
    }

    /**
     * PBLENDW (size 2), BLENDPS (4), BLENDPD (8) on one half: lane k from {@code b} where bit k of
     * {@code bits} is set (the caller passes the immediate's bits for this half).
     */
    public static long blendByImmediate(long a, long b, int bits, int size) {
        long select = 0, laneMask = size == 8 ? -1L : (1L << (8 * size)) - 1;
        for (int k = 0; k < 8 / size; k++) if ((bits >>> k & 1) != 0) select |= laneMask << (8 * size * k);
        return (a & ~select) | (b & select);
    }

    /**
     * PMOVSX/PMOVZX: quadword {@code half} (0 or 1) of the 128-bit result of widening the low
     * lanes of {@code src} from {@code from} to {@code to} bytes, sign- or zero-extending.
     */
    public static long widen(long src, int from, int to, boolean signed, int half) {
        int perHalf = 8 / to;
        long r = 0, mask = to == 8 ? -1L : (1L << (8 * to)) - 1;
        for (int k = 0; k < perHalf; k++) {
            int j = half * perHalf + k;
            long v = signed ? PackedInt.signedLane(src, from, j) : PackedInt.lane(src, from, j);
            r |= (v & mask) << (8 * to * k);
        }
        return r;
    }

    /** PHMINPOSUW: the smallest unsigned word of {@code (lo, hi)} in bits 15:0, its lowest index in bits 18:16. */
    public static long minimumPosition(long lo, long hi) {
        long min = 0x10000;
        int at = 0;
        for (int k = 0; k < 8; k++) {
            long w = PackedInt.lane(k < 4 ? lo : hi, 2, k & 3);
            if (w < min) {
                min = w;
                at = k;
            }
        }
        return min | (long) at << 16;
    }

    /** PTEST's ZF (bit 6) and CF (bit 0): ZF if {@code dst AND src} is zero, CF if {@code src AND NOT dst} is zero. */
    public static int testFlags(long dLo, long dHi, long sLo, long sHi) {
        int zf = ((dLo & sLo) | (dHi & sHi)) == 0 ? 0x40 : 0;
        int cf = ((sLo & ~dLo) | (sHi & ~dHi)) == 0 ? 1 : 0;
        return zf | cf;
    }
}
