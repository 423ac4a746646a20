package dev.jvmm.kvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.engine.VcpuExit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** KVM_SET_GUEST_DEBUG single-step: one Breakpoint exit per guest instruction, I/O still handled inside. */
class SingleStepKvmTest {
    @BeforeEach
    void needKvm() {
        KvmTestMachine.assumeKvm();
    }

    @Test
    void everyInstructionEndsInABreakpointExit() {
        try (KvmTestMachine m = new KvmTestMachine()) {
            m.load(0x7C00,
                    0xB0, 'x',              // 7c00: mov al, 'x'
                    0xBA, 0xF8, 0x03,       // 7c02: mov dx, 0x3f8
                    0xEE,                   // 7c05: out dx, al
                    0x40,                   // 7c06: inc ax
                    0xFA, 0xF4);            // 7c07: cli; 7c08: hlt
            m.vcpu.setState(CpuState.realMode(0, 0x7C00));
            m.vcpu.setSingleStep(true);
            List<Long> rips = new ArrayList<>();
            VcpuExit exit;
            while ((exit = m.vcpu.run()) instanceof VcpuExit.Breakpoint(long rip)) rips.add(rip);
            assertEquals(List.of(0x7C02L, 0x7C05L, 0x7C06L, 0x7C07L, 0x7C08L), rips);
            assertEquals(new VcpuExit.Halted("hlt with interrupts disabled"), exit);
            assertEquals("x", m.serialText());
            assertEquals('x' + 1, m.vcpu.state().gpr[CpuState.RAX] & 0xFF);
        }
    }

    @Test
    void turningItOffRunsFreely() {
        try (KvmTestMachine m = new KvmTestMachine()) {
            m.load(0x7C00, 0x90, 0x90, 0xFA, 0xF4);
            m.vcpu.setState(CpuState.realMode(0, 0x7C00));
            m.vcpu.setSingleStep(true);
            assertEquals(new VcpuExit.Breakpoint(0x7C01), m.vcpu.run());
            m.vcpu.setSingleStep(false);
            assertEquals(new VcpuExit.Halted("hlt with interrupts disabled"), m.vcpu.run());
        }
    }

    @Test
    void longModeStepsToo() {
        try (KvmTestMachine m = new KvmTestMachine()) {
            m.load(0x10000,
                    0x48, 0xFF, 0xC0,       // 10000: inc rax
                    0x48, 0xFF, 0xC0,       // 10003: inc rax
                    0x66, 0xBA, 0xF8, 0x03, // 10006: mov dx, 0x3f8
                    0xEE,                   // 1000a: out dx, al
                    0xFA, 0xF4);            // 1000b: cli; 1000c: hlt
            m.vcpu.setState(GuestSetup.longMode(m.memory, 0x10000));
            m.vcpu.setSingleStep(true);
            List<Long> rips = new ArrayList<>();
            VcpuExit exit;
            while ((exit = m.vcpu.run()) instanceof VcpuExit.Breakpoint(long rip)) rips.add(rip);
            assertEquals(List.of(0x10003L, 0x10006L, 0x1000AL, 0x1000BL, 0x1000CL), rips);
            assertEquals(new VcpuExit.Halted("hlt with interrupts disabled"), exit);
            assertEquals(2, m.vcpu.state().gpr[CpuState.RAX]);
        }
    }
}
