package dev.jvmm.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.bus.PortBus;
import dev.jvmm.core.clock.TimerQueue;
import dev.jvmm.core.clock.VirtualClock;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.engine.Platform;
import dev.jvmm.core.engine.StopRequest;
import dev.jvmm.core.engine.Vcpu;
import dev.jvmm.core.engine.VcpuExit;
import dev.jvmm.core.irq.InterruptController;
import dev.jvmm.core.memory.GuestMemory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Vcpu.setMemoryWatch on the software CPU: every data access reported by linear address, no #DB. */
class MemoryWatchTest {
    private final GuestMemory mem = GuestMemory.create(4L << 20);
    private final Platform platform = new Platform(mem, new PortBus(), InterruptController.NONE,
            new TimerQueue(new VirtualClock(1)), new StopRequest());

    @AfterEach
    void close() {
        mem.close();
    }

    @Test
    void dataAccessesAreReportedWithSizeAndDirection() {
        // mov ds,bx(=0x10); mov word [0x500],0x1234; mov ax,[0x600]; add byte [0x700],1; hlt  (DS base 0x100)
        int[] code = {0x8E, 0xDB, 0xC7, 0x06, 0x00, 0x05, 0x34, 0x12, 0xA1, 0x00, 0x06, 0x80, 0x06, 0x00, 0x07, 0x01, 0xF4};
        for (int k = 0; k < code.length; k++) mem.write8(0x7C00 + k, code[k]);
        Vcpu v = new InterpreterEngine().createVcpu(platform);
        CpuState s = CpuState.realMode(0, 0x7C00);
        s.gpr[CpuState.RBX] = 0x10;
        v.setState(s);
        List<String> seen = new ArrayList<>();
        assertTrue(v.setMemoryWatch((linear, size, write) -> seen.add(String.format("%x/%d/%s", linear, size, write ? "w" : "r"))));
        v.setSingleStep(true);
        for (int n = 0; n < 4; n++) assertInstanceOf(VcpuExit.Breakpoint.class, v.run());
        assertEquals(List.of("600/2/w", "700/2/r"), seen.subList(0, 2));
        // the read-modify-write is a read and a write of its byte, and nothing else
        assertEquals(java.util.Set.of("800/1/r", "800/1/w"), java.util.Set.copyOf(seen.subList(2, seen.size())));
        assertEquals(0x1234, mem.read16(0x600));
        assertEquals(0, v.state().dr[6] & 0xF, "a debugger's watch is not a debug-register hit");

        v.setMemoryWatch(null);
        seen.clear();
        CpuState again = CpuState.realMode(0, 0x7C00);
        again.gpr[CpuState.RBX] = 0x10;
        v.setState(again);
        for (int n = 0; n < 4; n++) v.run();
        assertEquals(List.of(), seen);
    }
}
