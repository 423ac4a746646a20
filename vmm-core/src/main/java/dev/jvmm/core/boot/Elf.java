package dev.jvmm.core.boot;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of the ELF format (System V gABI, "ELF-64 Object File Format") to find the loadable
 * segments and the entry point of a little-endian x86 or x86-64 executable. Every offset read from
 * the file is checked against its length, so a truncated or hostile file gives a {@link BootException}.
 */
final class Elf {
    static final int EM_386 = 3, EM_X86_64 = 62;
    private static final int PT_LOAD = 1, PT_NOTE = 4;
    /** Xen's ELF note giving the 32-bit physical entry point of the PVH boot ABI (xen/include/public/elfnote.h). */
    private static final int XEN_ELFNOTE_PHYS32_ENTRY = 18;

    /** One PT_LOAD program header. */
    record Segment(long physicalAddress, long fileOffset, long fileSize, long memorySize) {}

    final boolean is64;
    final int machine;
    final long entry;
    final List<Segment> loadSegments;
    /** The PVH entry point from a "Xen" note of type PHYS32_ENTRY, or -1 if the file has none. */
    final long pvhEntry;

    private Elf(boolean is64, int machine, long entry, List<Segment> loadSegments, long pvhEntry) {
        this.is64 = is64;
        this.machine = machine;
        this.entry = entry;
        this.loadSegments = loadSegments;
        this.pvhEntry = pvhEntry;
    }

    static boolean looksLikeElf(byte[] image) {
        return image.length >= 4 && image[0] == 0x7F && image[1] == 'E' && image[2] == 'L' && image[3] == 'F';
    }

    static Elf parse(byte[] image) throws BootException {
        if (image.length < 52) throw new BootException("truncated ELF: " + image.length + " bytes is shorter than an ELF header");
        int elfClass = image[4];
        if (elfClass != 1 && elfClass != 2) throw new BootException("ELF class " + elfClass + " is neither 32- nor 64-bit");
        if (image[5] != 1) throw new BootException("big-endian ELF: not an x86 image");
        boolean is64 = elfClass == 2;
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        int machine = b.getShort(18) & 0xFFFF;
        if (machine != EM_386 && machine != EM_X86_64) {
            throw new BootException("ELF for machine " + machine + " (" + machineName(machine) + "), not x86");
        }
        if (is64 && image.length < 64) throw new BootException("truncated ELF64 header");
        long entry = is64 ? b.getLong(24) : b.getInt(24) & 0xFFFF_FFFFL;
        long phoff = is64 ? b.getLong(32) : b.getInt(28) & 0xFFFF_FFFFL;
        int phentsize = b.getShort(is64 ? 54 : 42) & 0xFFFF;
        int phnum = b.getShort(is64 ? 56 : 44) & 0xFFFF;
        if (phnum == 0) throw new BootException("ELF has no program headers: nothing to load");
        if (phentsize < (is64 ? 56 : 32)) throw new BootException("ELF program header size " + phentsize + " is too small");
        if (phoff < 0 || phoff + (long) phentsize * phnum > image.length) {
            throw new BootException("truncated ELF: program headers end past the file's " + image.length + " bytes");
        }
        List<Segment> segments = new ArrayList<>();
        long pvhEntry = -1;
        for (int i = 0; i < phnum; i++) {
            int at = (int) (phoff + (long) i * phentsize);
            int type = b.getInt(at);
            if (type == PT_NOTE) {
                long offset = is64 ? b.getLong(at + 8) : b.getInt(at + 4) & 0xFFFF_FFFFL;
                long size = is64 ? b.getLong(at + 32) : b.getInt(at + 16) & 0xFFFF_FFFFL;
                if (offset >= 0 && size >= 0 && offset + size <= image.length) pvhEntry = Math.max(pvhEntry, pvhNote(b, offset, size));
                continue;
            }
            if (type != PT_LOAD) continue;
            long offset, paddr, filesz, memsz;
            if (is64) {
                offset = b.getLong(at + 8);
                paddr = b.getLong(at + 24);
                filesz = b.getLong(at + 32);
                memsz = b.getLong(at + 40);
            } else {
                offset = b.getInt(at + 4) & 0xFFFF_FFFFL;
                paddr = b.getInt(at + 12) & 0xFFFF_FFFFL;
                filesz = b.getInt(at + 16) & 0xFFFF_FFFFL;
                memsz = b.getInt(at + 20) & 0xFFFF_FFFFL;
            }
            if (offset < 0 || filesz < 0 || offset + filesz > image.length || offset + filesz < offset) {
                throw new BootException(String.format("truncated ELF: segment %d needs file bytes 0x%x-0x%x, file has 0x%x",
                        i, offset, offset + filesz, image.length));
            }
            if (memsz < 0 || paddr < 0 || paddr + memsz < 0) { // only ELF64's fields reach bit 63
                throw new BootException(String.format("ELF segment %d at 0x%x of 0x%x bytes reaches past any physical address",
                        i, paddr, memsz));
            }
            if (memsz < filesz) {
                throw new BootException(String.format("ELF segment %d has p_memsz 0x%x below its p_filesz 0x%x", i, memsz, filesz));
            }
            if (memsz > 0) segments.add(new Segment(paddr, offset, filesz, memsz));
        }
        if (segments.isEmpty()) throw new BootException("ELF has no loadable (PT_LOAD) segments");
        return new Elf(is64, machine, entry, segments, pvhEntry);
    }

    /** The PHYS32_ENTRY address among the notes in {@code [offset, offset + size)}, or -1. */
    private static long pvhNote(ByteBuffer b, long offset, long size) {
        long at = offset, end = offset + size;
        while (at + 12 <= end) {
            long nameSize = b.getInt((int) at) & 0xFFFF_FFFFL, descSize = b.getInt((int) at + 4) & 0xFFFF_FFFFL;
            int type = b.getInt((int) at + 8);
            long name = at + 12, desc = name + ((nameSize + 3) & ~3L), next = desc + ((descSize + 3) & ~3L);
            if (next > end) return -1;
            if (type == XEN_ELFNOTE_PHYS32_ENTRY && nameSize == 4 && descSize >= 4 && b.getInt((int) name) == 0x006E6558) {
                return b.getInt((int) desc) & 0xFFFF_FFFFL; // name "Xen\0"
            }
            at = next;
        }
        return -1;
    }

    private static String machineName(int machine) {
        return switch (machine) {
            case 40 -> "ARM";
            case 183 -> "AArch64";
            case 243 -> "RISC-V";
            case 8 -> "MIPS";
            case 20, 21 -> "PowerPC";
            default -> "unknown";
        };
    }
}
