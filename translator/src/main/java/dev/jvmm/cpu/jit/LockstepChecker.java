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
 * wrote. Units that do port I/O or read the TSC ({@link Unit#nondeterministic}) run once, on the
 * real CPU, and the shadow just copies the outcome.
 *
 * <p>Writes are logged by marking every RAM page of both memories as a code page, so every write
 * reports its address to a listener. That makes lockstep runs slow; it is a debugging and test tool.
 */
final class LockstepChecker {
    private final JitVcpu vcpu;
    private final GuestMemory mem;
    private final GuestMemory shadowMem;
    private final Cpu shadow;
    private final Interpreter shadowInterp;
    private final LongHashSet realWrites = new LongHashSet();
    private final LongHashSet shadowWrites = new LongHashSet();
    private boolean started;
    private CpuState before;
    private long beforeInstructions, beforeFaults;
    long unitsCompared, unitsSkipped;

    LockstepChecker(JitVcpu vcpu, GuestMemory mem) {
        this.vcpu = vcpu;
        this.mem = mem;
        this.shadowMem = GuestMemory.create(mem.ramSize());
        this.shadow = new Cpu(shadowMem);
        this.shadowInterp = new Interpreter(shadow, null);
        for (long pa = 0; pa < mem.ramSize(); pa += GuestMemory.PAGE_SIZE) {
            mem.markCodePage(pa);
            shadowMem.markCodePage(pa);
        }
        mem.setCodeWriteListener((pa, size) -> {
            for (int k = 0; k < size; k++) realWrites.add(pa + k);
            vcpu.codeWritten(pa, size);
        });
        shadowMem.setCodeWriteListener((pa, size) -> {
            for (int k = 0; k < size; k++) shadowWrites.add(pa + k);
        });
    }

    private void syncMemory(LongHashSet addrs) {
        LongHashSet.LongIterator it = addrs.iterator();
        MemorySegment src = mem.ram(), dst = shadowMem.ram();
        while (it.hasNext()) {
            long pa = it.nextValue();
            if (pa >= 0 && pa < mem.ramSize()) dst.set(java.lang.foreign.ValueLayout.JAVA_BYTE, pa,
                    src.get(java.lang.foreign.ValueLayout.JAVA_BYTE, pa));
        }
    }

    void beforeUnit(Unit u) {
        if (!started) {
            MemorySegment.copy(mem.ram(), 0, shadowMem.ram(), 0, mem.ramSize());
            started = true;
        } else {
            syncMemory(realWrites);
        }
        realWrites.clear();
        shadowWrites.clear();
        before = vcpu.cpu.state();
        beforeInstructions = vcpu.cpu.instructions;
        beforeFaults = vcpu.rt.faultsDelivered;
    }

    /** Replays the unit's steps on the shadow and compares; returns a divergence report or null. */
    String afterUnit(Unit u, int why) {
        Cpu real = vcpu.cpu;
        if (u.nondeterministic) {
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
        LongHashSet.LongIterator it = all.iterator();
        int shown = 0;
        while (it.hasNext()) {
            long pa = it.nextValue();
            int x = mem.read8(pa), y = shadowMem.read8(pa);
            if (x != y && shown++ < 16) mdiff.append(String.format("  [%x] interp %02x, jit %02x%n", pa, y, x));
        }
        if (real.instructions != shadow.instructions) {
            diff = new java.util.ArrayList<>(diff);
            diff.add("instructions: " + shadow.instructions + " -> " + real.instructions);
        }
        syncMemory(all);
        realWrites.clear();
        if (diff.isEmpty() && mdiff.isEmpty()) return null;
        return String.format("lockstep divergence after unit at %x (exit %s, %d steps)%nregisters (interp -> jit): %s%n"
                + "memory:%n%sstate before the unit:%n%s%n%s", u.key.entryRip(), CompiledUnit.exitName(why), steps, diff,
                mdiff, before, UnitTrace.describe(u));
    }
}
