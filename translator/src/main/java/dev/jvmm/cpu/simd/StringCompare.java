package dev.jvmm.cpu.simd;

/**
 * The SSE4.2 packed string compares PCMPESTRI, PCMPESTRM, PCMPISTRI, PCMPISTRM (Intel SDM vol. 2
 * §4.1, "Imm8 Control Byte Operation for PCMPESTRI / PCMPESTRM / PCMPISTRI / PCMPISTRM"). The first
 * operand (the register, "string 1") and the second (register or memory, "string 2") are 16 bytes or
 * 8 words; {@code imm[1:0]} picks unsigned bytes, unsigned words, signed bytes or signed words;
 * {@code imm[3:2]} the aggregation (equal any, ranges, equal each, equal ordered); {@code imm[5:4]} the
 * polarity; {@code imm[6]} the index's end or the mask's shape. An element at or past a string's
 * length is invalid, and the SDM's table 4-7 forces each comparison with an invalid element.
 */
public final class StringCompare {
    private StringCompare() {}

    public static final int EQUAL_ANY = 0, RANGES = 1, EQUAL_EACH = 2, EQUAL_ORDERED = 3;

    /** Elements per operand: 16 bytes or 8 words. */
    public static int elements(int imm) {
        return (imm & 1) != 0 ? 8 : 16;
    }

    /** Element {@code k} of {@code (lo, hi)}, sign-extended for the signed formats. */
    static long element(long lo, long hi, int k, int imm) {
        int size = (imm & 1) != 0 ? 2 : 1;
        long v = PackedLanes.extract(lo, hi, size, k);
        if ((imm & 2) != 0) v = size == 1 ? (byte) v : (short) v;
        return v;
    }

    /** PCMPESTR*: the length in RAX or RDX (64 bits with REX.W, else 32): its absolute value, at most {@link #elements}. */
    public static int explicitLength(long reg, boolean wide, int imm) {
        long v = wide ? reg : (int) reg;
        long abs = v == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(v);
        return (int) Math.min(abs, elements(imm));
    }

    /** PCMPISTR*: the index of the first zero element, or {@link #elements} if there is none. */
    public static int implicitLength(long lo, long hi, int imm) {
        int n = elements(imm);
        for (int k = 0; k < n; k++) if (element(lo, hi, k, imm) == 0) return k;
        return n;
    }

    /**
     * IntRes2: bit j for element j of string 2, after aggregation and polarity, for string 1 {@code a}
     * of {@code lenA} valid elements and string 2 {@code b} of {@code lenB}.
     */
    public static int compare(long aLo, long aHi, int lenA, long bLo, long bHi, int lenB, int imm) {
        int n = elements(imm);
        int res1 = 0;
        switch ((imm >>> 2) & 3) {
            case EQUAL_ANY -> {
                for (int j = 0; j < lenB; j++) {
                    long e = element(bLo, bHi, j, imm);
                    for (int i = 0; i < lenA; i++) if (element(aLo, aHi, i, imm) == e) res1 |= 1 << j;
                }
            }
            case RANGES -> { // string 1 holds pairs (low, high); a lone last element makes no range
                for (int j = 0; j < lenB; j++) {
                    long e = element(bLo, bHi, j, imm);
                    for (int i = 0; i + 1 < lenA; i += 2) {
                        if (element(aLo, aHi, i, imm) <= e && e <= element(aLo, aHi, i + 1, imm)) res1 |= 1 << j;
                    }
                }
            }
            case EQUAL_EACH -> {
                for (int j = 0; j < n; j++) {
                    boolean va = j < lenA, vb = j < lenB;
                    boolean r = va && vb ? element(aLo, aHi, j, imm) == element(bLo, bHi, j, imm) : !va && !vb;
                    if (r) res1 |= 1 << j;
                }
            }
            default -> { // EQUAL_ORDERED: string 1 occurs in string 2 from element j (it may run past string 2's end only if it ends there too)
                for (int j = 0; j < n; j++) {
                    boolean match = true;
                    for (int i = 0, k = j; i < n - j && match; i++, k++) {
                        boolean va = i < lenA, vb = k < lenB;
                        if (!va) break; // string 1 ended: true whatever string 2 holds
                        match = vb && element(aLo, aHi, i, imm) == element(bLo, bHi, k, imm);
                    }
                    if (match) res1 |= 1 << j;
                }
            }
        }
        int all = (1 << n) - 1;
        return switch ((imm >>> 4) & 3) {
            case 1 -> ~res1 & all;
            case 3 -> res1 ^ ((1 << lenB) - 1); // negated only where string 2 is valid
            default -> res1;
        };
    }

    /** CF (IntRes2 not zero), ZF (string 2 shorter than the operand), SF (string 1 shorter), OF (IntRes2 bit 0); AF and PF clear. */
    public static int flags(int res2, int lenA, int lenB, int imm) {
        int n = elements(imm);
        return (res2 != 0 ? 1 : 0) | (lenB < n ? 0x40 : 0) | (lenA < n ? 0x80 : 0) | ((res2 & 1) != 0 ? 0x800 : 0);
    }

    /** PCMPxSTRI's ECX: the lowest ({@code imm[6]} clear) or highest set bit of IntRes2, else {@link #elements}. */
    public static int index(int res2, int imm) {
        if (res2 == 0) return elements(imm);
        return (imm & 0x40) != 0 ? 31 - Integer.numberOfLeadingZeros(res2) : Integer.numberOfTrailingZeros(res2);
    }

    /** PCMPxSTRM's XMM0: IntRes2 as bits ({@code imm[6]} clear) or each bit widened to its element. */
    public static void mask(int res2, int imm, long[] out) {
        if ((imm & 0x40) == 0) {
            out[0] = res2 & 0xFFFFL;
            out[1] = 0;
            return;
        }
        int n = elements(imm), size = 16 / n;
        long lo = 0, hi = 0;
        for (int k = 0; k < n; k++) {
            if ((res2 >>> k & 1) == 0) continue;
            lo = PackedLanes.insert(lo, hi, -1L, size, k, false);
            hi = PackedLanes.insert(lo, hi, -1L, size, k, true);
        }
        out[0] = lo;
        out[1] = hi;
    }
}
