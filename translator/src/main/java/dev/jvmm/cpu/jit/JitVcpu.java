package dev.jvmm.cpu.jit;

import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.engine.Platform;
import dev.jvmm.core.engine.VcpuExit;
import dev.jvmm.cpu.CpuException;
import dev.jvmm.cpu.interp.Cpu;
import dev.jvmm.cpu.interp.Interpreter;
import dev.jvmm.cpu.interp.SoftwareVcpu;
import dev.jvmm.cpu.mmu.Mmu;
import java.util.function.Consumer;

/**
 * The jit engine's run loop: the interpreter's loop (NMIs and interrupts at instruction boundaries, timers
 * every batch and after port I/O, HLT as idle time, stop requests) with one addition: at every
 * instruction boundary where the CPU is not single-stepping or in an interrupt shadow, look up a
 * translated unit for the current guest physical RIP and run it instead of one interpreted
 * instruction. Entry points are counted while interpreted; one that reaches
 * {@link #HOT_THRESHOLD} executions ({@code -Djvmm.jit.threshold}, default 40) is translated.
 */
final class JitVcpu extends SoftwareVcpu {
    static final int HOT_THRESHOLD = Integer.getInteger("jvmm.jit.threshold", 40);
    /** An entry inside a cached unit's loop body becomes a unit of its own only this many times later. */
    static final int INSIDE_LOOP_FACTOR = 64;
    static final int CACHE_CAPACITY = 8192;
    private static final int HOT_SLOTS = 1 << 14;
    private static final int NEVER = Integer.MIN_VALUE / 2;
    /** A hot slot whose translation is under way on the background thread. */
    private static final int PENDING = Integer.MIN_VALUE / 4;

    final JitRuntime rt;
    final TranslationCache cache;
    final JitStats stats = new JitStats();
    private final Translator translator;
    /** Null when translating on the vCPU thread (lockstep, or -Djvmm.jit.background=false). */
    private BackgroundTranslator background;
    /** Pages with a translation under way: other entries there wait for it (its region likely covers them). */
    private final org.agrona.collections.LongHashSet pendingPages = new org.agrona.collections.LongHashSet();
    private final int[] hot = new int[HOT_SLOTS];
    private LockstepChecker checker;
    /** Chain links, the jump cache, then {@link #lookupOrTranslate}. */
    private final Dispatcher dispatcher;
    /**
     * A unit left in the middle of a block (a soft-TLB miss: the interpreter made that access and
     * RIP is now the next instruction, which is no entry point). The interpreter runs on to the
     * unit's next entry point, a few instructions at most; for up to this many steps those
     * instructions are not counted as hot entries, or each would become a unit of its own, a copy
     * of the same loop compiled again (sort32 made 31 units for one function that way).
     */
    static final int MID_BLOCK_STEPS = 16;
    /** {@code -Djvmm.jit.flagsAcrossUnits=false}: every unit exit computes RFLAGS ({@link JitRuntime#flagsAcrossUnits}). */
    static final boolean FLAGS_ACROSS_UNITS = Boolean.parseBoolean(System.getProperty("jvmm.jit.flagsAcrossUnits", "true"));
    /** {@code -Djvmm.jit.straightStops=false}: straight-line regions run on through code other units on the page hold. */
    static final boolean STRAIGHT_STOPS = Boolean.parseBoolean(System.getProperty("jvmm.jit.straightStops", "true"));
    private int midBlockSteps;
    /** Set when the lockstep oracle found a divergence. */
    private String divergence;

    JitVcpu(Platform platform, Consumer<String> trace) {
        this(platform, trace, !"false".equals(System.getProperty("jvmm.jit.background")));
    }

    JitVcpu(Platform platform, Consumer<String> trace, boolean translateInBackground) {
        this(platform, 0, null, trace, translateInBackground);
    }

