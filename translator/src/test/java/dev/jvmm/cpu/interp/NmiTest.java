package dev.jvmm.cpu.interp;

import static org.junit.jupiter.api.Assertions.*;

import dev.jvmm.core.bus.PortBus;
import dev.jvmm.core.bus.PortDevice;
import dev.jvmm.core.clock.TimerQueue;
import dev.jvmm.core.clock.VirtualClock;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.engine.Platform;
import dev.jvmm.core.engine.StopReason;
import dev.jvmm.core.engine.StopRequest;
import dev.jvmm.core.engine.Vcpu;
import dev.jvmm.core.engine.VcpuExit;
import dev.jvmm.core.irq.InterruptController;
import dev.jvmm.core.memory.GuestMemory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Non-maskable interrupts: taken with IF clear, even out of HLT, and not again until the handler's
 * IRET (SDM vol. 3 §6.7.1). The NMI source is a test controller with a count of pending edges.
 */
class NmiTest {
    private final GuestMemory mem = GuestMemory.create(4L << 20);
    private final PortBus ports = new PortBus();
    private final StopRequest stop = new StopRequest();
    private int nmiEdges;
    private final StringBuilder handlerLog = new StringBuilder();
    private final InterruptController nmiSource = new InterruptController() {
        @Override public boolean interruptPending() { return false; }
        @Override public int acknowledge() { return -1; }
        @Override public boolean nmiPending() { return nmiEdges > 0; }
        @Override public void acknowledgeNmi() { nmiEdges--; }
    };

    NmiTest() {
        ports.register(0xf4, 1, new PortDevice() {
            @Override public int read(int offset, int size) { return 0xFF; }
            @Override public void write(int offset, int size, int value) { stop.request(new StopReason.DebugExit(value)); }
        });
        ports.register(0x80, 2, new PortDevice() {
            @Override public int read(int offset, int size) { return 0; }
            @Override public void write(int offset, int size, int value) {
                handlerLog.append(offset == 0 ? "enter" : "leave").append(value).append(' ');
                if (offset == 0 && value == 1) nmiEdges = 2; // two more edges arrive while the first handler runs
            }
        });
    }

    @AfterEach
    void close() {
        mem.close();
    }

    @Test
    void nmiWakesHltWithInterruptsOffAndIsBlockedUntilIret() {
        // IVT entry 2 -> 0000:7D00. Handler: inc bl; mov al,bl; out 0x80,al; out 0x81,al; iret
        mem.write16(2 * 4, 0x7D00);
        mem.write16(2 * 4 + 2, 0);
        int[] handler = {0xFE, 0xC3, 0x88, 0xD8, 0xE6, 0x80, 0xE6, 0x81, 0xCF};
        for (int k = 0; k < handler.length; k++) mem.write8(0x7D00 + k, handler[k]);
        // Main: hlt (already halted in it, with IF clear); mov al,0; out 0xf4,al
        int[] main = {0xF4, 0xB0, 0x00, 0xE6, 0xF4};
        for (int k = 0; k < main.length; k++) mem.write8(0x7C00 + k, main[k]);
        Vcpu v = new InterpreterEngine().createVcpu(new Platform(mem, ports, nmiSource, new TimerQueue(new VirtualClock(1)), stop));
        CpuState s = CpuState.realMode(0, 0x7C01);
        s.gpr[CpuState.RSP] = 0x7000;
        s.halted = true;
        v.setState(s);
        stop.onRequest(v::requestExit);
        nmiEdges = 1;

        VcpuExit exit = v.run();

        assertInstanceOf(VcpuExit.ExitRequested.class, exit, "woken from HLT by the NMI, then the debug exit");
        assertEquals("enter1 leave1 enter2 leave2 enter3 leave3 ", handlerLog.toString(),
                "the edges that came during a handler were taken one at a time, each after an IRET");
        assertEquals(0, nmiEdges);
    }
}
