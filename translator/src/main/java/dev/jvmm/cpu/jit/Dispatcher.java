package dev.jvmm.cpu.jit;

import dev.jvmm.cpu.CpuException;
import dev.jvmm.cpu.interp.Cpu;
import dev.jvmm.cpu.mmu.Mmu;

/**
 * Finds the unit to run at the current RIP, cheapest way first: the link the last unit's
 * constant-target exit made to the unit that followed it (chaining), the jump cache for computed
 * exits (RET, CALL/JMP r/m), then the translation cache through {@link Miss}, which also counts
 * hot entries and translates them ({@link JitVcpu} owns that). Owned by the vCPU's thread.
 *
 * <p>Links and jump-cache entries are trusted only while translated code alone runs: then paging,
 * the CPU mode and CS cannot change, and a link was made when both units fitted the same mode.
 * The run loop says when that chain breaks ({@link #broken}): whenever the interpreter runs, an
 * interrupt is delivered, or the CPU state is replaced.
 */
final class Dispatcher {
    /** The translation-cache side: the cached unit for {@code lin}/{@code pa}, translating it if it is now hot; null to interpret. */
    interface Miss {
        Unit lookupOrTranslate(long lin, long pa);
    }

    private static final int JUMP_CACHE = 1024;
    /** A non-canonical address: "fetching here would fault". */
    private static final long NO_FETCH = Long.MIN_VALUE;

    private final JitStats stats;
    private final JitRuntime rt;
    private final Miss miss;
    /** The last unit run (for chaining and internal error reports). */
    Unit lastUnit;
    /** The last thing that ran was a unit that left without the interpreter running anything. */
    private boolean chained;
    /**
     * Jump cache for computed exits: linear RIP to unit. Entries carry the generation they were
     * made in; anything run outside units starts a new generation.
     */
    private final long[] jumpTag = new long[JUMP_CACHE];
    private final int[] jumpGen = new int[JUMP_CACHE];
    private final Unit[] jumpUnit = new Unit[JUMP_CACHE];
    private int generation = 1;

    Dispatcher(JitStats stats, JitRuntime rt, Miss miss) {
        this.stats = stats;
        this.rt = rt;
        this.miss = miss;
    }

    /** Something other than a unit ran (or will): links and the jump cache wait for the next unit. */
    void broken() {
        chained = false;
    }

    /** True while only translated code ran since the last {@link #broken}. */
    boolean chained() {
        return chained;
    }

    /** Unit {@code u} is about to run. */
    void entering(Unit u) {
        lastUnit = u;
    }

    /** Records how the unit left ({@code why}, an {@code EXIT_} code): only branch, budget and code-write exits keep the chain. */
    void ran(int why) {
        chained = why == CompiledUnit.EXIT_BRANCH || why == CompiledUnit.EXIT_BUDGET || why == CompiledUnit.EXIT_SMC;
    }

    /** The unit to run at CS:RIP of {@code cpu}; null to interpret (single-step, interrupt shadow, a fetch that faults, no unit). */
    Unit find(Cpu cpu) {
        if ((cpu.flags & Cpu.TF) != 0 || cpu.interruptShadow) return null;
        long lin = entryLinear(cpu);
        if (lin == NO_FETCH) return null;
        long pa;
        try {
            pa = cpu.mmu.translate(lin, Mmu.FETCH, cpu.cpl == 3);
        } catch (CpuException e) {
            return null; // the interpreter will raise the fault
        }
        if (!chained) generation++;
        int link = rt.exitLink;
        Unit from = lastUnit;
        if (chained && link >= 0 && from != null) {
            Unit next = from.links[link];
            if (next != null) {
                if (next.valid && next.region.pagePa == (pa & ~0xFFFL) && next.region.pageLin == (lin & ~0xFFFL)) {
                    stats.chainHits++;
                    return next;
                }
                from.links[link] = null;
            }
        }
        int j = (int) (lin ^ (lin >>> 10)) & (JUMP_CACHE - 1);
        if (chained && link < 0 && jumpGen[j] == generation && jumpTag[j] == lin) {
            Unit u = jumpUnit[j];
            if (u.valid && u.region.pagePa == (pa & ~0xFFFL)) {
                stats.jumpCacheHits++;
                return u;
            }
        }
        Unit found = miss.lookupOrTranslate(lin, pa);
        if (found != null && chained && link >= 0 && from != null && from.valid) from.links[link] = found;
        if (found != null) {
            jumpTag[j] = lin;
            jumpGen[j] = generation;
            jumpUnit[j] = found;
        }
        return found;
    }

    /** Linear address of CS:RIP, or {@link #NO_FETCH} if fetching it would fault (the interpreter will raise it). */
    static long entryLinear(Cpu cpu) {
        if (cpu.mode == 64) {
            long lin = cpu.rip;
            return ((lin << 16) >> 16) != lin ? NO_FETCH : lin;
        }
        if (cpu.rip > cpu.segLimit[Cpu.CS]) return NO_FETCH;
        return (cpu.segBase[Cpu.CS] + cpu.rip) & 0xFFFF_FFFFL;
    }

    /** True if {@code lin} (from {@link #entryLinear}) is no address to fetch from. */
    static boolean noFetch(long lin) {
        return lin == NO_FETCH;
    }
}