    /** vCPU {@code index} of a machine whose vCPUs share {@code group} (null: the only one). */
    JitVcpu(Platform platform, int index, dev.jvmm.core.engine.VcpuGroup group, Consumer<String> trace, boolean translateInBackground) {
        super(platform, index, group);
        this.rt = new JitRuntime(interp);
        this.cache = new TranslationCache(platform.memory(), CACHE_CAPACITY, stats);
        this.translator = new Translator(rt.fastMem, stats, trace);
        this.dispatcher = new Dispatcher(stats, rt, this::lookupOrTranslate);
        this.others = group != null;
        if (others) {
            // Several caches watch one RAM: a page stays marked while any may hold code there, so none unmarks.
            cache.keepMarks = true;
            platform.memory().addCodeWriteListener(this::codeWrittenByAnyone);
        } else {
            platform.memory().setCodeWriteListener(this::codeWritten);
        }
        translator.tsoFences = others;
        if (others) pic.setKickListener(() -> rt.kicked = true);
        rt.flagsAcrossUnits = FLAGS_ACROSS_UNITS;
        if (translateInBackground) background = new BackgroundTranslator(rt.fastMem, trace, others);
    }

    /** The self-modifying-code hook: a guest write hit a page holding translated code. */
    void codeWritten(long pa, int size) {
        if (cache.codeWritten(pa, size)) rt.codeWritten = true;
    }

    // ---- other vCPUs (cross-modifying code) ----
    private final boolean others;
    /** The thread running this vCPU (set as its loop starts): its own writes invalidate at once. */
    private volatile Thread owner;
    /** Code writes made by other vCPUs, {pa, size}, for this vCPU's thread to apply to its cache. */
    private final java.util.concurrent.ConcurrentLinkedQueue<long[]> foreignWrites = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile boolean foreignPending;
    private int codePagesSeen = -1;

    /**
     * A code-page write by any vCPU. This vCPU's own invalidates at once; another's is queued and applied
     * before this vCPU's next unit (the SDM asks cross-modifying code to serialize the executing CPU
     * anyway, so a unit already running may finish).
     */
    private void codeWrittenByAnyone(long pa, int size) {
        if (Thread.currentThread() == owner) {
            codeWritten(pa, size);
            return;
        }
        foreignWrites.add(new long[] {pa, size});
        foreignPending = true;
    }

    /** Before a unit: other vCPUs' code writes reach this cache, and their new code pages leave this soft TLB's write side. */
    private void catchUpWithOthers() {
        if (foreignPending) {
            foreignPending = false;
            long[] w;
            while ((w = foreignWrites.poll()) != null) cache.codeWritten(w[0], (int) w[1]);
        }
        int marked = platform.memory().codePagesMarked();
        if (marked != codePagesSeen) {
            codePagesSeen = marked;
            rt.fastMem.flush();
        }
    }

    /** Turns on the lockstep oracle: every unit run is replayed on the interpreter and compared. */
    void attach(LockstepChecker checker) {
        this.checker = checker;
        if (background != null) background.close();
        background = null; // deterministic: translate on the vCPU thread
        translator.missCallsInUnit = true; // every page is watched: misses stay inside units
        rt.settleFlags(cpu);
        rt.flagsAcrossUnits = false; // the oracle compares RFLAGS after every unit
        cache.keepMarks = true;
    }

    /** The lockstep checker attached, or null. */
    LockstepChecker checker() {
        return checker;
    }

    /** The CPU state translated units run on (the lockstep checker compares it). */
    Cpu cpu() {
        return cpu;
    }

    Interpreter interp() {
        return interp;
    }

    @Override
    protected String label() {
        return "jit engine";
    }

    @Override
    protected String failureContext() {
        Unit last = dispatcher.lastUnit;
        return last == null ? "" : String.format(" (last translated unit entered at %x)", last.key.entryRip());
    }

    /**
     * Units hand lazy flags on to the next unit ({@link JitRuntime#flagsAcrossUnits}); RFLAGS is
     * computed before anything else can read it: the interpreter, an interrupt's delivery, and
     * whoever looks at the CPU once the loop has returned.
     */
    @Override
    protected VcpuExit loop() throws InterruptedException {
        try {
            return runBatches();
        } finally {
            rt.settleFlags(cpu);
        }
    }

