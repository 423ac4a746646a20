package dev.jvmm.core.cpu;

/**
 * A segment register as the CPU holds it: the visible selector and the hidden descriptor cache
 * (base, limit, attributes) loaded with it. In real mode the hidden part is {@code base = selector * 16},
 * limit 0xFFFF; in protected and long mode it comes from the GDT/LDT.
 *
 * <p>{@code attributes} uses the layout of descriptor bits 40-55 with the limit nibble removed (the
 * same packing as VMX "access rights"): bits 0-3 type, 4 S, 5-6 DPL, 7 P, 12 AVL, 13 L, 14 D/B,
 * 15 G, and bit 16 "unusable" (a null selector loaded in protected mode).
 * {@code limit} is the byte-granular effective limit (already scaled when G=1).
 */
public record SegmentState(int selector, long base, int limit, int attributes) {
    public static final int TYPE_MASK = 0xF, S = 1 << 4, P = 1 << 7, L = 1 << 13, DB = 1 << 14, G = 1 << 15;
    public static final int UNUSABLE = 1 << 16;
    /** Real-mode attributes: present, writable/accessed data (or code for CS: type 0xB), DPL 0, 16-bit. */
    public static final int REAL_MODE_DATA = P | S | 0x3, REAL_MODE_CODE = P | S | 0xB;

    /** A segment as real mode loads it: base = selector * 16, 64 KiB limit. */
    public static SegmentState real(int selector, boolean code) {
        return new SegmentState(selector & 0xFFFF, (selector & 0xFFFFL) << 4, 0xFFFF,
                code ? REAL_MODE_CODE : REAL_MODE_DATA);
    }

    /** Decodes a raw 8-byte GDT/LDT descriptor into the hidden part, with {@code selector}. */
    public static SegmentState fromDescriptor(int selector, long descriptor) {
        long base = ((descriptor >>> 16) & 0xFF_FFFFL) | ((descriptor >>> 32) & 0xFF00_0000L);
        int rawLimit = (int) ((descriptor & 0xFFFF) | ((descriptor >>> 32) & 0xF_0000L));
        int attrs = (int) ((descriptor >>> 40) & 0xF0FF);
        int limit = (attrs & G) != 0 ? (rawLimit << 12) | 0xFFF : rawLimit;
        return new SegmentState(selector & 0xFFFF, base, limit, attrs);
    }

    public int type() {
        return attributes & TYPE_MASK;
    }

    public int dpl() {
        return (attributes >>> 5) & 3;
    }

    public boolean present() {
        return (attributes & P) != 0;
    }

    public boolean unusable() {
        return (attributes & UNUSABLE) != 0;
    }

    /** D/B: 32-bit default operand size for code, 32-bit stack pointer (B) for SS. */
    public boolean big() {
        return (attributes & DB) != 0;
    }

    /** L: a 64-bit code segment (long mode only). */
    public boolean longMode() {
        return (attributes & L) != 0;
    }

    public boolean isCode() {
        return (attributes & S) != 0 && (attributes & 0x8) != 0;
    }

    public SegmentState withSelector(int newSelector) {
        return new SegmentState(newSelector & 0xFFFF, base, limit, attributes);
    }

    @Override
    public String toString() {
        return String.format("%04x base=%x limit=%x attr=%x", selector, base, limit, attributes);
    }
}
