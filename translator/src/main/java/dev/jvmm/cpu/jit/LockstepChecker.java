package dev.jvmm.cpu.jit;

import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.cpu.interp.Cpu;
import dev.jvmm.cpu.interp.Interpreter;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.agrona.collections.LongHashSet;

/**
 * The lockstep oracle. A shadow CPU with its own copy of guest RAM is driven by the interpreter:
 * before each translated unit runs, the shadow is brought to the real CPU's state (registers and
 * every byte written since the last check); after the unit, the shadow interprets the same
 * number of steps and the two are compared — the full {@link CpuState} and every byte either side
 * wrote. A unit run that did port I/O, reached an MMIO device (a local APIC's timer count, say: the
 * shadow's RAM has no devices) or asked the interrupt controller for a register of the CPU's own (x2APIC and
 * TSC-deadline MSRs, CR8, CPUID's APIC bits and ID: {@link Cpu#controllerAccesses}; the shadow has no
 * controller) runs once, on the real CPU, and the shadow just copies the outcome (it is brought up to date
 * before the next unit).
 *
 * <p>On a divergence the checker pinpoints the first guest instruction that differs: from a third
 * copy of RAM as it was before the unit, the interpreter and one-instruction translated units are
 * stepped side by side and compared after every instruction.
 *
 * <p>Writes are logged by marking every RAM page of both memories as a code page, so every write
 * reports its address to a listener; the checker keeps the pages written (not the bytes: a
 * {@code REP STOSD} over all of RAM is a few hundred thousand pages, not billions of bytes) and syncs and
 * compares whole pages. That makes lockstep runs slow; it is a debugging and test tool.
 * {@link #close()} gives back the two extra copies of RAM.
 */
final class LockstepChecker implements AutoCloseable {
    private static final long PAGE = GuestMemory.PAGE_SIZE;
    private final JitVcpu vcpu;
    private final GuestMemory mem;
    private final GuestMemory shadowMem;
    /** RAM as it was before the current unit (synced like the shadow, never replayed): for pinpointing. */
    private final GuestMemory preMem;
    private final Cpu shadow;
    private final Interpreter shadowInterp;
    /** Page numbers (physical address / 4 KiB) written since the last sync. */
    private final LongHashSet realWrites = new LongHashSet();
    private final LongHashSet shadowWrites = new LongHashSet();
    private boolean started;
    private CpuState before;
    private long beforeInstructions, beforeFaults, beforeDeviceAccesses, beforeControllerAccesses;
    long unitsCompared, unitsSkipped;

    LockstepChecker(JitVcpu vcpu, GuestMemory mem) {
        this.vcpu = vcpu;
        this.mem = mem;
        this.shadowMem = GuestMemory.create(mem.ramSize());
        this.preMem = GuestMemory.create(mem.ramSize());
        this.shadow = new Cpu(shadowMem);
        this.shadowInterp = new Interpreter(shadow, null);
        for (long pa = 0; pa < mem.ramSize(); pa += GuestMemory.PAGE_SIZE) {
            mem.markCodePage(pa);
            shadowMem.markCodePage(pa);
            preMem.markCodePage(pa);
        }
        mem.setCodeWriteListener((pa, size) -> {
            addPages(realWrites, pa, size);
            vcpu.codeWritten(pa, size);
        });
        shadowMem.setCodeWriteListener((pa, size) -> addPages(shadowWrites, pa, size));
    }

    private static void addPages(LongHashSet pages, long pa, int size) {
        for (long p = pa / PAGE; p <= (pa + size - 1) / PAGE; p++) pages.add(p);
    }

    /** Copies the RAM pages in {@code pages} from the real memory to the shadow and the pre-unit copy. */
    private void syncMemory(LongHashSet pages) {
        LongHashSet.LongIterator it = pages.iterator();
        while (it.hasNext()) {
            long pa = it.nextValue() * PAGE;
            if (pa >= 0 && pa < mem.ramSize()) {
                MemorySegment.copy(mem.ram(), pa, shadowMem.ram(), pa, PAGE);
                MemorySegment.copy(mem.ram(), pa, preMem.ram(), pa, PAGE);
            }
        }
    }

    /** Calls {@code differs} with every address of {@code pages} where {@code a} and {@code b} differ, up to {@code max}. */
    private static int differences(LongHashSet pages, GuestMemory a, GuestMemory b, int max, java.util.function.LongConsumer differs) {
        int found = 0;
        for (LongHashSet.LongIterator it = pages.iterator(); it.hasNext() && found < max; ) {
            long pa = it.nextValue() * PAGE;
            if (pa < 0 || pa >= a.ramSize()) continue;
            if (MemorySegment.mismatch(a.ram(), pa, pa + PAGE, b.ram(), pa, pa + PAGE) < 0) continue;
            for (long x = pa; x < pa + PAGE && found < max; x++) {
                if (a.read8(x) != b.read8(x)) {
                    differs.accept(x);
                    found++;
                }
            }
        }
        return found;
    }

    /** Gives back the shadow and pre-unit copies of RAM. */
    @Override
    public void close() {
        shadowMem.close();
        preMem.close();
    }

    void beforeUnit(Unit u) {
        if (!started) {
            MemorySegment.copy(mem.ram(), 0, shadowMem.ram(), 0, mem.ramSize());
            MemorySegment.copy(mem.ram(), 0, preMem.ram(), 0, mem.ramSize());
            started = true;
        } else {
            syncMemory(realWrites);
        }
        realWrites.clear();
        shadowWrites.clear();
        before = vcpu.cpu().state();
        beforeInstructions = vcpu.cpu().instructions;
        beforeFaults = vcpu.rt.faultsDelivered;
        beforeDeviceAccesses = mem.mmio().deviceAccesses();
        beforeControllerAccesses = vcpu.cpu().controllerAccesses;
    }

