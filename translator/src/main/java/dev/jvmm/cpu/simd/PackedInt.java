package dev.jvmm.cpu.simd;

/**
 * Packed integer arithmetic on one 64-bit group of lanes (an MMX register, or either half of an XMM
 * register: these instructions never move data between the halves). {@code size} is the lane width
 * in bytes: 1, 2, 4 or 8. Semantics from the Intel SDM vol. 2, instruction pages PADD*, PSUB*,
 * PCMPEQ*, PCMPGT*, PMUL*, PMADDWD, PAVG*, PMIN*, PMAX*, PSADBW, PSLL*, PSRL*, PSRA*, PMOVMSKB.
 */
public final class PackedInt {
    private PackedInt() {}

    /** Bit 7 of every byte, bit 15 of every word ... : the lane sign bits for lane size 1, 2, 4, 8. */
    private static long signBits(int size) {
        return switch (size) {
            case 1 -> 0x8080_8080_8080_8080L;
            case 2 -> 0x8000_8000_8000_8000L;
            case 4 -> 0x8000_0000_8000_0000L;
            default -> 0x8000_0000_0000_0000L;
        };
    }

    private static long laneMask(int size) {
        return size == 8 ? -1L : (1L << (8 * size)) - 1;
    }

    /** Lane {@code k} of {@code v}, zero-extended. */
    static long lane(long v, int size, int k) {
        return (v >>> (8 * size * k)) & laneMask(size);
    }

    /** Lane {@code k} of {@code v}, sign-extended. */
    static long signedLane(long v, int size, int k) {
        int bits = 8 * size;
        return (v << (64 - bits * (k + 1))) >> (64 - bits);
    }

    private static long put(long v, int size, int k, long x) {
        int at = 8 * size * k;
        return (v & ~(laneMask(size) << at)) | ((x & laneMask(size)) << at);
    }

    /** PADDB/W/D/Q: wrapping add per lane. */
    public static long add(long a, long b, int size) {
        long h = signBits(size);
        return ((a & ~h) + (b & ~h)) ^ ((a ^ b) & h);
    }

    /** PSUBB/W/D/Q: wrapping subtract per lane. */
    public static long sub(long a, long b, int size) {
        long h = signBits(size);
        return ((a | h) - (b & ~h)) ^ ((a ^ ~b) & h);
    }

    private static long clamp(long x, long lo, long hi) {
        return x < lo ? lo : x > hi ? hi : x;
    }

    private static long signedMin(int size) {
        return -(1L << (8 * size - 1));
    }

    private static long signedMax(int size) {
        return (1L << (8 * size - 1)) - 1;
    }

    /** PADDSB/PADDSW: add with signed saturation (size 1 or 2). */
    public static long addSignedSaturate(long a, long b, int size) {
        long r = 0;
        for (int k = 0; k < 8 / size; k++) {
            r = put(r, size, k, clamp(signedLane(a, size, k) + signedLane(b, size, k), signedMin(size), signedMax(size)));
        }
        return r;
    }

    /** PADDUSB/PADDUSW: add with unsigned saturation. */
    public static long addUnsignedSaturate(long a, long b, int size) {
        long r = 0;
        for (int k = 0; k < 8 / size; k++) r = put(r, size, k, Math.min(lane(a, size, k) + lane(b, size, k), laneMask(size)));
        return r;
    }

    /** PSUBSB/PSUBSW: subtract with signed saturation. */
    public static long subSignedSaturate(long a, long b, int size) {
        long r = 0;
        for (int k = 0; k < 8 / size; k++) {
            r = put(r, size, k, clamp(signedLane(a, size, k) - signedLane(b, size, k), signedMin(size), signedMax(size)));
        }
        return r;
    }

    /** PSUBUSB/PSUBUSW: subtract with unsigned saturation (at zero). */
    public static long subUnsignedSaturate(long a, long b, int size) {
        long r = 0;
        for (int k = 0; k < 8 / size; k++) r = put(r, size, k, Math.max(lane(a, size, k) - lane(b, size, k), 0));
        return r;
    }

    /** PCMPEQB/W/D/Q: all ones in each lane where the lanes are equal. */
    public static long compareEqual(long a, long b, int size) {
        long r = 0;
        for (int k = 0; k < 8 / size; k++) if (lane(a, size, k) == lane(b, size, k)) r = put(r, size, k, -1);
        return r;
    }

    /** PCMPGTB/W/D/Q: all ones where {@code a}'s lane is greater, signed. */
    public static long compareGreater(long a, long b, int size) {
        long r = 0;
        for (int k = 0; k < 8 / size; k++) if (signedLane(a, size, k) > signedLane(b, size, k)) r = put(r, size, k, -1);
        return r;
    }

    /** PMULLW (size 2), PMULLD (size 4): the low half of each signed product. */
    public static long mulLow(long a, long b, int size) {
        long r = 0;
        for (int k = 0; k < 8 / size; k++) r = put(r, size, k, lane(a, size, k) * lane(b, size, k));
        return r;
    }

    /** PMULHW: the high 16 bits of each signed word product. */
    public static long mulHighSigned(long a, long b) {
        long r = 0;
        for (int k = 0; k < 4; k++) r = put(r, 2, k, (signedLane(a, 2, k) * signedLane(b, 2, k)) >> 16);
        return r;
    }

