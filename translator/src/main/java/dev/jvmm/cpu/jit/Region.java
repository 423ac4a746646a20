package dev.jvmm.cpu.jit;

import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.cpu.CpuException;
import dev.jvmm.cpu.decode.CodeFetcher;
import dev.jvmm.cpu.decode.Decoder;
import dev.jvmm.cpu.decode.Insn;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.TreeMap;

/**
 * A translation region: the guest instructions reachable from one entry point without leaving
 * its 4 KiB page, found by following fall-through and direct branch edges (a small control flow
 * graph). Compiling the whole region into one method lets HotSpot see guest loops as loops.
 *
 * <p>Instructions are read straight from guest physical memory (the page the entry maps to); an
 * instruction that would cross the page or the CS limit is left out, so control reaching it
 * leaves the unit and the interpreter fetches it with full checks.
 */
final class Region {
    /** Loop regions ({@link #keepLoopOfEntry}); {@code -Djvmm.jit.loopRegions=false} keeps the whole reachable page code. */
    static final boolean LOOP_REGIONS = Boolean.parseBoolean(System.getProperty("jvmm.jit.loopRegions", "true"));
    static final boolean RETURN_SITES = Boolean.parseBoolean(System.getProperty("jvmm.jit.returnSites", "true"));
    /** Physical units read without the soft TLB ({@link #directEnd}); {@code -Djvmm.jit.direct=false} keeps the TLB everywhere. */
    static final boolean DIRECT = Boolean.parseBoolean(System.getProperty("jvmm.jit.direct", "true"));
    /** Entry points only where no loop gets a second way in ({@link LoopEntries}); {@code -Djvmm.jit.loopEntriesOnly=false} allows every leader. */
    static final boolean LOOP_ENTRIES_ONLY = Boolean.parseBoolean(System.getProperty("jvmm.jit.loopEntriesOnly", "true"));
    final UnitKey key;
    final long pagePa;
    /** Linear address of the page (RIP-to-linear is CS base + RIP, or RIP itself in 64-bit mode). */
    final long pageLin;
    final TreeMap<Long, GuestInsn> insns = new TreeMap<>();
    /**
     * Objects the unit's code loads as constants after the fixed class data ({@link UnitEmitter#classConstant}):
     * element {@code k} is class data element {@code UnitCompiler.FIXED_CLASS_DATA + k}. Filled while emitting.
     */
    final java.util.List<Object> classConstants = new java.util.ArrayList<>();
    /**
     * Entry points: where the dispatcher may enter the unit. The entry, every branch target, and
     * every instruction control can come back to after leaving the unit (after a Jcc, a CALL, an
     * interpreter fallback), except those inside a loop body ({@link LoopEntries}). A unit left at
     * a budget check is re-entered at a branch target.
     */
    final java.util.TreeSet<Long> leaders = new java.util.TreeSet<>();
    /**
     * Where a soft-TLB miss goes: false (normal) leaves the unit and lets the interpreter make the
     * access; true (lockstep) makes it inside the unit through {@link FastMem#readMiss} /
     * {@link FastMem#writeMiss}, so translated code keeps running when every page is watched.
     */
    boolean missCallsInUnit;
    /**
     * The machine has several vCPUs: every guest load is followed by an acquire fence and every guest store
     * preceded by a release fence, so HotSpot keeps loads in order, stores in order and a store after the
     * loads before it, and re-reads memory in a spin loop — x86-TSO, which lets only a store pass a later
     * load. On an x86 host the fences emit no instruction; they only bind the compiler.
     */
    boolean tsoFences;
    /** Soft-TLB hits access RAM directly ({@link RawMemory}); set from the {@link FastMem} the unit is made for. */
    boolean rawMemory;
    /**
     * Physical units ({@link UnitKey#physical}) with raw memory read without the soft TLB: a flat
     * read below this bound ({@link dev.jvmm.core.memory.GuestMemory#plainRamEnd}) goes straight to
     * RAM. Zero in every other unit.
     */
    long directEnd;
    /** The host address of guest physical address 0, for physical units. */
    long ramBase;

    /** Makes this region's units access memory the way {@code fastMem} allows: raw or through the segment, direct or through the TLB. */
    void accessMemoryThrough(FastMem fastMem) {
        rawMemory = fastMem.raw();
        directEnd = DIRECT && rawMemory && key.physical() ? fastMem.mem().plainRamEnd() : 0;
        ramBase = fastMem.ramBase();
    }
    /**
     * Return sites: the instruction after each direct CALL in the region. A RET in the region whose
     * popped RIP is one of these jumps there inside the unit (see {@link ControlEmitter#ret}), so a
     * function that calls itself, or one that is called from a loop on its page, stays in one unit.
     */
    final java.util.TreeSet<Long> returnSites = new java.util.TreeSet<>();
    /** The entry lies on a cycle and the region holds only the cycles through it ({@link #keepLoopOfEntry}). */
    boolean loop;
    /** Number of constant-target exits (link slots), set by the emitter. */
    int exitSlots;

