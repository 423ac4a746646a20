package dev.jvmm.cpu.simd;

/**
 * The SSSE3 horizontal and mixed-width packed operations on 64-bit groups (Intel SDM vol. 2,
 * instruction pages PHADDW/PHADDD, PHADDSW, PHSUBW/PHSUBD, PHSUBSW, PMADDUBSW, PMULHRSW).
 *
 * <p>A horizontal operation combines adjacent lanes of one operand: {@link #horizontal} puts the
 * pairs of {@code low} in the result's low half and those of {@code high} in its high half. With
 * MMX operands {@code low} is the destination and {@code high} the source; with XMM operands the
 * result's low quadword is {@code horizontal(dst.lo, dst.hi)} and its high quadword
 * {@code horizontal(src.lo, src.hi)}.
 */
public final class PackedHorizontal {
    private PackedHorizontal() {}

    /** How {@link #horizontal} combines a pair: lane {@code 2k} first, lane {@code 2k+1} second. */
    public enum Pair { ADD, ADD_SATURATE, SUBTRACT, SUBTRACT_SATURATE }

    /** PHADDW/D, PHADDSW, PHSUBW/D, PHSUBSW on lanes of {@code size} 2 or 4 bytes: the pairs of {@code low}, then those of {@code high}. */
    public static long horizontal(long low, long high, int size, Pair how) {
        int perHalf = 8 / size / 2; // results from each operand
        long r = 0;
        for (int k = 0; k < 2 * perHalf; k++) {
            long v = k < perHalf ? low : high;
            int j = k % perHalf;
            long a = PackedInt.signedLane(v, size, 2 * j), b = PackedInt.signedLane(v, size, 2 * j + 1);
            long x = switch (how) {
                case ADD -> a + b;
                case SUBTRACT -> a - b;
                case ADD_SATURATE -> Math.clamp(a + b, Short.MIN_VALUE, Short.MAX_VALUE);
                case SUBTRACT_SATURATE -> Math.clamp(a - b, Short.MIN_VALUE, Short.MAX_VALUE);
            };
            long mask = size == 4 ? 0xFFFF_FFFFL : 0xFFFFL;
            r |= (x & mask) << (8 * size * k);
        }
        return r;
    }

    /**
     * PMADDUBSW: each unsigned byte of {@code a} times the signed byte of {@code b}, adjacent
     * products summed into a word with signed saturation.
     */
    public static long multiplyAddUnsignedBySigned(long a, long b) {
        long r = 0;
        for (int k = 0; k < 4; k++) {
            long s = PackedInt.lane(a, 1, 2 * k) * PackedInt.signedLane(b, 1, 2 * k)
                    + PackedInt.lane(a, 1, 2 * k + 1) * PackedInt.signedLane(b, 1, 2 * k + 1);
            r |= (Math.clamp(s, Short.MIN_VALUE, Short.MAX_VALUE) & 0xFFFFL) << (16 * k);
        }
        return r;
    }

    /** PMULHRSW: signed word products, scaled to bits 30:15 with rounding: {@code ((a*b >> 14) + 1) >> 1}. */
    public static long multiplyHighRoundScale(long a, long b) {
        long r = 0;
        for (int k = 0; k < 4; k++) {
            long p = PackedInt.signedLane(a, 2, k) * PackedInt.signedLane(b, 2, k);
            r |= ((((p >> 14) + 1) >> 1) & 0xFFFFL) << (16 * k);
        }
        return r;
    }
}