    /** PMULHUW: the high 16 bits of each unsigned word product. */
    public static long mulHighUnsigned(long a, long b) {
        long r = 0;
        for (int k = 0; k < 4; k++) r = put(r, 2, k, (lane(a, 2, k) * lane(b, 2, k)) >>> 16);
        return r;
    }

    /** PMULUDQ: the unsigned 64-bit product of the low dwords. */
    public static long mulUnsignedDwords(long a, long b) {
        return (a & 0xFFFF_FFFFL) * (b & 0xFFFF_FFFFL);
    }

    /** PMULDQ (SSE4.1): the signed 64-bit product of the low dwords. */
    public static long mulSignedDwords(long a, long b) {
        return (long) (int) a * (int) b;
    }

    /** PMADDWD: signed word products, adjacent pairs summed into dwords (0x8000*0x8000*2 wraps to 0x80000000). */
    public static long multiplyAddWords(long a, long b) {
        long r = 0;
        for (int k = 0; k < 2; k++) {
            long s = signedLane(a, 2, 2 * k) * signedLane(b, 2, 2 * k)
                    + signedLane(a, 2, 2 * k + 1) * signedLane(b, 2, 2 * k + 1);
            r = put(r, 4, k, s);
        }
        return r;
    }

    /** PAVGB/PAVGW: unsigned average, rounded up. */
    public static long average(long a, long b, int size) {
        long r = 0;
        for (int k = 0; k < 8 / size; k++) r = put(r, size, k, (lane(a, size, k) + lane(b, size, k) + 1) >>> 1);
        return r;
    }

    /** PMINUB/PMINUW/PMINUD: unsigned minimum. */
    public static long minUnsigned(long a, long b, int size) {
        long r = 0;
        for (int k = 0; k < 8 / size; k++) r = put(r, size, k, Math.min(lane(a, size, k), lane(b, size, k)));
        return r;
    }

    /** PMAXUB/PMAXUW/PMAXUD: unsigned maximum. */
    public static long maxUnsigned(long a, long b, int size) {
        long r = 0;
        for (int k = 0; k < 8 / size; k++) r = put(r, size, k, Math.max(lane(a, size, k), lane(b, size, k)));
        return r;
    }

    /** PMINSB/PMINSW/PMINSD: signed minimum. */
    public static long minSigned(long a, long b, int size) {
        long r = 0;
        for (int k = 0; k < 8 / size; k++) r = put(r, size, k, Math.min(signedLane(a, size, k), signedLane(b, size, k)));
        return r;
    }

    /** PMAXSB/PMAXSW/PMAXSD: signed maximum. */
    public static long maxSigned(long a, long b, int size) {
        long r = 0;
        for (int k = 0; k < 8 / size; k++) r = put(r, size, k, Math.max(signedLane(a, size, k), signedLane(b, size, k)));
        return r;
    }

    /** PSADBW: the sum of the absolute byte differences, in the low word (the rest zero). */
    public static long sumAbsoluteDifferences(long a, long b) {
        long s = 0;
        for (int k = 0; k < 8; k++) s += Math.abs(lane(a, 1, k) - lane(b, 1, k));
        return s;
    }

    /** PSLLW/D/Q: logical left shift by an unsigned 64-bit count; counts past the lane width give zero. */
    public static long shiftLeft(long a, long count, int size) {
        if (Long.compareUnsigned(count, 8L * size) >= 0) return 0;
        int n = (int) count;
        if (size == 8) return a << n;
        long r = 0;
        for (int k = 0; k < 8 / size; k++) r = put(r, size, k, lane(a, size, k) << n);
        return r;
    }

    /** PSRLW/D/Q: logical right shift; counts past the lane width give zero. */
    public static long shiftRightLogical(long a, long count, int size) {
        if (Long.compareUnsigned(count, 8L * size) >= 0) return 0;
        int n = (int) count;
        if (size == 8) return a >>> n;
        long r = 0;
        for (int k = 0; k < 8 / size; k++) r = put(r, size, k, lane(a, size, k) >>> n);
        return r;
    }

    /** PSRAW/PSRAD: arithmetic right shift; counts past the lane width fill with the sign. */
    public static long shiftRightArithmetic(long a, long count, int size) {
        int n = Long.compareUnsigned(count, 8L * size - 1) > 0 ? 8 * size - 1 : (int) count;
        long r = 0;
        for (int k = 0; k < 8 / size; k++) r = put(r, size, k, signedLane(a, size, k) >> n);
        return r;
    }

    /** PMOVMSKB: the sign bit of each byte, byte k to bit k. */
    public static int byteSignMask(long a) {
        int m = 0;
        for (int k = 0; k < 8; k++) m |= (int) ((a >>> (8 * k + 7)) & 1) << k;
        return m;
    }

    /** PABSB/W/D (SSSE3): absolute value per lane (the most negative value stays as it is). */
    public static long absolute(long a, int size) {
        long r = 0;
        for (int k = 0; k < 8 / size; k++) r = put(r, size, k, Math.abs(signedLane(a, size, k)));
        return r;
    }

    /** PSIGNB/W/D (SSSE3): {@code a}'s lane negated, kept or zeroed as {@code b}'s lane is negative, positive or zero. */
    public static long sign(long a, long b, int size) {
        long r = 0;
        for (int k = 0; k < 8 / size; k++) {
            long s = signedLane(b, size, k);
            r = put(r, size, k, s < 0 ? -signedLane(a, size, k) : s == 0 ? 0 : signedLane(a, size, k));
        }
        return r;
    }
}
