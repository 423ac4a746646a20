package dev.jvmm.cpu.mmu;

import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.cpu.CpuException;

/**
 * The software MMU: linear to physical translation with a direct-mapped TLB, for the three x86
 * paging modes (SDM vol. 3 chapter 4): 32-bit (4 KiB pages, 4 MiB with CR4.PSE), PAE (4 KiB / 2 MiB)
 * and 4-level long mode (4 KiB / 2 MiB / 1 GiB). Walks set Accessed and Dirty bits; U/S, R/W (with
 * CR0.WP for supervisor writes) and NX (EFER.NXE) are enforced; a fault raises #PF with the error
 * code and leaves the address in {@link #faultAddress} (the exception delivery copies it to CR2).
 *
 * <p>SMAP (CR4.SMAP, SDM vol. 3 §4.6.1): a supervisor-mode data access to a user-mode page (U/S set at
 * every level) faults, except an explicit one while RFLAGS.AC is set ({@link #setAlignmentCheckFlag});
 * implicit supervisor accesses (descriptor tables, TSS, IDT: {@link #readImplicit}, {@link #writeImplicit})
 * fault whatever AC says. Instruction fetches are not affected (that would be SMEP).
 *
 * <p>A TLB entry remembers, per page, which of the six kinds of access (read/write/fetch x
 * supervisor/user) may proceed without a walk; a write to a clean page is not allowed through the
 * TLB so the walk can set D. Not modelled: global pages (every flush drops all entries; allowed by
 * the architecture), reserved-bit checks other than NX, PCID, SMEP/SMAP, PKEYs.
 */
public final class Mmu {
    public static final int READ = 0, WRITE = 1, FETCH = 2;
    /**
     * Entries: enough for every page of a 128 MiB working set, so a loop striding over a large array
     * (kvm-unit-tests' sieve over 100 MB) does not walk on every access. A flush is O(1) anyway: each
     * tag carries the generation it was made in ({@link #generation}), and a flush starts a new one.
     */
    private static final int TLB_SIZE = 1 << 15;
    /** Tags are the page number (bits 0-51) plus the generation in bits 52-63; generation 0 marks an empty entry. */
    private static final int GENERATION_SHIFT = 52;
    private static final long GENERATIONS = 1L << (64 - GENERATION_SHIFT);
    private static final long ADDR_MASK = 0x000F_FFFF_FFFF_F000L;
    private static final long P = 1, RW = 2, US = 4, A = 0x20, D = 0x40, PS = 0x80, NX = 1L << 63;

    private final GuestMemory mem;
    private final CpuException fault;
    private final long[] tlbTag = new long[TLB_SIZE];
    private final long[] tlbPhys = new long[TLB_SIZE];
    private final int[] tlbAllow = new int[TLB_SIZE];

    /** TLB permission bits beyond the six {@code 1 << (access * 2 + user)}: supervisor read/write with AC=1 under SMAP. */
    private static final int SUPERVISOR_READ_AC = 1 << 6, SUPERVISOR_WRITE_AC = 1 << 7;

    private boolean paging, pae, longMode, pse, wp, nxe, smap;
    /** RFLAGS.AC of the CPU using this MMU (consulted only under SMAP). */
    private java.util.function.BooleanSupplier alignmentCheckFlag = () -> false;
    /** The access under way is an implicit supervisor access (system structures): AC does not open user pages. */
    private boolean implicit;
    private long cr3;
    /** The linear address of the last page fault. */
    public long faultAddress;
    private long epoch;
    /** The current generation shifted into tag position; tags of older generations never match. */
    private long generation;

    public Mmu(GuestMemory mem, CpuException fault) {
        this.mem = mem;
        this.fault = fault;
        flush();
    }

    public GuestMemory memory() {
        return mem;
    }

    /** Takes the paging controls from CR0/CR3/CR4/EFER and flushes the TLB. */
    public void configure(long cr0, long cr3, long cr4, long efer) {
        paging = (cr0 & (1L << 31)) != 0 && (cr0 & 1) != 0;
        wp = (cr0 & (1 << 16)) != 0;
        pae = (cr4 & (1 << 5)) != 0;
        pse = (cr4 & (1 << 4)) != 0;
        longMode = (efer & (1 << 10)) != 0;
        nxe = (efer & (1 << 11)) != 0;
        smap = (cr4 & (1 << 21)) != 0;
        this.cr3 = cr3;
        flush();
    }

    /** Where SMAP reads RFLAGS.AC (the owning CPU's flags). */
    public void setAlignmentCheckFlag(java.util.function.BooleanSupplier ac) {
        this.alignmentCheckFlag = ac;
    }

    /**
     * True if an access at {@code linear} (translated just before) is one SMAP decides by RFLAGS.AC: a
     * supervisor data access to a user page. Caches that skip the MMU must not keep such a translation.
     */
    public boolean smapGuarded(long linear) {
        if (!smap || !paging) return false;
        int i = (int) (linear >>> 12) & (TLB_SIZE - 1);
        return tlbTag[i] != ((linear >>> 12) | generation) || (tlbAllow[i] & 2) != 0; // user-readable page (or unknown)
    }

