package dev.jvmm.cpu.jit;

import dev.jvmm.core.jfr.UnitsInvalidatedEvent;
import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.cpu.interp.Cpu;
import java.util.ArrayList;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Translated units by guest physical entry address, with a per-page index for self-modifying
 * code. A unit is used only if its {@link UnitKey} matches the CPU. Pages holding units are
 * marked in {@link GuestMemory} so writes to them reach {@link #codeWritten}, which drops every
 * unit whose instruction bytes the write overlaps (writes to data sharing the page leave the
 * units alone). The cache is bounded: when full it is flushed, as QEMU does with its code buffer.
 */
final class TranslationCache {
    private final GuestMemory mem;
    private final int capacity;
    private final Long2ObjectHashMap<Unit> byEntry = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<ArrayList<Unit>> byPage = new Long2ObjectHashMap<>();
    /**
     * Instructions units hold that are not entry points: those inside a loop body
     * ({@link LoopEntries}), and the middle of straight-line blocks, which control reaches from
     * outside only after an exit such as a soft-TLB miss. Control that reaches one is interpreted
     * on to the next entry (for a loop body, the loop's header) rather than translated again as a
     * unit of its own.
     */
    private final Long2ObjectHashMap<Unit> inside = new Long2ObjectHashMap<>();
    private final JitStats stats;
    /** Leave pages marked when their last unit goes (the lockstep oracle marks every page to log writes). */
    boolean keepMarks;

    TranslationCache(GuestMemory mem, int capacity, JitStats stats) {
        this.mem = mem;
        this.capacity = capacity;
        this.stats = stats;
    }

    /** Entry points cached. */
    int size() {
        return byEntry.size();
    }

    /** The unit with an entry point at physical {@code pa} (linear {@code lin}) that fits the CPU's current mode, or null. */
    Unit lookup(long pa, long lin, Cpu c) {
        Unit u = byEntry.get(pa);
        return u != null && u.key.matches(c) && u.region.pageLin == (lin & ~0xFFFL) ? u : null;
    }

    /** A cached unit whose code covers physical {@code pa} (entered there or not), or null: for a debugger. */
    Unit covering(long pa) {
        Unit u = byEntry.get(pa);
        if (u == null) u = inside.get(pa);
        if (u != null) return u;
        ArrayList<Unit> list = byPage.get(pa >>> 12);
        if (list != null) for (Unit v : list) if (pa >= v.lo && pa < v.hi && v.region.insns.values().stream().anyMatch(g -> v.physical(g.rip) == pa)) return v;
        return null;
    }

    /** True if a cached unit that fits the CPU's mode holds the instruction at {@code pa} (linear {@code lin}) but is not entered there. */
    boolean insideLoop(long pa, long lin, Cpu c) {
        Unit u = inside.get(pa);
        return u != null && u.key.matches(c) && u.region.pageLin == (lin & ~0xFFFL);
    }

    /** Page offsets of the entry points of the unit whose loop body holds physical {@code pa} (see {@link #insideLoop}). */
    java.util.BitSet entryOffsetsOfUnitAround(long pa) {
        java.util.BitSet offsets = new java.util.BitSet(4096);
        Unit u = inside.get(pa);
        if (u != null) for (long rip : u.region.leaders) offsets.set((int) (u.physical(rip) & 0xFFF));
        return offsets;
    }

    /**
     * Page offsets of the entry points of the units cached on the page of physical {@code pa}
     * (linear {@code lin}) that fit the CPU's current mode: where a new straight-line region
     * there ends ({@link Region.Stops}).
     */
    java.util.BitSet entryOffsetsOnPage(long pa, long lin, Cpu c) {
        java.util.BitSet offsets = new java.util.BitSet(4096);
        ArrayList<Unit> list = byPage.get(pa >>> 12);
        if (list == null) return offsets;
        for (Unit u : list) {
            if (!u.key.matches(c) || u.region.pageLin != (lin & ~0xFFFL)) continue;
            for (long rip : u.region.leaders) offsets.set((int) (u.physical(rip) & 0xFFF));
        }
        return offsets;
    }

    /**
     * Adds a unit under its entry and under every other entry point not already served by a unit
     * (regions overlap; taking over another unit's entry points would make the two evict each other
     * forever). A unit previously cached at the entry itself (a different mode) is replaced there.
     */
    void insert(Unit u) {
        if (byEntry.size() >= capacity) {
            flush();
            stats.evictions++;
        }
        byEntry.put(u.entryPa, u);
        for (long rip : u.region.leaders) byEntry.putIfAbsent(u.physical(rip), u);
        for (long rip : u.region.insns.keySet()) {
            if (!u.region.leaders.contains(rip)) inside.putIfAbsent(u.physical(rip), u);
        }
        long page = u.entryPa >>> 12;
        byPage.computeIfAbsent(page, p -> new ArrayList<>()).add(u);
        mem.markCodePage(u.entryPa);
    }

    private void remove(Unit u) {
        u.valid = false;
        long page = u.entryPa >>> 12;
        ArrayList<Unit> list = byPage.get(page);
        if (list != null) {
            list.remove(u);
            if (list.isEmpty()) {
                byPage.remove(page);
                if (!keepMarks) mem.unmarkCodePage(page << 12);
            }
        }
        for (long rip : u.region.leaders) {
            if (byEntry.get(u.physical(rip)) == u) byEntry.remove(u.physical(rip));
        }
        for (long rip : u.region.insns.keySet()) {
            if (inside.get(u.physical(rip)) == u) inside.remove(u.physical(rip));
        }
    }

    /** A guest write of {@code size} bytes at {@code pa} hit a marked page: drops overlapping units; true if any. */
    boolean codeWritten(long pa, int size) {
        boolean any = false;
        int dropped = 0;
        for (long page = pa >>> 12; page <= (pa + size - 1) >>> 12; page++) {
            ArrayList<Unit> list = byPage.get(page);
            if (list == null) continue;
            for (Unit u : new ArrayList<>(list)) {
                if (pa < u.hi && pa + size > u.lo) {
                    remove(u);
                    stats.invalidations++;
                    dropped++;
                    any = true;
                }
            }
        }
        if (dropped > 0) {
            UnitsInvalidatedEvent event = new UnitsInvalidatedEvent();
            if (event.shouldCommit()) {
                event.physicalAddress = pa;
                event.writeBytes = size;
                event.units = dropped;
                event.commit();
            }
        }
        return any;
    }

    void flush() {
        if (!keepMarks) for (long page : new ArrayList<>(byPage.keySet())) mem.unmarkCodePage(page << 12);
        for (Unit u : byEntry.values()) u.valid = false;
        byPage.clear();
        byEntry.clear();
        inside.clear();
    }
}
