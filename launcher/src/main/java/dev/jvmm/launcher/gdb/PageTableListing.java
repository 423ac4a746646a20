package dev.jvmm.launcher.gdb;

import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.memory.GuestMemory;

/**
 * {@code monitor info mem}: the guest's current page tables as ranges of linear addresses, each with
 * where it maps and its rights (QEMU's {@code info mem} and {@code info tlb} in one), contiguous
 * pages with the same rights merged. Walks 32-bit (PSE 4 MiB pages), PAE and 4-level tables (SDM
 * vol. 3, 4.3-4.5); reads only, sets no accessed bits; a table outside RAM ends that branch.
 */
final class PageTableListing {
    private static final long PRESENT = 1, WRITABLE = 2, USER = 4, LARGE = 0x80, NX = 1L << 63;
    private static final long ADDRESS = 0x000F_FFFF_FFFF_F000L;
    private static final int MAX_LINES = 400;

    private final GuestMemory memory;
    private final StringBuilder out = new StringBuilder();
    private long runStart = -1, runEnd, runPhys, runFlags;
    private int lines;

    private PageTableListing(GuestMemory memory) {
        this.memory = memory;
    }

    static String of(CpuState s, GuestMemory memory) {
        if ((s.cr0 & ControlBits.CR0_PG) == 0) return "paging is off: linear addresses are physical\n";
        PageTableListing l = new PageTableListing(memory);
        l.out.append(String.format("%-18s %-18s %-18s %s%n", "linear", "end", "physical", "rights"));
        if (s.longModeActive()) {
            l.table(s.cr3 & ADDRESS, 39, 512, 8, 0, WRITABLE | USER, true);
        } else if ((s.cr4 & ControlBits.CR4_PAE) != 0) {
            l.table(s.cr3 & 0xFFFF_FFE0L, 30, 4, 8, 0, WRITABLE | USER, false);
        } else {
            l.table(s.cr3 & 0xFFFF_F000L, 22, 1024, 4, 0, WRITABLE | USER, (s.cr4 & ControlBits.CR4_PSE) != 0);
        }
        l.flush();
        if (l.lines >= MAX_LINES) l.out.append("... (more ranges not shown)\n");
        return l.out.toString();
    }

    /**
     * One table at physical {@code base}: {@code entries} entries of {@code size} bytes, each mapping
     * {@code 1 << shift} bytes from {@code linear}; {@code rights} what the levels above allow.
     * {@code large}: a PS entry here is a large page (PDPTE in 4-level, PDE with PSE or PAE).
     */
    private void table(long base, int shift, int entries, int size, long linear, long rights, boolean large) {
        if (!memory.isRam(base, (long) entries * size)) return;
        for (int i = 0; i < entries && lines < MAX_LINES; i++) {
            long e = size == 8 ? memory.read64(base + (long) i * 8) : memory.read32(base + (long) i * 4) & 0xFFFF_FFFFL;
            if ((e & PRESENT) == 0) continue;
            long at = linear + ((long) i << shift);
            if (shift == 39 && (at & (1L << 47)) != 0) at |= 0xFFFF_0000_0000_0000L; // canonical upper half
            boolean topOfPae = size == 8 && entries == 4;
            long r = topOfPae ? rights : rights & (e & (WRITABLE | USER)) | (rights & NX) | (e & NX);
            long next = size == 4 ? e & 0xFFFF_F000L : e & ADDRESS;
            if (shift == 12) {
                page(at, next, 1L << 12, r);
            } else if ((e & LARGE) != 0 && !topOfPae && (large || shift == 21)) {
                long pageSize = 1L << shift;
                page(at, (size == 4 ? e & 0xFFC0_0000L : e & ADDRESS) & ~(pageSize - 1), pageSize, r);
            } else {
                int childShift = shift == 22 ? 12 : shift - 9;
                table(next, childShift, size == 4 ? 1024 : 512, size, at, r, size == 4 ? large : childShift >= 21);
            }
        }
    }

    private void page(long linear, long physical, long length, long rights) {
        if (runStart != -1 && linear == runEnd && physical == runPhys + (runEnd - runStart) && rights == runFlags) {
            runEnd += length;
            return;
        }
        flush();
        runStart = linear;
        runEnd = linear + length;
        runPhys = physical;
        runFlags = rights;
    }

    private void flush() {
        if (runStart == -1) return;
        out.append(String.format("%016x   %016x   %016x   %s%s%s%n", runStart, runEnd - 1, runPhys,
                (runFlags & USER) != 0 ? "u" : "s", (runFlags & WRITABLE) != 0 ? "w" : "r", (runFlags & NX) != 0 ? "-" : "x"));
        lines++;
        runStart = -1;
    }
}