    public boolean pagingEnabled() {
        return paging;
    }

    public void flush() {
        long next = (generation >>> GENERATION_SHIFT) + 1;
        if (next == GENERATIONS) { // every generation used: empty the entries for real and start over
            java.util.Arrays.fill(tlbTag, 0L);
            next = 1;
        }
        generation = next << GENERATION_SHIFT;
        epoch++;
    }

    /** Counts TLB flushes and INVLPGs: a cache of translations made at one epoch is valid while it lasts. */
    public long epoch() {
        return epoch;
    }

    /** INVLPG. */
    public void invalidate(long linear) {
        int i = (int) (linear >>> 12) & (TLB_SIZE - 1);
        tlbTag[i] = 0L;
        epoch++;
    }

    /** The physical address of {@code linear} for an access of the given kind, or #PF. */
    public long translate(long linear, int access, boolean user) {
        if (!paging) return linear;
        long vpn = linear >>> 12;
        int i = (int) vpn & (TLB_SIZE - 1);
        int bit = 1 << (access * 2 + (user ? 1 : 0));
        if (smap && !user && access != FETCH && !implicit && alignmentCheckFlag.getAsBoolean()) {
            bit = access == READ ? SUPERVISOR_READ_AC : SUPERVISOR_WRITE_AC;
        }
        if (tlbTag[i] == (vpn | generation) && (tlbAllow[i] & bit) != 0) return tlbPhys[i] | (linear & 0xFFF);
        return walk(linear, access, user);
    }

    private long entry(long pa) {
        return pae || longMode ? mem.read64(pa) : mem.read32(pa) & 0xFFFF_FFFFL;
    }

    private void setBits(long pa, long e, long bits) {
        if ((e & bits) == bits) return;
        if (pae || longMode) mem.write64(pa, e | bits);
        else mem.write32(pa, (int) (e | bits));
    }

    private long walk(long linear, int access, boolean user) {
        long[] entries = walkEntries;
        long[] addrs = walkAddrs;
        int n = 0;
        long pageBase;
        long pageSize;
        if (longMode) {
            long table = cr3 & ADDR_MASK;
            int shift = 39;
            while (true) {
                long pa = table + ((linear >>> shift) & 0x1FF) * 8;
                long e = entry(pa);
                addrs[n] = pa;
                entries[n++] = e;
                if ((e & P) == 0) throw pageFault(linear, access, user, NOT_PRESENT);
                if (shift == 12 || (shift <= 30 && (e & PS) != 0)) {
                    pageSize = 1L << shift;
                    pageBase = e & ADDR_MASK & ~(pageSize - 1);
                    break;
                }
                table = e & ADDR_MASK;
                shift -= 9;
            }
        } else if (pae) {
            long pdpte = mem.read64((cr3 & 0xFFFF_FFE0L) + ((linear >>> 30) & 3) * 8);
            if ((pdpte & P) == 0) throw pageFault(linear, access, user, NOT_PRESENT);
            long table = pdpte & ADDR_MASK;
            int shift = 21;
            while (true) {
                long pa = table + ((linear >>> shift) & 0x1FF) * 8;
                long e = entry(pa);
                addrs[n] = pa;
                entries[n++] = e;
                if ((e & P) == 0) throw pageFault(linear, access, user, NOT_PRESENT);
                if (shift == 12 || (e & PS) != 0) {
                    pageSize = 1L << shift;
                    pageBase = e & ADDR_MASK & ~(pageSize - 1);
                    break;
                }
                table = e & ADDR_MASK;
                shift = 12;
            }
        } else {
            long pdePa = (cr3 & 0xFFFF_F000L) + ((linear >>> 22) & 0x3FF) * 4;
            long pde = entry(pdePa);
            addrs[n] = pdePa;
            entries[n++] = pde;
            if ((pde & P) == 0) throw pageFault(linear, access, user, NOT_PRESENT);
            if (pse && (pde & PS) != 0) {
                pageSize = 4L << 20;
                pageBase = pde & 0xFFC0_0000L;
            } else {
                long ptePa = (pde & 0xFFFF_F000L) + ((linear >>> 12) & 0x3FF) * 4;
                long pte = entry(ptePa);
                addrs[n] = ptePa;
                entries[n++] = pte;
                if ((pte & P) == 0) throw pageFault(linear, access, user, NOT_PRESENT);
                pageSize = 4096;
                pageBase = pte & 0xFFFF_F000L;
            }
        }
        boolean writable = true, userOk = true, exec = true;
        for (int k = 0; k < n; k++) {
            long e = entries[k];
            writable &= (e & RW) != 0;
            userOk &= (e & US) != 0;
            if (nxe && (e & NX) != 0) exec = false;
            if (!nxe && (pae || longMode) && (e & NX) != 0) throw pageFault(linear, access, user, RESERVED);
        }
        boolean allowed = switch (access) {
            case WRITE -> user ? userOk && writable : writable || !wp;
            case FETCH -> exec && (!user || userOk);
            default -> !user || userOk;
        };
        boolean smapUserPage = smap && userOk;
        if (smapUserPage && !user && access != FETCH && (implicit || !alignmentCheckFlag.getAsBoolean())) allowed = false;
        if (!allowed) throw pageFault(linear, access, user, PROTECTION);
        for (int k = 0; k < n; k++) {
            boolean leaf = k == n - 1;
            setBits(addrs[k], entries[k], leaf && access == WRITE ? A | D : A);
        }
        boolean dirty = access == WRITE || (entries[n - 1] & D) != 0;
        long phys = pageBase + (linear & (pageSize - 1) & ~0xFFFL);
        int allow = SUPERVISOR_READ_AC | (smapUserPage ? 0 : 1); // supervisor read
        if (userOk) allow |= 1 << 1;
        if (dirty && (writable || !wp)) allow |= SUPERVISOR_WRITE_AC | (smapUserPage ? 0 : 1 << 2);
        if (dirty && userOk && writable) allow |= 1 << 3;
        if (exec) allow |= 1 << 4;
        if (exec && userOk) allow |= 1 << 5;
        int i = (int) (linear >>> 12) & (TLB_SIZE - 1);
        tlbTag[i] = (linear >>> 12) | generation;
        tlbPhys[i] = phys;
        tlbAllow[i] = allow;
        return phys | (linear & 0xFFF);
    }

