package dev.jvmm.kvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.clock.HostClock;
import dev.jvmm.core.clock.TimerQueue;
import dev.jvmm.core.clock.VirtualClock;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.engine.VcpuExit;
import dev.jvmm.core.irq.InterruptController;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Interrupts from a userspace interrupt controller, injected with KVM_INTERRUPT. The real-mode
 * handler for vector 0x20 prints 'I' and stops the machine through the debug-exit port.
 */
class InterruptKvmTest {
    static final int VECTOR = 0x20;

    /** One INTR line that a test raises; acknowledge() lowers it and counts. */
    static final class Line implements InterruptController {
        volatile boolean raised;
        final AtomicInteger acknowledged = new AtomicInteger();

        @Override public boolean interruptPending() { return raised; }

        @Override public int acknowledge() {
            if (!raised) return -1;
            raised = false;
            acknowledged.incrementAndGet();
            return VECTOR;
        }
    }

    @BeforeEach
    void needKvm() {
        KvmTestMachine.assumeKvm();
    }

    private static void loadHandler(KvmTestMachine m) {
        m.memory.write16(VECTOR * 4, 0x8000);     // IVT[0x20] = 0000:8000
        m.memory.write16(VECTOR * 4 + 2, 0);
        m.load(0x8000,
                0xBA, 0xF8, 0x03, 0xB0, 'I', 0xEE,   // mov dx, 0x3f8; mov al, 'I'; out dx, al
                0xBA, 0xF4, 0x00, 0xB0, 0x01, 0xEE,  // mov dx, 0xf4; mov al, 1; out dx, al
                0xF4);
    }

    @Test
    void aPendingInterruptWaitsForIfAndIsDeliveredOnce() {
        Line line = new Line();
        try (KvmTestMachine m = new KvmTestMachine(line, new HostClock())) {
            loadHandler(m);
            m.load(0x7C00,
                    0xFA,                                // cli
                    0xBA, 0xF8, 0x03, 0xB0, 'x', 0xEE,   // out 'x' while IF=0: no interrupt yet
                    0xFB,                                // sti
                    0x90,                                // nop (the STI shadow ends after it)
                    0xF4, 0xEB, 0xFD);                   // hlt; jmp hlt
            m.vcpu.setState(CpuState.realMode(0, 0x7C00));
            line.raised = true;
            assertInstanceOf(VcpuExit.ExitRequested.class, m.vcpu.run());
            assertEquals("xI", m.serialText());
            assertEquals(1, line.acknowledged.get());
        }
    }

    /**
     * 32-bit protected mode: an injected interrupt and an INT 0x30, both returning with IRET. PVM
     * cannot emulate the INT or the IRET ("emulation failure"); the interpreter runs them (InterpreterFallback).
     */
    @Test
    void protectedModeHandlersReturnWithIret() {
        Line line = new Line();
        try (KvmTestMachine m = new KvmTestMachine(line, new HostClock())) {
            for (int vector : new int[] {VECTOR, 0x30}) {
                long gate = (0x11000L & 0xFFFF) | ((long) GuestSetup.CODE32 << 16) | (0x8EL << 40) | ((0x11000L >>> 16) << 48);
                m.memory.write64(0x2000 + vector * 8L, gate);
            }
            m.load(0x11000,
                    0x50, 0x52,                               // push eax; push edx
                    0xB0, 'i', 0xBA, 0xF8, 0x03, 0x00, 0x00, 0xEE, // mov al, 'i'; mov edx, 0x3f8; out dx, al
                    0x5A, 0x58,                               // pop edx; pop eax
                    0xCF);                                    // iret
            m.load(0x10000,
                    0xBA, 0xF8, 0x03, 0x00, 0x00,             // mov edx, 0x3f8
                    0xFB, 0xF4,                               // sti; hlt (the injected interrupt ends it)
                    0xB0, 'a', 0xEE,                          // mov al, 'a'; out dx, al
                    0xCD, 0x30,                               // int 0x30
                    0xB0, 'b', 0xEE,                          // mov al, 'b'; out dx, al
                    0xFA, 0xF4);                              // cli; hlt
            CpuState s = GuestSetup.protectedMode(m.memory, 0x10000);
            s.idtBase = 0x2000;
            s.idtLimit = 0x7FF;
            m.vcpu.setState(s);
            line.raised = true;
            assertEquals(new VcpuExit.Halted("hlt with interrupts disabled"), m.vcpu.run());
            assertEquals("iaib", m.serialText());
            assertEquals(0x8000, m.vcpu.state().gpr[CpuState.RSP], "the stack is balanced");
            System.out.println(m.vcpu.stats());
        }
    }