    private Region(UnitKey key, long pagePa, long pageLin) {
        this.key = key;
        this.pagePa = pagePa;
        this.pageLin = pageLin;
    }

    Collection<GuestInsn> instructions() {
        return insns.values();
    }

    /** The "line" of the code after the last instruction's: exits and slow paths the instructions share. */
    static final int TAILS_LINE = 4097;

    /** The bytecode "line number" of the instruction at {@code rip}: its offset in the page, plus one (lines start at 1). */
    int lineOf(long rip) {
        return (int) (linear(rip) & 0xFFF) + 1;
    }

    GuestInsn at(long rip) {
        return insns.get(rip);
    }

    /** True if {@code rip} lies in this region's page (and inside the CS limit). */
    boolean inPage(long rip) {
        if (key.mode() != 64 && Long.compareUnsigned(rip, key.csLimit()) > 0) return false;
        return (linear(rip) & ~0xFFFL) == pageLin;
    }

    long linear(long rip) {
        return key.mode() == 64 ? rip : (key.csBase() + rip) & 0xFFFF_FFFFL;
    }

    /** A direct branch target the interpreter would accept without #GP (CS limit, canonical form). */
    private static boolean validTarget(UnitKey key, long t) {
        return key.mode() == 64 ? ((t << 16) >> 16) == t : Long.compareUnsigned(t, key.csLimit()) <= 0;
    }

    /** Raised by the fetcher when decoding would leave the page or the CS limit. */
    private static final class OffPage extends RuntimeException {
        OffPage() {
            super(null, null, false, false);
        }
    }

    private static final OffPage OFF_PAGE = new OffPage();

    /**
     * If the entry lies on a cycle, keeps only the instructions on cycles through it (those
     * reachable from the entry that can also reach it back): the hot loop, with any loops nested
     * in it, becomes the whole method, and code that leaves the loop for good becomes exits.
     * HotSpot then compiles the loop without the register pressure and branch profiles of
     * unrelated code around it; a loop sharing a method with other loops ran at very different
     * speeds depending on which code it was grouped with ({@code bench/results/design-measurements.md}).
     */
    private boolean keepLoopOfEntry() {
        long entry = key.entryRip();
        java.util.Map<Long, java.util.List<Long>> preds = new java.util.HashMap<>();
        for (GuestInsn g : insns.values()) {
            if (g.fallsThrough() && insns.containsKey(g.next)) preds.computeIfAbsent(g.next, k -> new java.util.ArrayList<>()).add(g.rip);
            if (g.hasTarget() && insns.containsKey(g.target)) preds.computeIfAbsent(g.target, k -> new java.util.ArrayList<>()).add(g.rip);
            for (long t : g.tableTargets) preds.computeIfAbsent(t, k -> new java.util.ArrayList<>()).add(g.rip);
        }
        if (RETURN_SITES) for (GuestInsn ret : insns.values()) { // a RET may go back to any return site in the region
            if (!ret.isNearReturn()) continue;
            for (GuestInsn call : insns.values()) {
                if (call.flow == GuestInsn.Flow.CALL && call.kind == GuestInsn.Kind.INLINE && insns.containsKey(call.next)) {
                    preds.computeIfAbsent(call.next, k -> new java.util.ArrayList<>()).add(ret.rip);
                }
            }
        }
        java.util.Set<Long> reachesEntry = new java.util.HashSet<>();
        ArrayDeque<Long> work = new ArrayDeque<>(preds.getOrDefault(entry, java.util.List.of()));
        while (!work.isEmpty()) {
            long rip = work.poll();
            if (reachesEntry.add(rip)) work.addAll(preds.getOrDefault(rip, java.util.List.of()));
        }
        if (!reachesEntry.contains(entry)) return false; // not on a cycle: straight-line code keeps everything
        insns.keySet().retainAll(reachesEntry);
        return true;
    }

    /**
     * Page offsets where a region ends (entry points of units already cached there: control goes
     * on into them through a chained exit), {@code evenOnLoops}: also when the region's entry lies
     * on a cycle, else only when it does not. A loop region ignores stops unless told otherwise, so
     * its loop never leaves the unit on every pass; straight-line code (a function's start, the
     * code after a loop) stops, so it does not hold another copy of loops other units already
     * hold: compiling the same instructions again costs the translator and HotSpot.
     */
    record Stops(java.util.BitSet offsets, boolean evenOnLoops) {}

    /** Decodes the region entered at {@code key.entryRip()} (physical {@code entryPa}), at most {@code maxInsns} instructions. */
    static Region decode(GuestMemory mem, UnitKey key, long entryPa, int maxInsns) {
        return decode(mem, key, entryPa, maxInsns, (Stops) null);
    }

