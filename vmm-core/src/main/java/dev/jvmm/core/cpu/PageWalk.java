package dev.jvmm.core.cpu;

import dev.jvmm.core.memory.GuestMemory;

/**
 * Translates a linear address to a physical one by reading the guest's page tables, the way the
 * CPU's page walker does (SDM vol. 3 chapter 4), but only looking: no accessed/dirty bits are set,
 * no permission is checked and nothing faults. For traces, reports and debuggers, never for the
 * guest's own accesses (the engines' MMUs do those).
 *
 * <p>Covers the four modes a CpuState can be in: paging off, 32-bit paging (with 4 MiB pages when
 * CR4.PSE is set), PAE paging and 4-level paging (with 2 MiB and 1 GiB pages).
 */
public final class PageWalk {
    /** Returned when the address is not mapped (a not-present entry). */
    public static final long NOT_MAPPED = -1;
    private static final long PRESENT = 1, PAGE_SIZE = 1 << 7;
    private static final long ADDRESS_BITS = 0x000F_FFFF_FFFF_F000L;

    private PageWalk() {}

    public static long toPhysical(CpuState s, GuestMemory memory, long linear) {
        if ((s.cr0 & ControlBits.CR0_PG) == 0) return s.longModeActive() ? linear : linear & 0xFFFF_FFFFL;
        if (s.longModeActive()) return fourLevel(s.cr3, memory, linear);
        if ((s.cr4 & ControlBits.CR4_PAE) != 0) return pae(s.cr3, memory, linear & 0xFFFF_FFFFL);
        return legacy(s, memory, linear & 0xFFFF_FFFFL);
    }

    private static long fourLevel(long cr3, GuestMemory m, long linear) {
        long pml4e = m.read64((cr3 & ADDRESS_BITS) + ((linear >>> 39) & 511) * 8);
        if ((pml4e & PRESENT) == 0) return NOT_MAPPED;
        long pdpte = m.read64((pml4e & ADDRESS_BITS) + ((linear >>> 30) & 511) * 8);
        if ((pdpte & PRESENT) == 0) return NOT_MAPPED;
        if ((pdpte & PAGE_SIZE) != 0) return (pdpte & 0x000F_FFFF_C000_0000L) | (linear & 0x3FFF_FFFFL);
        return directoryAndTable(m, pdpte & ADDRESS_BITS, linear);
    }

    private static long pae(long cr3, GuestMemory m, long linear) {
        long pdpte = m.read64((cr3 & 0xFFFF_FFE0L) + ((linear >>> 30) & 3) * 8);
        if ((pdpte & PRESENT) == 0) return NOT_MAPPED;
        return directoryAndTable(m, pdpte & ADDRESS_BITS, linear);
    }

    /** The last two levels of PAE and 4-level paging: 8-byte entries, 2 MiB large pages. */
    private static long directoryAndTable(GuestMemory m, long directory, long linear) {
        long pde = m.read64(directory + ((linear >>> 21) & 511) * 8);
        if ((pde & PRESENT) == 0) return NOT_MAPPED;
        if ((pde & PAGE_SIZE) != 0) return (pde & 0x000F_FFFF_FFE0_0000L) | (linear & 0x1F_FFFFL);
        long pte = m.read64((pde & ADDRESS_BITS) + ((linear >>> 12) & 511) * 8);
        if ((pte & PRESENT) == 0) return NOT_MAPPED;
        return (pte & ADDRESS_BITS) | (linear & 0xFFF);
    }

    private static long legacy(CpuState s, GuestMemory m, long linear) {
        long pde = m.read32((s.cr3 & 0xFFFF_F000L) + ((linear >>> 22) & 1023) * 4) & 0xFFFF_FFFFL;
        if ((pde & PRESENT) == 0) return NOT_MAPPED;
        if ((pde & PAGE_SIZE) != 0 && (s.cr4 & ControlBits.CR4_PSE) != 0) {
            return (pde & 0xFFC0_0000L) | (linear & 0x3F_FFFFL); // a 4 MiB page (PSE-36 high bits ignored)
        }
        long pte = m.read32((pde & 0xFFFF_F000L) + ((linear >>> 12) & 1023) * 4) & 0xFFFF_FFFFL;
        if ((pte & PRESENT) == 0) return NOT_MAPPED;
        return (pte & 0xFFFF_F000L) | (linear & 0xFFF);
    }
}
