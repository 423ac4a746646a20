package dev.jvmm.cpu.jit;

import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.cpu.interp.Cpu;
import dev.jvmm.cpu.mmu.Mmu;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The translated code's memory fast path: a small direct-mapped soft TLB from linear page to
 * guest physical RAM page, for reads and for writes (side by side in one array). Units probe it with bytecode of their
 * own ({@code UnitEmitter.probe}): a hit is one array probe, one tag compare and one access to
 * RAM, direct ({@link RawMemory}) or through the segment and the small load/store methods here.
 * A miss leaves the unit and the
 * interpreter makes the access ({@link JitRuntime#tlbMiss}), then {@link #fillAfterMiss} enters the
 * page if it is plain RAM; under lockstep a miss is handled inside the unit ({@link #readMiss},
 * {@link #writeMiss}). Only plain RAM enters the write TLB — never MMIO, ROM, or pages holding
 * translated code (whose writes must reach the self-modifying-code listener).
 *
 * <p>Used only where segmentation cannot matter: flat 32-bit DS/ES/SS (base 0, 4 GiB limit,
 * writable) and non-FS/GS accesses in 64-bit mode; physical units (paging off) read RAM at a
 * fixed offset without it ({@code UnitEmitter.directRead}) and use it for writes only. The
 * entries are dropped when the MMU flushes or invalidates, the CPL or the A20 gate changes
 * ({@link #revalidate}), and when a page becomes a code page.
 */
public record FastMem(GuestMemory mem, MemorySegment ram, long ramBase, Object unsafe, long[] tlb, long[] stamp) {
    static final int BITS = 8, SIZE = 1 << BITS;
    /** Offsets of an index's read and write entries: entry i is [4i, 4i+1] for reads, [4i+2, 4i+3] for writes. */
    static final int READ = 0, WRITE = 2;
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /*
     * Why a record: each unit class loads its FastMem as a constant (a dynamic constant over the
     * hidden class's data), and HotSpot trusts a record's final fields, so C2 folds the TLB arrays,
     * their length and the RAM segment's bounds into the compiled unit. One array holds both
     * TLBs: index i's read entry is the (tag, page) pair at [4i, 4i+1], its write entry the pair at
     * [4i+2, 4i+3]. One array, one bounds check C2 can drop, and one register for its address in
     * a loop (two arrays were slower on sieve32 and matmul32). The tag is the linear
     * page number; the second word is an addend, as in QEMU's soft TLB: the
     * linear address plus the addend is the byte's host address when units access RAM directly,
     * its RAM offset otherwise.
     */

    /** A soft TLB whose units access RAM directly when this JVM allows it ({@link RawMemory}). */
    FastMem(GuestMemory mem) {
        this(mem, RawMemory.UNSAFE != null);
    }

    /** {@code raw}: units access RAM through {@link RawMemory#UNSAFE} (must be available), else through the segment. */
    FastMem(GuestMemory mem, boolean raw) {
        this(mem, mem.ram(), mem.ram().address(), raw ? java.util.Objects.requireNonNull(RawMemory.UNSAFE, "raw RAM access unavailable") : null,
                new long[4 * SIZE], new long[3]);
        flush();
    }

    /** True if units made for this TLB access RAM directly (see {@link RawMemory}). */
    boolean raw() {
        return unsafe != null;
    }

    /**
     * Before translated code runs after anything else did: keeps the entries if nothing that
     * changes a linear-to-physical mapping or its permissions happened since they were made (no
     * TLB flush or INVLPG in the MMU, same CPL, same A20 gate), otherwise drops them.
     */
    void revalidate(Cpu c) {
        long epoch = c.mmu.epoch(), a20 = mem.a20Mask();
        if (stamp[0] != epoch || stamp[1] != c.cpl || stamp[2] != a20) {
            flush();
            stamp[0] = epoch;
            stamp[1] = c.cpl;
            stamp[2] = a20;
        }
    }

    /** After the interpreter made the access a unit missed: enters {@code lin}'s page if it is plain RAM. */
    void fillAfterMiss(Cpu c, long lin, boolean write) {
        try {
            long page = ramPage(c, lin, write ? Mmu.WRITE : Mmu.READ);
            if (page < 0 || write && mem.isCodePage(page)) return;
            fill(write, lin, page);
        } catch (dev.jvmm.cpu.CpuException e) {
            // the mapping changed under the access (it faulted): nothing to enter
        }
    }

    /**
     * A unit's probe missed: enters {@code lin}'s page for {@code which} ({@link #READ} or {@link #WRITE})
     * now, before the access, if the access needs nothing but the TLB (plain RAM, no fault, not crossing
     * the page, no alignment or data-breakpoint check), so the unit probes again instead of leaving;
     * false sends it out to the interpreter as before. The translation sets the Accessed/Dirty bits the
     * access itself would set. Without this, a loop striding over more pages than the TLB holds
     * (kvm-unit-tests' sieve over 100 MB) left its unit on nearly every access.
     */
    static boolean refill(FastMem m, Cpu c, long lin, int size, int which) {
        if ((lin & 0xFFF) > 4096 - size || c.debugArmed) return false;
        if ((c.cr0 & dev.jvmm.core.cpu.ControlBits.CR0_AM) != 0 && c.cpl == 3 && (c.flags & Cpu.AC) != 0) return false;
        boolean write = which == WRITE;
        try {
            long page = m.ramPage(c, lin, write ? Mmu.WRITE : Mmu.READ);
            if (page < 0 || write && m.mem.isCodePage(page)) return false;
            m.fill(write, lin, page);
            return true;
        } catch (dev.jvmm.cpu.CpuException e) {
            return false; // the interpreter makes the access and delivers the fault
        }
    }

    // Loads and stores at a RAM offset the TLB gave, for units that access RAM through the segment.
    static long load1(MemorySegment ram, long pa) {
        return ram.get(ValueLayout.JAVA_BYTE, pa) & 0xFFL;
    }

    static long load2(MemorySegment ram, long pa) {
        return ram.get(U16, pa) & 0xFFFFL;
    }

    static long load4(MemorySegment ram, long pa) {
        return ram.get(U32, pa) & 0xFFFF_FFFFL;
    }

    static long load8(MemorySegment ram, long pa) {
        return ram.get(U64, pa);
    }

    static void store1(MemorySegment ram, long pa, long v) {
        ram.set(ValueLayout.JAVA_BYTE, pa, (byte) v);
    }

    static void store2(MemorySegment ram, long pa, long v) {
        ram.set(U16, pa, (short) v);
    }

    static void store4(MemorySegment ram, long pa, long v) {
        ram.set(U32, pa, (int) v);
    }

    static void store8(MemorySegment ram, long pa, long v) {
        ram.set(U64, pa, v);
    }

    /** Drops every entry: no linear address has page number -1 (units compare with an unsigned shift). */
    void flush() {
        for (int i = 0; i < 4 * SIZE; i += 2) tlb[i] = -1L;
    }

    /** Lockstep's miss path (inside the unit): the full access through the CPU, then fills the entry if the page is plain RAM. */
    static long readMiss(FastMem m, Cpu c, int seg, long lin, int size) {
        long v = c.read(seg, lin, size);
        long page = m.ramPage(c, lin, Mmu.READ);
        if (page >= 0) m.fill(false, lin, page);
        return v;
    }

    /** Lockstep's miss path for writes; pages holding translated code never enter the write TLB. */
    static void writeMiss(FastMem m, Cpu c, int seg, long lin, int size, long v) {
        c.write(seg, lin, size, v);
        long page = m.ramPage(c, lin, Mmu.WRITE);
        if (page >= 0 && !m.mem.isCodePage(page)) m.fill(true, lin, page);
    }

    private void fill(boolean write, long lin, long page) {
        // Every access through an entry stays in [page, page + 4096): the bound that makes direct access safe.
        if (page < 0 || page + 4096 > ram.byteSize()) throw new IllegalStateException("TLB fill outside RAM: " + Long.toHexString(page));
        int i = ((int) (lin >>> 12) & (SIZE - 1)) << 2 | (write ? WRITE : READ);
        long linPage = lin & ~0xFFFL;
        tlb[i] = lin >>> 12;
        // The addend: a unit adds the linear address to it and gets the host address (raw units)
        // or the RAM offset (segment units) of the byte it accesses.
        tlb[i + 1] = (raw() ? ramBase + page : page) - linPage;
    }

    /** The physical RAM page behind {@code lin} after a successful access, or -1 if it is not plain RAM. */
    private long ramPage(Cpu c, long lin, int access) {
        if (mem.a20Mask() != -1L) return -1;
        long pa = c.mmu.translate(lin, access, c.cpl == 3) & ~0xFFFL;
        if (c.cpl != 3 && c.mmu.smapGuarded(lin)) return -1; // SMAP decides by RFLAGS.AC, which units do not check
        return mem.isRam(pa, 4096) ? pa : -1;
    }
}
