package dev.jvmm.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The run loop's exits, with tiny hand-assembled real-mode programs at 0000:7C00. */
class InterpreterVcpuTest {
    private final GuestMemory mem = GuestMemory.create(4L << 20);
    private final PortBus ports = new PortBus();
    private final StopRequest stop = new StopRequest();
    private final ByteArrayOutputStream com1 = new ByteArrayOutputStream();
    private final Platform platform = new Platform(mem, ports, InterruptController.NONE,
            new TimerQueue(new VirtualClock(1)), stop);

    InterpreterVcpuTest() {
        ports.register(0x3f8, 1, new PortDevice() {
            @Override public int read(int offset, int size) { return 0; }
            @Override public void write(int offset, int size, int value) { com1.write(value); }
        });
        ports.register(0xf4, 1, new PortDevice() {
            @Override public int read(int offset, int size) { return 0xFF; }
            @Override public void write(int offset, int size, int value) { stop.request(new StopReason.DebugExit(value)); }
        });
    }

    @AfterEach
    void close() {
        mem.close();
    }

    private Vcpu start(int... code) {
        for (int k = 0; k < code.length; k++) mem.write8(0x7C00 + k, code[k]);
        Vcpu v = new InterpreterEngine().createVcpu(platform);
        CpuState s = CpuState.realMode(0, 0x7C00);
        s.gpr[CpuState.RSP] = 0x7000;
        v.setState(s);
        stop.onRequest(v::requestExit);
        return v;
    }

    @Test
    void printsAndExitsThroughDebugPort() {
        // mov al,'h'; out 0x3f8 via dx; mov al,'i'; out dx,al; mov al,7; out 0xf4,al; jmp $
        Vcpu v = start(0xBA, 0xF8, 0x03, 0xB0, 'h', 0xEE, 0xB0, 'i', 0xEE, 0xB0, 7, 0xE6, 0xF4, 0xEB, 0xFE);
        assertEquals(new VcpuExit.ExitRequested(), v.run());
        assertEquals("hi", com1.toString());
        assertEquals(new StopReason.DebugExit(7), stop.reason());
        assertEquals(7, v.instructionsRetired());
    }

    @Test
    void theTscCountsTheMachineClockInNanoseconds() {
        platform.timers().clock().skipTo(5_000_000); // 5 ms passed before the first instruction
        Vcpu v = start(0x90, 0x0F, 0x31, 0xFA, 0xF4); // nop; rdtsc; cli; hlt
        assertInstanceOf(VcpuExit.Halted.class, v.run());
        CpuState s = v.state();
        assertEquals(5_000_001, s.gpr[CpuState.RAX] | s.gpr[CpuState.RDX] << 32, "5 ms and the NOP at 1 ns per instruction");
    }

    @Test
    void aPauseTakesItsStallCyclesOfVirtualTime() {
        Vcpu v = start(0xF3, 0x90, 0x90, 0x0F, 0x31, 0xFA, 0xF4); // pause; nop; rdtsc; cli; hlt
        assertInstanceOf(VcpuExit.Halted.class, v.run());
        CpuState s = v.state();
        assertEquals(2 + Cpu.PAUSE_STALL_CYCLES, s.gpr[CpuState.RAX] | s.gpr[CpuState.RDX] << 32,
                "PAUSE and NOP, one cycle each, and PAUSE's stall");
        assertEquals(5, v.instructionsRetired(), "the stall is time, not instructions");
    }

    @Test
    void hltWithInterruptsDisabledHalts() {
        VcpuExit exit = start(0xFA, 0xF4).run(); // cli; hlt
        assertEquals(new VcpuExit.Halted("hlt with interrupts disabled"), exit);
    }

    @Test
    void hltWithNothingToWakeItHalts() {
        VcpuExit exit = start(0xFB, 0xF4).run(); // sti; hlt  (no timer armed, no async source)
        assertInstanceOf(VcpuExit.Halted.class, exit);
    }

    @Test
    void tripleFaultShutsDown() {
        // lidt [0x7C10] (limit 0: no vector fits); int3 -> #GP -> #GP -> #DF -> triple fault
        Vcpu v = start(0x0F, 0x01, 0x1E, 0x10, 0x7C, 0xCC, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        VcpuExit exit = v.run();
        assertInstanceOf(VcpuExit.Shutdown.class, exit);
    }

    @Test
    void undefinedOpcodeIsDeliveredAsUd() {
        // IVT[6] = 0000:7C20; ud2 at 7C0C; handler: pop ax (IP of the UD2); out 0xf4, al
        int[] code = new int[0x30];
        int[] prog = {0xC7, 0x06, 0x18, 0x00, 0x20, 0x7C, 0xC7, 0x06, 0x1A, 0x00, 0x00, 0x00, 0x0F, 0x0B};
        System.arraycopy(prog, 0, code, 0, prog.length);
        int[] handler = {0x58, 0xE6, 0xF4, 0xEB, 0xFE};
        System.arraycopy(handler, 0, code, 0x20, handler.length);
        Vcpu v = start(code);
        assertEquals(new VcpuExit.ExitRequested(), v.run());
        assertEquals(new StopReason.DebugExit(0x0C), stop.reason()); // low byte of the faulting IP 0x7C0C
        assertTrue(v.stats().contains("1 exceptions, 0 software interrupts, 0 external interrupts"), v.stats());
    }

    @Test
    void requestExitFromAnotherThreadStopsALoop() throws Exception {
        Vcpu v = start(0xEB, 0xFE); // jmp $
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException ignored) {
                // not expected
            }
            v.requestExit();
        });
        assertEquals(new VcpuExit.ExitRequested(), v.run());
        t.join();
        assertTrue(v.instructionsRetired() > 1000);
    }

    @Test
    void aJavaExceptionFromADeviceBecomesInternalError() {
        ports.register(0x80, 1, new PortDevice() {
            @Override public int read(int offset, int size) { return 0; }
            @Override public void write(int offset, int size, int value) { throw new IllegalStateException("broken device"); }
        });
        VcpuExit exit = start(0xE6, 0x80).run(); // out 0x80, al
        VcpuExit.InternalError err = assertInstanceOf(VcpuExit.InternalError.class, exit);
        assertTrue(err.report().contains("0000:7c00") && err.report().contains("e6 80"), err.report());
    }

    @Test
    void stateRoundTrips() {
        Vcpu v = start(0x90);
        CpuState s = v.state();
        s.gpr[3] = 0x1234_5678_9ABCL;
        s.rflags = 0x246;
        v.setState(s);
        assertEquals(java.util.List.of(), s.diff(v.state()));
    }

    @Test
    void singleStepReturnsAfterEveryInstruction() {
        // mov al,'x'; mov dx,0x3f8; out dx,al; inc ax; cli; hlt  (as SingleStepKvmTest)
        InterpreterVcpu v = (InterpreterVcpu) start(0xB0, 'x', 0xBA, 0xF8, 0x03, 0xEE, 0x40, 0xFA, 0xF4);
        v.setSingleStep(true);
        java.util.List<Long> rips = new java.util.ArrayList<>();
        VcpuExit exit;
        while ((exit = v.run()) instanceof VcpuExit.Breakpoint(long rip)) rips.add(rip);
        assertEquals(java.util.List.of(0x7C02L, 0x7C05L, 0x7C06L, 0x7C07L, 0x7C08L), rips);
        assertEquals(new VcpuExit.Halted("hlt with interrupts disabled"), exit);
        assertEquals("x", com1.toString());
        assertEquals('x' + 1, v.state().gpr[CpuState.RAX] & 0xFF);
    }
}
