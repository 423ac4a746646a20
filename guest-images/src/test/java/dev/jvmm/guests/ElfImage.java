package dev.jvmm.guests;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Just enough of an ELF reader (header and program headers, 32 or 64 bit) to check the guest images. */
record ElfImage(int elfClass, int type, int machine, long entry, List<Segment> segments) {

    static final int CLASS_32 = 1;
    static final int CLASS_64 = 2;
    static final int ET_EXEC = 2;
    static final int EM_386 = 3;
    static final int EM_X86_64 = 0x3e;
    static final int PT_LOAD = 1;
    static final int PF_X = 1;

    /** One program header. */
    record Segment(int type, int flags, long offset, long vaddr, long paddr, long fileSize, long memSize) {
        boolean contains(long address) {
            return address >= vaddr && address < vaddr + memSize;
        }
    }

    static ElfImage parse(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 52 || b.getInt(0) != 0x464c457f) {
            throw new IllegalArgumentException("no ELF magic");
        }
        int elfClass = bytes[4];
        if (bytes[5] != 1) {
            throw new IllegalArgumentException("not little-endian");
        }
        boolean is64 = elfClass == CLASS_64;
        int type = Short.toUnsignedInt(b.getShort(16));
        int machine = Short.toUnsignedInt(b.getShort(18));
        long entry = is64 ? b.getLong(24) : Integer.toUnsignedLong(b.getInt(24));
        long phoff = is64 ? b.getLong(32) : Integer.toUnsignedLong(b.getInt(28));
        int phentsize = Short.toUnsignedInt(b.getShort(is64 ? 54 : 42));
        int phnum = Short.toUnsignedInt(b.getShort(is64 ? 56 : 44));
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            int p = Math.toIntExact(phoff + (long) i * phentsize);
            segments.add(is64
                    ? new Segment(b.getInt(p), b.getInt(p + 4), b.getLong(p + 8), b.getLong(p + 16),
                            b.getLong(p + 24), b.getLong(p + 32), b.getLong(p + 40))
                    : new Segment(b.getInt(p), b.getInt(p + 24), u32(b, p + 4), u32(b, p + 8), u32(b, p + 12),
                            u32(b, p + 16), u32(b, p + 20)));
        }
        return new ElfImage(elfClass, type, machine, entry, List.copyOf(segments));
    }

    List<Segment> loadSegments() {
        return segments.stream().filter(s -> s.type() == PT_LOAD).toList();
    }

    private static long u32(ByteBuffer b, int offset) {
        return Integer.toUnsignedLong(b.getInt(offset));
    }
}