    /** Replays the unit's steps on the shadow and compares; returns a divergence report or null. */
    String afterUnit(Unit u, int why) {
        Cpu real = vcpu.cpu();
        // the unit did port I/O or touched a device: it ran once, for real; the shadow just catches up
        if (vcpu.interp().ioDone || mem.mmio().deviceAccesses() != beforeDeviceAccesses
                || real.controllerAccesses != beforeControllerAccesses) {
            unitsSkipped++;
            return null;
        }
        unitsCompared++;
        shadow.setState(before);
        shadow.instructions = beforeInstructions;
        long steps = (real.instructions - beforeInstructions) + (vcpu.rt.faultsDelivered - beforeFaults);
        for (long n = 0; n < steps; n++) {
            shadowInterp.step();
            if (shadowInterp.shutdown != null) break;
        }
        shadowInterp.ioDone = false;
        CpuState a = real.state(), b = shadow.state();
        List<String> diff = b.diff(a);
        StringBuilder mdiff = new StringBuilder();
        LongHashSet all = new LongHashSet();
        all.addAll(realWrites);
        all.addAll(shadowWrites);
        differences(all, mem, shadowMem, 16,
                pa -> mdiff.append(String.format("  [%x] interp %02x, jit %02x%n", pa, shadowMem.read8(pa), mem.read8(pa))));
        if (real.instructions != shadow.instructions) {
            diff = new java.util.ArrayList<>(diff);
            diff.add("instructions: " + shadow.instructions + " -> " + real.instructions);
        }
        if (diff.isEmpty() && mdiff.isEmpty()) {
            syncMemory(all);
            realWrites.clear();
            return null;
        }
        String first = pinpoint(steps);
        return String.format("lockstep divergence after unit at %x (exit %s, %d steps)%n%s%nregisters (interp -> jit): %s%n"
                + "memory:%n%sstate before the unit:%n%s%n%s", u.key.entryRip(), CompiledUnit.exitName(why), steps, first,
                diff, mdiff, before, UnitTrace.describe(u));
    }

    /**
     * Finds the first guest instruction on which translated code and the interpreter disagree: from
     * the state before the unit, the interpreter and one-instruction translated units advance in
     * step on two copies of the pre-unit RAM and are compared after every instruction.
     */
    private String pinpoint(long steps) {
        try {
            MemorySegment.copy(preMem.ram(), 0, shadowMem.ram(), 0, mem.ramSize());
            shadow.setState(before);
            shadow.instructions = beforeInstructions;
            shadowInterp.shutdown = null;
            Cpu probe = new Cpu(preMem);
            Interpreter probeInterp = new Interpreter(probe, null);
            JitRuntime probeRt = new JitRuntime(probeInterp);
            probe.setState(before);
            probe.instructions = beforeInstructions;
            LongHashSet probeWrites = new LongHashSet();
            preMem.setCodeWriteListener((pa, size) -> addPages(probeWrites, pa, size));
            shadowWrites.clear();
            for (long n = 0; n < steps; n++) {
                long rip = probe.rip;
                String text = runOne(probe, probeInterp, probeRt);
                shadowInterp.step();
                List<String> d = shadow.state().diff(probe.state());
                LongHashSet touched = new LongHashSet();
                touched.addAll(probeWrites);
                touched.addAll(shadowWrites);
                StringBuilder m = new StringBuilder();
                differences(touched, preMem, shadowMem, 16, pa -> m.append(String.format(" [%x]", pa)));
                if (!d.isEmpty() || !m.isEmpty()) {
                    return String.format("first divergent instruction: %x  %s (step %d)%n  registers (interp -> jit): %s%n"
                            + "  memory differs at:%s", rip, text, n, d, m);
                }
            }
            return "first divergent instruction: not reproduced one instruction at a time";
        } catch (RuntimeException | ReflectiveOperationException | LinkageError e) {
            return "first divergent instruction: pinpointing failed: " + e;
        }
    }

    /** Runs one instruction on {@code c} as a one-instruction translated unit (or interpreted if not compiled); returns its text. */
    private static String runOne(Cpu c, Interpreter in, JitRuntime rt) throws ReflectiveOperationException {
        long lin = c.mode == 64 ? c.rip : (c.segBase[Cpu.CS] + c.rip) & 0xFFFF_FFFFL;
        long pa;
        try {
            pa = c.mmu.translate(lin, dev.jvmm.cpu.mmu.Mmu.FETCH, c.cpl == 3);
        } catch (dev.jvmm.cpu.CpuException e) {
            in.step();
            return "(fetch fault)";
        }
        Region r = Region.decode(c.mem, UnitKey.of(c), pa, 1);
        if (r.insns.isEmpty()) {
            in.step();
            return "(not translatable)";
        }
        GuestInsn g = r.insns.firstEntry().getValue();
        String text = UnitTrace.guestListing(r).trim();
        if (g.kind != GuestInsn.Kind.INLINE) {
            in.step();
            return text;
        }
        r.missCallsInUnit = true;
        r.accessMemoryThrough(rt.fastMem);
        byte[] bytes = UnitCompiler.classBytes(r);
        UnitCompiler.define(r, rt.fastMem, bytes, UnitCompiler.runCodeLength(bytes)).unit().run(c, rt);
        return text;
    }
}
