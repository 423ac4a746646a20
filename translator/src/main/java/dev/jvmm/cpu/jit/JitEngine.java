package dev.jvmm.cpu.jit;

import dev.jvmm.core.engine.Engine;
import dev.jvmm.core.engine.Platform;
import dev.jvmm.core.engine.Vcpu;
import dev.jvmm.cpu.interp.Cpu;
import dev.jvmm.cpu.interp.Interpreter;
import dev.jvmm.cpu.mmu.Mmu;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.function.IntSupplier;

/**
 * The {@code jit} engine: the interpreter plus the bytecode translator. Hot guest code is
 * translated into hidden classes that HotSpot compiles; everything else is interpreted. Set
 * {@code -Djvmm.jit.trace=true} (or use {@link #withUnitTrace}, as {@code --trace jit} does) to print every translated unit (guest instructions and bytecode).
 * Translation runs on a background thread while the vCPU keeps interpreting
 * ({@code -Djvmm.jit.background=false} translates on the vCPU thread instead).
 */
public final class JitEngine implements Engine {
    private final boolean background;
    private final Consumer<String> unitTrace;

    /** Translation on a background thread unless {@code -Djvmm.jit.background=false}. */
    public JitEngine() {
        this(!"false".equals(System.getProperty("jvmm.jit.background")));
    }

    /** {@code background}: translate on a worker thread (the vCPU keeps interpreting meanwhile) or on the vCPU thread. */
    JitEngine(boolean background) {
        this(background, Boolean.getBoolean("jvmm.jit.trace") ? System.err::println : null);
    }

    private JitEngine(boolean background, Consumer<String> unitTrace) {
        this.background = background;
        this.unitTrace = unitTrace;
    }

    /** This engine printing every unit it translates to {@code out}: guest disassembly beside the bytecode ({@code --trace jit}). */
    public JitEngine withUnitTrace(Consumer<String> out) {
        return new JitEngine(background, out);
    }

    @Override
    public String name() {
        return "jit";
    }

    @Override
    public Vcpu createVcpu(Platform platform) {
        return new JitVcpu(platform, unitTrace, background);
    }

    @Override
    public String smpUnavailableReason(int vcpus) {
        return null;
    }

    /** One {@link JitVcpu} per vCPU, each with its own translation cache and soft TLB, all watching the one RAM for code writes. */
    @Override
    public dev.jvmm.core.engine.Machine createMachine(Platform platform) {
        return new dev.jvmm.cpu.interp.SoftwareMachine(platform, (p, index, group) -> new JitVcpu(p, index, group, unitTrace, background));
    }

    /**
     * Translates the region entered at the interpreter CPU's current CS:RIP from scratch — decode,
     * bytecode generation and hidden-class definition, exactly what the run loop does for a hot
     * entry — outside any run loop or translation cache (for benchmarks and tools). Returns a
     * runner that executes the unit once from the CPU's current state (RIP must be one of the
     * unit's entry points) and gives its exit reason ({@code CompiledUnit.EXIT_*}), or null if there is nothing to translate. The
     * unit is not cached, so writes to its code do not invalidate it.
     */
    public static IntSupplier translateStandalone(Interpreter interp) throws ReflectiveOperationException {
        Cpu c = interp.cpu();
        long lin = c.mode == 64 ? c.rip : (c.segBase[Cpu.CS] + c.rip) & 0xFFFF_FFFFL;
        JitRuntime rt = new JitRuntime(interp);
        Unit u = new Translator(rt.fastMem, new JitStats(), null).translate(UnitKey.of(c), c.mmu.translate(lin, Mmu.FETCH, c.cpl == 3));
        if (u == null) return null;
        return () -> u.code.run(c, rt);
    }

    /**
     * For benchmarks: translates a unit at each of {@code entries} (the code must be there;
     * addresses are physical and linear alike, so flat mode without paging) in the interpreter
     * CPU's current mode and puts them in a translation cache of the run loop's capacity. The
     * returned test does what the run loop does when it probes the cache for entry {@code i} — the
     * hash map, then the unit's mode key and linear page — and says whether a unit was found.
     */
    public static IntPredicate cacheLookupStandalone(Interpreter interp, long[] entries) throws ReflectiveOperationException {
        Cpu c = interp.cpu();
        JitStats stats = new JitStats();
        TranslationCache cache = new TranslationCache(c.mem, JitVcpu.CACHE_CAPACITY, stats);
        Translator translator = new Translator(new FastMem(c.mem), stats, null);
        long rip = c.rip;
        try {
            for (long entry : entries) {
                c.rip = entry;
                Unit u = translator.translate(UnitKey.of(c), entry);
                if (u == null) throw new IllegalArgumentException("nothing to translate at " + Long.toHexString(entry));
                cache.insert(u);
            }
        } finally {
            c.rip = rip;
        }
        long[] at = entries.clone();
        return i -> cache.lookup(at[i], at[i], c) != null;
    }
}