    /** {@link #decode(GuestMemory, UnitKey, long, int)}, not decoding past a page offset in {@code stops} (other than the entry's; null: no stops). */
    static Region decode(GuestMemory mem, UnitKey key, long entryPa, int maxInsns, Stops stops) {
        if (stops == null) return decode(mem, key, entryPa, maxInsns, (java.util.BitSet) null);
        if (stops.evenOnLoops() || !LOOP_REGIONS) return decode(mem, key, entryPa, maxInsns, stops.offsets());
        Region whole = decode(mem, key, entryPa, maxInsns, (java.util.BitSet) null);
        return whole.loop ? whole : decode(mem, key, entryPa, maxInsns, stops.offsets());
    }

    /** {@link #decode(GuestMemory, UnitKey, long, int)}, not decoding past a page offset in {@code stops} (other than the entry's). */
    private static Region decode(GuestMemory mem, UnitKey key, long entryPa, int maxInsns, java.util.BitSet stops) {
        long entryLin = key.mode() == 64 ? key.entryRip() : (key.csBase() + key.entryRip()) & 0xFFFF_FFFFL;
        Region region = new Region(key, entryPa & ~0xFFFL, entryLin & ~0xFFFL);
        CodeFetcher fetcher = ip -> {
            if (!region.inPage(ip)) throw OFF_PAGE;
            return mem.read8(region.pagePa + (region.linear(ip) & 0xFFF));
        };
        Decoder decoder = new Decoder();
        Insn scratch = new Insn();
        ArrayDeque<Long> work = new ArrayDeque<>();
        work.add(key.entryRip());
        long ipMask = key.mode() == 64 ? -1L : key.mode() == 32 ? 0xFFFF_FFFFL : 0xFFFF;
        while (!work.isEmpty() && region.insns.size() < maxInsns) {
            long rip = work.poll();
            while (region.insns.size() < maxInsns && !region.insns.containsKey(rip) && region.inPage(rip)
                    && (stops == null || rip == key.entryRip() || !stops.get((int) (region.linear(rip) & 0xFFF)))) {
                try {
                    decoder.decode(fetcher, rip, key.mode(), scratch);
                } catch (OffPage | CpuException e) {
                    break; // left for the interpreter
                }
                long next = (rip + scratch.length) & ipMask;
                GuestInsn g = new GuestInsn(rip, next, scratch.copy());
                g.bytes = new byte[scratch.length];
                for (int k = 0; k < scratch.length; k++) g.bytes[k] = (byte) fetcher.fetch(rip + k);
                InsnClassifier.classify(g);
                if (g.hasTarget() && !validTarget(key, g.target)) g.kind = GuestInsn.Kind.FALLBACK_EXIT;
                region.insns.put(rip, g);
                if (g.hasTarget() && region.inPage(g.target)) work.add(g.target);
                if (RETURN_SITES && g.hasTarget() && g.flow == GuestInsn.Flow.CALL && region.inPage(next)) work.add(next); // its return site
                if (JumpTables.ENABLED && g.isIndirectJump()) {
                    g.tableTargets = JumpTables.targetsInPage(mem, region, g);
                    for (long t : g.tableTargets) work.add(t);
                }
                if (!g.fallsThrough()) break;
                rip = next;
            }
        }
        for (GuestInsn g : region.insns.values()) { // table targets left out (the size limit) stay exits
            if (g.tableTargets.length > 0) g.tableTargets = java.util.Arrays.stream(g.tableTargets).filter(region.insns::containsKey).toArray();
        }
        if (LOOP_REGIONS) region.loop = region.keepLoopOfEntry();
        for (GuestInsn g : region.insns.values()) { // and so do those the loop region dropped
            if (g.tableTargets.length > 0) g.tableTargets = java.util.Arrays.stream(g.tableTargets).filter(region.insns::containsKey).toArray();
        }
        // Count jump predecessors so straight-line code keeps static knowledge of the flag producer.
        region.leaders.add(key.entryRip());
        for (GuestInsn g : region.insns.values()) {
            if (g.hasTarget()) {
                GuestInsn t = region.insns.get(g.target);
                if (t != null) {
                    t.jumpPreds++;
                    region.leaders.add(g.target);
                }
            }
            for (long t : g.tableTargets) {
                region.insns.get(t).jumpPreds++;
                region.leaders.add(t);
            }
            if (g.hasTarget() && g.flow == GuestInsn.Flow.CALL && region.insns.containsKey(g.next)) region.returnSites.add(g.next);
            boolean resumes = g.kind != GuestInsn.Kind.INLINE || g.flow == GuestInsn.Flow.JCC || g.flow == GuestInsn.Flow.CALL;
            if (resumes && region.insns.containsKey(g.next)) region.leaders.add(g.next);
        }
        boolean anyReturn = RETURN_SITES && region.insns.values().stream().anyMatch(GuestInsn::isNearReturn);
        if (!anyReturn) region.returnSites.clear();
        for (long site : region.returnSites) region.insns.get(site).jumpPreds++;
        if (LOOP_ENTRIES_ONLY) {
            java.util.Set<Long> inside = LoopEntries.insideLoopBodies(region);
            region.leaders.removeIf(rip -> rip != key.entryRip() && inside.contains(rip));
        }
        return region;
    }
}