    private VcpuExit runBatches() throws InterruptedException {
        if (others) owner = Thread.currentThread();
        while (true) {
            if (stopAsked()) return exitForStop();
            VcpuExit halted = waitWhileHalted();
            if (halted != null) return halted;
            if (stopAsked()) return exitForStop();
            long batchEnd = cpu.instructions + BATCH;
            while (cpu.instructions < batchEnd) {
                if (rt.kicked) rt.kicked = false; // before the polls: a kick after them leaves the next unit early
                if (rt.ccOp != 0 && (pic.nmiPending() || pic.interruptPending())) rt.settleFlags(cpu);
                if (acceptInterrupt()) {
                    dispatcher.broken();
                    if (interp.shutdown != null) return shutdown();
                }
                if (cpu.halted) break;
                if (divergence != null) {
                    retire();
                    return new VcpuExit.InternalError(divergence);
                }
                if (!runUnit()) interpretOne();
                if (interp.shutdown != null) return shutdown();
                if (interp.ioDone) {
                    interp.ioDone = false;
                    retire();
                    timers.runDue();
                    if (stopAsked()) break;
                }
                if (cpu.halted) break;
            }
            retire();
            timers.runDue();
        }
    }

    /** Runs one instruction in the interpreter (after computing RFLAGS from what the last unit left). */
    void interpretOne() {
        dispatcher.broken();
        rt.exitLink = -1;
        rt.settleFlags(cpu);
        interp.step();
        stats.interpreted++;
    }

    /** Single-step mode runs the interpreter only, exactly as the interp engine does. */
    @Override
    public void setSingleStep(boolean on) {
        super.setSingleStep(on);
        dispatcher.broken();
    }

    /** Runs the translated unit for the current RIP if there is (or now should be) one; false to interpret. */
    boolean runUnit() {
        if (others) catchUpWithOthers();
        Unit u = dispatcher.find(cpu);
        if (u == null) return false;
        rt.codeWritten = false;
        if (!dispatcher.chained()) rt.fastMem.revalidate(cpu); // something else ran: paging, CPL or A20 may differ
        dispatcher.entering(u);
        if (checker != null) checker.beforeUnit(u);
        int why = u.code.run(cpu, rt);
        rt.codeWritten = false;
        if (checker != null && divergence == null) divergence = checker.afterUnit(u, why);
        dispatcher.ran(why);
        midBlockSteps = why == CompiledUnit.EXIT_TLB_MISS || why == CompiledUnit.EXIT_SMC ? MID_BLOCK_STEPS : 0;
        stats.unitRuns++;
        stats.exits[why]++;
        return true;
    }

    /**
     * The translation-cache side of {@link Dispatcher#find}: the cached unit for this entry, else
     * count it as hot and translate it once it reaches the threshold; null to interpret.
     */
    private Unit lookupOrTranslate(long lin, long pa) {
        if (background != null) installFinished();
        Unit u = cache.lookup(pa, lin, cpu);
        if (u != null) {
            stats.cacheHits++;
            return u;
        }
        if (midBlockSteps > 0) {
            midBlockSteps--;
            return null;
        }
        int slot = (int) (pa ^ (pa >>> 14) ^ cpu.mode) & (HOT_SLOTS - 1);
        // Inside a cached unit's loop body: interpret on to the loop's header, which is an entry,
        // unless this place is entered so often on its own that it deserves a unit anyway.
        boolean insideLoop = cache.insideLoop(pa, lin, cpu);
        int threshold = insideLoop ? HOT_THRESHOLD * INSIDE_LOOP_FACTOR : HOT_THRESHOLD;
        if (++hot[slot] < threshold) return null;
        stats.cacheMisses++;
        hot[slot] = 0;
        if (!platform.memory().isRam(pa, 1)) {
            hot[slot] = NEVER;
            return null;
        }
        // A unit for a place inside another unit's loop stops at that unit's entry points (the
        // loop's header among them) and chains to it there, instead of holding a second copy of
        // the loop. Any other unit stops at the entry points of the units on its page unless its
        // entry lies on a loop (Region.Stops).
        Region.Stops stops = insideLoop ? new Region.Stops(cache.entryOffsetsOfUnitAround(pa), true)
                : STRAIGHT_STOPS ? new Region.Stops(cache.entryOffsetsOnPage(pa, lin, cpu), false) : null;
        if (background != null) {
            if (pendingPages.add(pa >>> 12)) {
                hot[slot] = PENDING;
                background.submit(UnitKey.of(cpu), pa, slot, stops);
            }
            return null;
        }
        try {
            u = translator.translate(UnitKey.of(cpu), pa, stops);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            stats.translationFailures++;
            hot[slot] = NEVER;
            if (stats.translationFailures <= 3) {
                System.err.printf("jvmm jit: translation at %x failed (interpreting it instead): %s%n", cpu.rip, e);
            }
            return null;
        }
        if (u == null) {
            hot[slot] = NEVER;
            return null;
        }
        cache.insert(u);
        rt.fastMem.flush(); // the new unit's page is now a code page: no fast writes to it
        return u;
    }

