package dev.jvmm.cpu.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.boot.KernelLoader;
import dev.jvmm.core.clock.TimerQueue;
import dev.jvmm.core.clock.VirtualClock;
import dev.jvmm.core.engine.Engine;
import dev.jvmm.core.engine.Vcpu;
import dev.jvmm.core.engine.VcpuExit;
import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.cpu.interp.InterpreterEngine;
import dev.jvmm.devices.pc.PcBoard;
import dev.jvmm.guests.GuestCatalog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Single-step mode on the jit engine retires one instruction per run(), in the interpreter's order. */
class JitSingleStepTest {
    private static List<Long> ripTrace(Engine engine, int steps) throws Exception {
        try (GuestMemory mem = GuestMemory.create(64L << 20)) {
            PcBoard board = PcBoard.create(mem, new TimerQueue(new VirtualClock(1)), PcBoard.Options.defaults());
            Vcpu vcpu = engine.createVcpu(board.platform());
            vcpu.setState(KernelLoader.load(mem, GuestCatalog.byName("hello-pm32").bytes(), "").entryState());
            assertTrue(vcpu.canSingleStep());
            vcpu.setSingleStep(true);
            List<Long> rips = new ArrayList<>();
            for (int n = 0; n < steps; n++) {
                long before = vcpu.instructionsRetired();
                VcpuExit exit = vcpu.run();
                if (!(exit instanceof VcpuExit.Breakpoint b)) break;
                assertTrue(vcpu.instructionsRetired() - before <= 1, "one instruction per step");
                rips.add(b.rip());
            }
            vcpu.close();
            return rips;
        }
    }

    @Test
    void stepsLikeTheInterpreter() throws Exception {
        List<Long> jit = ripTrace(new JitEngine(), 300);
        assertEquals(ripTrace(new InterpreterEngine(), 300), jit);
        assertTrue(jit.size() > 100);
    }
}