    /** 64-bit mode: an injected interrupt, INT 0x30 and INT3, each returning with IRETQ. */
    @Test
    void longModeHandlersReturnWithIretq() {
        Line line = new Line();
        try (KvmTestMachine m = new KvmTestMachine(line, new HostClock())) {
            for (int vector : new int[] {3, VECTOR, 0x30}) {
                long handler = 0x11000;
                m.memory.write64(0x2000 + vector * 16L, (handler & 0xFFFF) | ((long) GuestSetup.CODE64 << 16)
                        | (0x8EL << 40) | (((handler >>> 16) & 0xFFFF) << 48));
                m.memory.write64(0x2000 + vector * 16L + 8, handler >>> 32);
            }
            m.load(0x11000,
                    0x50,                                     // push rax
                    0xB0, 'i', 0xEE,                          // mov al, 'i'; out dx, al
                    0x58,                                     // pop rax
                    0x48, 0xCF);                              // iretq
            m.load(0x10000,
                    0x66, 0xBA, 0xF8, 0x03,                   // mov dx, 0x3f8
                    0xFB, 0xF4,                               // sti; hlt (the injected interrupt ends it)
                    0xCD, 0x30,                               // int 0x30
                    0xB0, 'a', 0xEE,                          // mov al, 'a'; out dx, al
                    0xCC,                                     // int3
                    0xB0, 'b', 0xEE,                          // mov al, 'b'; out dx, al
                    0xFA, 0xF4);                              // cli; hlt
            CpuState s = GuestSetup.longMode(m.memory, 0x10000);
            s.idtBase = 0x2000;
            s.idtLimit = 0xFFF;
            m.vcpu.setState(s);
            line.raised = true;
            assertEquals(new VcpuExit.Halted("hlt with interrupts disabled"), m.vcpu.run());
            assertEquals("iiaib", m.serialText());
            assertEquals(0x8000, m.vcpu.state().gpr[CpuState.RSP], "the stack is balanced");
        }
    }

    @Test
    void aTimerWakesAHaltedCpu() {
        Line line = new Line();
        try (KvmTestMachine m = new KvmTestMachine(line, new HostClock())) {
            loadHandler(m);
            m.load(0x7C00, 0xFB, 0xF4, 0xEB, 0xFD);     // sti; hlt; jmp hlt
            m.vcpu.setState(CpuState.realMode(0, 0x7C00));
            TimerQueue timers = m.platform.timers();
            timers.schedule(timers.newTimer(() -> line.raised = true), timers.clock().nanos() + 20_000_000);
            assertInstanceOf(VcpuExit.ExitRequested.class, m.vcpu.run());
            assertEquals("I", m.serialText());
            assertTrue(m.vcpu.stats().contains("kvm exit HLT: 1"), m.vcpu.stats());
        }
    }

    @Test
    void aTimerInterruptsAGuestThatSpinsWithoutExits() {
        Line line = new Line();
        try (KvmTestMachine m = new KvmTestMachine(line, new HostClock())) {
            loadHandler(m);
            m.load(0x7C00, 0xFB, 0xEB, 0xFE);           // sti; jmp $ (no exit ever, without a kick)
            m.vcpu.setState(CpuState.realMode(0, 0x7C00));
            TimerQueue timers = m.platform.timers();
            timers.schedule(timers.newTimer(() -> line.raised = true), timers.clock().nanos() + 20_000_000);
            long t0 = System.nanoTime();
            assertInstanceOf(VcpuExit.ExitRequested.class, m.vcpu.run());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals("I", m.serialText());
            assertTrue(m.vcpu.stats().contains("timer kicks: 1"), m.vcpu.stats());
            System.out.println("timer kick: interrupt delivered " + ms + " ms after a 20 ms timer was armed");
        }
    }

    /** A virtual clock cannot count instructions under KVM; HLT jumps it straight to the next deadline. */
    @Test
    void aVirtualClockSkipsToTheTimerWhileHalted() {
        Line line = new Line();
        try (KvmTestMachine m = new KvmTestMachine(line, new VirtualClock(1))) {
            loadHandler(m);
            m.load(0x7C00, 0xFB, 0xF4, 0xEB, 0xFD);     // sti; hlt; jmp hlt
            m.vcpu.setState(CpuState.realMode(0, 0x7C00));
            TimerQueue timers = m.platform.timers();
            long oneHour = 3_600_000_000_000L;
            timers.schedule(timers.newTimer(() -> line.raised = true), oneHour);
            long t0 = System.nanoTime();
            assertInstanceOf(VcpuExit.ExitRequested.class, m.vcpu.run());
            assertEquals("I", m.serialText());
            assertEquals(oneHour, timers.clock().nanos(), "virtual time jumped, host time did not pass");
            assertTrue(System.nanoTime() - t0 < 10_000_000_000L);
        }
    }

    /** A spinning guest never halts: the virtual clock moves to the deadline once that much host time ran. */
    @Test
    void aVirtualClockAdvancesWhileTheGuestSpinsUntilTheDeadline() {
        Line line = new Line();
        try (KvmTestMachine m = new KvmTestMachine(line, new VirtualClock(1))) {
            loadHandler(m);
            m.load(0x7C00, 0xFB, 0xEB, 0xFE);           // sti; jmp $
            m.vcpu.setState(CpuState.realMode(0, 0x7C00));
            TimerQueue timers = m.platform.timers();
            timers.schedule(timers.newTimer(() -> line.raised = true), 20_000_000);
            assertInstanceOf(VcpuExit.ExitRequested.class, m.vcpu.run());
            assertEquals("I", m.serialText());
            assertTrue(timers.clock().nanos() >= 20_000_000, "clock at " + timers.clock().nanos());
        }
    }
}