    /** Installs units the background thread finished, if their bytes are unchanged. */
    private void installFinished() {
        for (BackgroundTranslator.Done d; (d = background.poll()) != null; ) {
            pendingPages.remove(d.page());
            if (d.failure() != null) {
                stats.translationFailures++;
                hot[d.hotSlot()] = NEVER;
                if (stats.translationFailures <= 3) {
                    System.err.printf("jvmm jit: background translation failed (interpreting instead): %s%n", d.failure());
                }
            } else if (d.unit() == null) {
                hot[d.hotSlot()] = NEVER;
            } else if (!BackgroundTranslator.stillMatches(d.unit(), platform.memory())) {
                stats.staleTranslations++;
                hot[d.hotSlot()] = 0; // the code changed meanwhile: count again
            } else {
                cache.insert(d.unit());
                rt.fastMem.flush(); // the page is now a code page: no fast writes to it
                hot[d.hotSlot()] = 0;
            }
        }
    }

    @Override
    public void setState(CpuState state) {
        super.setState(state);
        rt.ccOp = 0; // RFLAGS is the new state's
        dispatcher.broken();
    }

    @Override
    public CpuState state() {
        rt.settleFlags(cpu);
        return super.state();
    }

    @Override
    public void close() {
        if (background != null) background.close();
        if (checker != null) checker.close();
    }

    /** The cached unit holding the instruction at CS:RIP, as {@code --trace jit} prints it; null if none does. */
    @Override
    public String translationAtPc() {
        long lin = Dispatcher.entryLinear(cpu);
        if (Dispatcher.noFetch(lin)) return null;
        long pa = dev.jvmm.core.cpu.PageWalk.toPhysical(state(), platform.memory(), lin); // no accessed bits set, no fault
        if (pa == dev.jvmm.core.cpu.PageWalk.NOT_MAPPED) return null;
        Unit u = cache.covering(pa);
        return u == null ? null : UnitTrace.describe(u);
    }

    /** The --stats counters that move while a guest runs: units, unit runs, cache use, exits by reason. */
    @Override
    public void sampleCounters(java.util.function.ObjLongConsumer<String> out) {
        JitStats t = background == null ? stats : background.stats;
        out.accept("instructions retired", cpu.instructions);
        out.accept("jit: instructions interpreted", stats.interpreted);
        out.accept("jit: units translated", t.unitsTranslated);
        out.accept("jit: bytecode bytes", t.bytecodeBytes);
        out.accept("jit: unit runs", stats.unitRuns);
        out.accept("jit: chained entries", stats.chainHits);
        out.accept("jit: jump-cache hits", stats.jumpCacheHits);
        out.accept("jit: cache hits", stats.cacheHits);
        out.accept("jit: invalidations", stats.invalidations);
        for (int i = 0; i < stats.exits.length; i++) out.accept("jit: exits " + CompiledUnit.exitName(i), stats.exits[i]);
    }

    @Override
    public String stats() {
        JitStats shown = background == null ? stats : stats.withTranslation(background.stats);
        return shown.format(cpu.instructions, rt.fallbacks) + String.format("%njit: %d entry points cached", cache.size())
                + interp.undefinedStats();
    }
}
