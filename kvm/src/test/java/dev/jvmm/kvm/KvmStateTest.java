package dev.jvmm.kvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.cpu.Msr;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** setState() then state() through the real KVM_SET/GET_REGS, SREGS and MSRS. */
class KvmStateTest {
    @BeforeEach
    void needKvm() {
        KvmTestMachine.assumeKvm();
    }

    private static List<String> roundTrip(KvmTestMachine m, CpuState s) {
        m.vcpu.setState(s);
        CpuState back = m.vcpu.state();
        back.msrs.clear();
        CpuState expected = s.copy();
        expected.msrs.clear();
        List<String> diff = new ArrayList<>(expected.diff(back));
        return diff;
    }

    private static CpuState withRegisters(CpuState s) {
        for (int i = 0; i < 16; i++) s.gpr[i] = 0x0101_0101_0101_0101L * (i + 1);
        s.rflags = 0x202;
        return s;
    }

    @Test
    void theX87StateRoundTripsThroughKvm() {
        try (KvmTestMachine m = new KvmTestMachine()) {
            CpuState s = withRegisters(GuestSetup.longMode(m.memory, 0x10_0000));
            List<Long> sigs = List.of(0x8000_0000_0000_0000L, 0L, 0xC000_0000_0000_0001L, 5L, 0x8000_0000_0000_0000L,
                    0xFFFF_FFFF_FFFF_FFFFL, 0L, 0x1234L);
            List<Integer> ses = List.of(0x3FFF, 0x8000, 0xFFFF, 0x0000, 0x7FFF, 0x4000, 0x1234, 0x0001);
            int tag = 1 << 2 | 2 << 4 | 2 << 6 | 2 << 8 | 3 << 12 | 2 << 14; // R6 empty, the rest tagged by contents
            s.x87 = new dev.jvmm.core.cpu.X87State(0x0A7F, 3 << 11 | 0x4121, tag, sigs, ses, 0x1DD, 0, 0x401000, 0, 0x602000);
            assertEquals(List.of(), roundTrip(m, s));
        }
    }

    @Test
    void realModeRoundTrips() {
        try (KvmTestMachine m = new KvmTestMachine()) {
            assertEquals(List.of(), roundTrip(m, withRegisters(CpuState.realMode(0x1234, 0x5678))));
        }
    }

    @Test
    void protectedModeRoundTrips() {
        try (KvmTestMachine m = new KvmTestMachine()) {
            CpuState s = withRegisters(GuestSetup.protectedMode(m.memory, 0x10_0000));
            for (int i = 0; i < 16; i++) s.gpr[i] &= 0xFFFF_FFFFL;
            assertEquals(List.of(), roundTrip(m, s));
        }
    }

    @Test
    void longModeRoundTrips() {
        try (KvmTestMachine m = new KvmTestMachine()) {
            assertEquals(List.of(), roundTrip(m, withRegisters(GuestSetup.longMode(m.memory, 0x10_0000))));
        }
    }

    @Test
    void debugRegistersAndTheInterruptShadowRoundTrip() {
        try (KvmTestMachine m = new KvmTestMachine()) {
            CpuState s = withRegisters(GuestSetup.protectedMode(m.memory, 0x10_0000));
            for (int i = 0; i < 16; i++) s.gpr[i] &= 0xFFFF_FFFFL;
            s.dr[0] = 0x1000;
            s.dr[3] = 0x2000;
            s.dr[6] = 0xFFFF0FF0L;
            s.dr[7] = 0x401; // L0 enabled
            s.interruptShadow = true;
            assertEquals(List.of(), roundTrip(m, s));
            CpuState back = m.vcpu.state(); // CpuState.diff does not cover these: compare them here
            assertEquals(java.util.Arrays.toString(s.dr), java.util.Arrays.toString(back.dr));
            assertTrue(back.interruptShadow);
        }
    }

    @Test
    void msrsGoInAndComeBack() {
        try (KvmTestMachine m = new KvmTestMachine()) {
            CpuState s = GuestSetup.longMode(m.memory, 0x10_0000);
            s.msrs.put(Msr.LSTAR, 0xFFFF_FFFF_8100_0000L);
            s.msrs.put(Msr.SYSENTER_EIP, 0x1234L);
            m.vcpu.setState(s);
            CpuState back = m.vcpu.state();
            assertEquals(0xFFFF_FFFF_8100_0000L, back.msrs.get(Msr.LSTAR));
            assertEquals(0x1234L, back.msrs.get(Msr.SYSENTER_EIP));
        }
    }

    @Test
    void aRefusedMsrIsAClearException() {
        try (KvmTestMachine m = new KvmTestMachine()) {
            CpuState s = CpuState.realMode(0, 0x7C00);
            s.msrs.put(0x4000_00FF, 1L); // in the hypervisor range, no such MSR anywhere
            KvmSetupException e = assertThrows(KvmSetupException.class, () -> m.vcpu.setState(s));
            assertTrue(e.getMessage().contains("MSR 0x400000ff"), e.getMessage());
        }
    }
}
