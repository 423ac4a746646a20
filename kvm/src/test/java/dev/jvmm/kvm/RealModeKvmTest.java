package dev.jvmm.kvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.engine.StopReason;
import dev.jvmm.core.engine.VcpuExit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tiny hand-assembled real-mode guests on /dev/kvm. */
class RealModeKvmTest {
    @BeforeEach
    void needKvm() {
        KvmTestMachine.assumeKvm();
    }

    @Test
    void printsThroughThePortBusAndStopsThroughDebugExit() {
        try (KvmTestMachine m = new KvmTestMachine()) {
            m.load(0x7C00,
                    0xBA, 0xF8, 0x03,       // mov dx, 0x3f8
                    0xB0, 'h', 0xEE,        // mov al, 'h'; out dx, al
                    0xB0, 'i', 0xEE,        // mov al, 'i'; out dx, al
                    0xBA, 0xF4, 0x00,       // mov dx, 0xf4
                    0xB0, 0x05, 0xEE,       // mov al, 5; out dx, al
                    0xF4);                  // hlt (never reached)
            m.vcpu.setState(CpuState.realMode(0, 0x7C00));
            VcpuExit exit = m.vcpu.run();
            assertInstanceOf(VcpuExit.ExitRequested.class, exit);
            assertEquals("hi", m.serialText());
            assertEquals(new StopReason.DebugExit(5), m.platform.stop().reason());
            assertEquals(0x7C00 + 15, m.vcpu.state().rip, "stopped right after the OUT to 0xf4");
        }
    }

    @Test
    void stringOutputRepeatsCountTimes() {
        try (KvmTestMachine m = new KvmTestMachine()) {
            m.load(0x600, 'K', 'V', 'M', '!');
            m.load(0x7C00,
                    0xBA, 0xF8, 0x03,       // mov dx, 0x3f8
                    0xBE, 0x00, 0x06,       // mov si, 0x600
                    0xB9, 0x04, 0x00,       // mov cx, 4
                    0xFC,                   // cld
                    0xF3, 0x6E,             // rep outsb
                    0xFA, 0xF4);            // cli; hlt
            m.vcpu.setState(CpuState.realMode(0, 0x7C00));
            assertInstanceOf(VcpuExit.Halted.class, m.vcpu.run());
            assertEquals("KVM!", m.serialText());
        }
    }

    @Test
    void portInputComesFromTheDevice() {
        try (KvmTestMachine m = new KvmTestMachine()) {
            m.ports.register(0x300, 4, new dev.jvmm.core.bus.PortDevice() {
                @Override public int read(int offset, int size) { return 0x12345678 + offset; }
                @Override public void write(int offset, int size, int value) {}
            });
            m.load(0x7C00,
                    0xBA, 0x01, 0x03,       // mov dx, 0x301
                    0x66, 0xED,             // in eax, dx
                    0xFA, 0xF4);            // cli; hlt
            m.vcpu.setState(CpuState.realMode(0, 0x7C00));
            assertInstanceOf(VcpuExit.Halted.class, m.vcpu.run());
            assertEquals(0x12345679L, m.vcpu.state().gpr[CpuState.RAX]);
        }
    }

    /** A device that stops the machine on a read: state() must show the IN finished (KVM API doc, KVM_RUN). */
    @Test
    void anInThatStopsTheRunIsCompleteInTheReturnedState() {
        try (KvmTestMachine m = new KvmTestMachine()) {
            m.ports.register(0x510, 2, new dev.jvmm.core.bus.PortDevice() {
                @Override public int read(int offset, int size) {
                    m.platform.stop().request(new StopReason.DebugExit(0));
                    return 0xBEEF;
                }
                @Override public void write(int offset, int size, int value) {}
            });
            m.load(0x7C00,
                    0xBA, 0x10, 0x05,       // mov dx, 0x510
                    0xED,                   // in ax, dx
                    0xFA, 0xF4);            // cli; hlt
            m.vcpu.setState(CpuState.realMode(0, 0x7C00));
            assertInstanceOf(VcpuExit.ExitRequested.class, m.vcpu.run());
            CpuState s = m.vcpu.state();
            assertEquals(0xBEEF, s.gpr[CpuState.RAX] & 0xFFFF);
            assertEquals(0x7C04, s.rip, "RIP past the IN");
        }
    }

    @Test
    void hltWithInterruptsDisabledIsHalted() {
        try (KvmTestMachine m = new KvmTestMachine()) {
            m.load(0x7C00, 0xFA, 0xF4); // cli; hlt
            m.vcpu.setState(CpuState.realMode(0, 0x7C00));
            VcpuExit exit = m.vcpu.run();
            assertEquals(new VcpuExit.Halted("hlt with interrupts disabled"), exit);
        }
    }

    @Test
    void hltWithNothingToWakeTheCpuIsHalted() {
        try (KvmTestMachine m = new KvmTestMachine()) {
            m.load(0x7C00, 0xFB, 0xF4); // sti; hlt   (no timer armed, no async source)
            m.vcpu.setState(CpuState.realMode(0, 0x7C00));
            VcpuExit exit = m.vcpu.run();
            assertInstanceOf(VcpuExit.Halted.class, exit);
        }
    }

    @Test
    void segmentedAddressingUsesTheSegmentBase() {
        try (KvmTestMachine m = new KvmTestMachine()) {
            // code at 0x1234:0x0010 = linear 0x12350; writes to ds:0x20 with ds = 0x2000 -> 0x20020
            m.load(0x12350,
                    0xB8, 0x00, 0x20,       // mov ax, 0x2000
                    0x8E, 0xD8,             // mov ds, ax
                    0xC6, 0x06, 0x20, 0x00, 0x99, // mov byte [0x20], 0x99
                    0xFA, 0xF4);            // cli; hlt
            m.vcpu.setState(CpuState.realMode(0x1234, 0x0010));
            assertInstanceOf(VcpuExit.Halted.class, m.vcpu.run());
            assertEquals(0x99, m.memory.read8(0x20020));
            CpuState s = m.vcpu.state();
            assertEquals(0x2000, s.seg[CpuState.DS].selector());
            assertEquals(0x20000, s.seg[CpuState.DS].base());
            assertEquals(16, s.codeBits());
        }
    }
}
