package dev.jvmm.kvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.engine.StopReason;
import dev.jvmm.core.engine.VcpuExit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** 32-bit protected-mode and 64-bit long-mode entry on /dev/kvm, plus a triple fault. */
class ProtectedAndLongModeKvmTest {
    @BeforeEach
    void needKvm() {
        KvmTestMachine.assumeKvm();
    }

    @Test
    void flatProtectedModeAsMultibootLeavesIt() {
        try (KvmTestMachine m = new KvmTestMachine()) {
            m.load(0x10000,
                    0xBA, 0xF8, 0x03, 0x00, 0x00,             // mov edx, 0x3f8
                    0xB0, 'P', 0xEE,                          // mov al, 'P'; out dx, al
                    0xC7, 0x05, 0x00, 0x00, 0x18, 0x00,       // mov dword [0x180000], 0xcafef00d
                    0x0D, 0xF0, 0xFE, 0xCA,
                    0xBA, 0xF4, 0x00, 0x00, 0x00,             // mov edx, 0xf4
                    0xB0, 0x03, 0xEE,                         // mov al, 3; out dx, al
                    0xF4);
            CpuState start = GuestSetup.protectedMode(m.memory, 0x10000);
            m.vcpu.setState(start);
            assertInstanceOf(VcpuExit.ExitRequested.class, m.vcpu.run());
            assertEquals("P", m.serialText());
            assertEquals(0xCAFEF00D, m.memory.read32(0x180000), "the guest wrote GuestMemory's RAM");
            assertEquals(new StopReason.DebugExit(3), m.platform.stop().reason());
            CpuState s = m.vcpu.state();
            assertEquals(32, s.codeBits());
            assertEquals(start.seg[CpuState.CS], s.seg[CpuState.CS].withSelector(GuestSetup.CODE32));
        }
    }

    @Test
    void longModeWithPageTablesBuiltInGuestRam() {
        try (KvmTestMachine m = new KvmTestMachine()) {
            m.load(0x10000,
                    0x66, 0xBA, 0xF8, 0x03,                   // mov dx, 0x3f8
                    0xB0, 'L', 0xEE,                          // mov al, 'L'; out dx, al
                    0x48, 0xB8, 0xF0, 0xDE, 0xBC, 0x9A, 0x78, 0x56, 0x34, 0x12, // mov rax, 0x123456789abcdef0
                    0x48, 0x89, 0x04, 0x25, 0x00, 0x30, 0x00, 0x00,             // mov [0x3000], rax
                    0x49, 0x89, 0xC7,                         // mov r15, rax
                    0x66, 0xBA, 0xF4, 0x00,                   // mov dx, 0xf4
                    0xB0, 0x09, 0xEE,                         // mov al, 9; out dx, al
                    0xF4);
            m.vcpu.setState(GuestSetup.longMode(m.memory, 0x10000));
            assertInstanceOf(VcpuExit.ExitRequested.class, m.vcpu.run());
            assertEquals("L", m.serialText());
            assertEquals(0x123456789ABCDEF0L, m.memory.read64(0x3000));
            assertEquals(new StopReason.DebugExit(9), m.platform.stop().reason());
            CpuState s = m.vcpu.state();
            assertEquals(64, s.codeBits());
            assertEquals(0x123456789ABCDEF0L, s.gpr[15]);
            assertTrue(s.longModeActive());
        }
    }

    @Test
    void tripleFaultIsShutdown() {
        try (KvmTestMachine m = new KvmTestMachine()) {
            m.load(0x10000, 0x0F, 0x0B);   // ud2 with an empty IDT: #UD -> #GP -> #DF -> shutdown
            m.vcpu.setState(GuestSetup.protectedMode(m.memory, 0x10000));
            assertEquals(new VcpuExit.Shutdown("triple fault"), m.vcpu.run());
        }
    }
}