    private final long[] walkEntries = new long[5];
    private final long[] walkAddrs = new long[5];

    private static final int NOT_PRESENT = 0, PROTECTION = 1, RESERVED = 9;

    /** #PF error code (SDM vol. 3 §4.7): P, W/R, U/S, RSVD, I/D. */
    private CpuException pageFault(long linear, int access, boolean user, int kind) {
        faultAddress = linear;
        int code = kind;
        return fault.raise(CpuException.PF, code | (access == WRITE ? 2 : 0) | (user ? 4 : 0)
                | (access == FETCH && nxe ? 16 : 0));
    }


    // ---- accesses ----

    /** A supervisor read of a system structure (GDT, LDT, IDT, TSS): SMAP denies user pages even with AC set. */
    public long readImplicit(long lin, int size) {
        boolean was = implicit;
        implicit = true;
        try {
            return read(lin, size, false);
        } finally {
            implicit = was;
        }
    }

    /** A supervisor write of a system structure (accessed bits, TSS busy bit, task state). */
    public void writeImplicit(long lin, int size, long v) {
        boolean was = implicit;
        implicit = true;
        try {
            write(lin, size, v, false);
        } finally {
            implicit = was;
        }
    }

    public int read8(long lin, boolean user) {
        return mem.read8(translate(lin, READ, user));
    }

    public int read16(long lin, boolean user) {
        if ((lin & 0xFFF) <= 0xFFE) return mem.read16(translate(lin, READ, user));
        return read8(lin, user) | read8(lin + 1, user) << 8;
    }

    public int read32(long lin, boolean user) {
        if ((lin & 0xFFF) <= 0xFFC) return mem.read32(translate(lin, READ, user));
        return read16(lin, user) | read16(lin + 2, user) << 16;
    }

    public long read64(long lin, boolean user) {
        if ((lin & 0xFFF) <= 0xFF8) return mem.read64(translate(lin, READ, user));
        return (read32(lin, user) & 0xFFFF_FFFFL) | (long) read32(lin + 4, user) << 32;
    }

    public int fetch8(long lin, boolean user) {
        return mem.read8(translate(lin, FETCH, user));
    }

    public void write8(long lin, int v, boolean user) {
        mem.write8(translate(lin, WRITE, user), v);
    }

    public void write16(long lin, int v, boolean user) {
        if ((lin & 0xFFF) <= 0xFFE) mem.write16(translate(lin, WRITE, user), v);
        else writeSplit(lin, v, 2, user);
    }

    public void write32(long lin, int v, boolean user) {
        if ((lin & 0xFFF) <= 0xFFC) mem.write32(translate(lin, WRITE, user), v);
        else writeSplit(lin, v, 4, user);
    }

    public void write64(long lin, long v, boolean user) {
        if ((lin & 0xFFF) <= 0xFF8) mem.write64(translate(lin, WRITE, user), v);
        else writeSplit(lin, v, 8, user);
    }

    /** A write crossing a page: both pages are translated (and may fault) before any byte lands. */
    private void writeSplit(long lin, long v, int size, boolean user) {
        translate(lin, WRITE, user);
        translate(lin + size - 1, WRITE, user);
        for (int k = 0; k < size; k++) mem.write8(translate(lin + k, WRITE, user), (int) (v >>> (8 * k)));
    }

    public long read(long lin, int size, boolean user) {
        return switch (size) {
            case 1 -> read8(lin, user);
            case 2 -> read16(lin, user);
            case 4 -> read32(lin, user) & 0xFFFF_FFFFL;
            default -> read64(lin, user);
        };
    }

    public void write(long lin, int size, long v, boolean user) {
        switch (size) {
            case 1 -> write8(lin, (int) v, user);
            case 2 -> write16(lin, (int) v, user);
            case 4 -> write32(lin, (int) v, user);
            default -> write64(lin, v, user);
        }
    }
}
