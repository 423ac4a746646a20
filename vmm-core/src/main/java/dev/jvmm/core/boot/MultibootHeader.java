package dev.jvmm.core.boot;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The multiboot v1 header (Multiboot Specification 0.6.96, section 3.1.1): a 32-bit aligned magic
 * 0x1BADB002 in the first 8192 bytes, flags, and a checksum making the three words sum to zero.
 * With flag bit 16 the header also carries load addresses (the "a.out kludge").
 */
record MultibootHeader(int offset, int flags, long headerAddr, long loadAddr, long loadEndAddr, long bssEndAddr,
                       long entryAddr) {
    static final int MAGIC = 0x1BADB002;
    static final int SEARCH_LIMIT = 8192;
    static final int FLAG_PAGE_ALIGN = 1, FLAG_MEMORY_INFO = 1 << 1, FLAG_VIDEO = 1 << 2, FLAG_AOUT_KLUDGE = 1 << 16;
    /**
     * Spec 3.1.2: bits 0-15 are requirements, and a loader that sees one it does not know "must notify the
     * user and fail to load the OS image". jvmm knows 0 (it loads no modules, so there is nothing to align),
     * 1 (the memory fields are always given) and 2 (a video mode request, which the spec lets a loader
     * answer with another mode: jvmm has no display, as QEMU ignores it).
     */
    static final int KNOWN_REQUIREMENTS = FLAG_PAGE_ALIGN | FLAG_MEMORY_INFO | FLAG_VIDEO;

    boolean aoutKludge() {
        return (flags & FLAG_AOUT_KLUDGE) != 0;
    }

    /** The header with a valid checksum, or null if there is none (a bad checksum is reported by {@link #parse}). */
    static MultibootHeader find(byte[] image) {
        try {
            return parse(image);
        } catch (BootException e) {
            return null;
        }
    }

    /** Like {@link #find} but distinguishes "no magic" (null) from a header that is broken (exception). */
    static MultibootHeader parse(byte[] image) throws BootException {
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        int limit = Math.min(SEARCH_LIMIT, image.length) - 12;
        for (int off = 0; off <= limit; off += 4) {
            if (b.getInt(off) != MAGIC) continue;
            int flags = b.getInt(off + 4);
            int checksum = b.getInt(off + 8);
            if (MAGIC + flags + checksum != 0) {
                throw new BootException(String.format(
                        "multiboot header at offset 0x%x has a bad checksum: 0x%08x + 0x%08x + 0x%08x != 0",
                        off, MAGIC, flags, checksum));
            }
            int unknown = flags & 0xFFFF & ~KNOWN_REQUIREMENTS;
            if (unknown != 0) {
                throw new BootException(String.format("multiboot header at offset 0x%x requires flag bits 0x%04x, which jvmm does"
                        + " not know (it knows 0x%04x: page alignment, memory information, a video mode)", off, unknown, KNOWN_REQUIREMENTS));
            }
            if ((flags & FLAG_AOUT_KLUDGE) != 0) {
                if (off + 32 > image.length) throw new BootException("truncated multiboot header (a.out kludge fields missing)");
                return new MultibootHeader(off, flags, u32(b, off + 12), u32(b, off + 16), u32(b, off + 20),
                        u32(b, off + 24), u32(b, off + 28));
            }
            return new MultibootHeader(off, flags, 0, 0, 0, 0, 0);
        }
        return null;
    }

    private static long u32(ByteBuffer b, int at) {
        return b.getInt(at) & 0xFFFF_FFFFL;
    }
}
