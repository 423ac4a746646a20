package dev.jvmm.core.kvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.memory.GuestMemory;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Java fallback for INT n / INT3 / IRET in 32-bit protected mode, without /dev/kvm (identity paging). */
class EmulationFallbackTest {
    private final GuestMemory memory = GuestMemory.create(2 << 20);
    private final EmulationFallback fallback = new EmulationFallback(memory, linear -> linear);

    @AfterEach
    void close() {
        memory.close();
    }

    private CpuState at(long eip, int... code) {
        for (int i = 0; i < code.length; i++) memory.write8(eip + i, code[i]);
        CpuState s = GuestSetup.protectedMode(memory, eip);
        s.idtBase = 0x2000;
        s.idtLimit = 0x7FF;
        s.gpr[CpuState.RSP] = 0x8000;
        return s;
    }

    private void gate(int vector, long handler, int type) {
        long g = (handler & 0xFFFF) | ((long) GuestSetup.CODE32 << 16) | ((0x80L | type) << 40) | ((handler >>> 16) << 48);
        memory.write64(0x2000 + vector * 8L, g);
    }

    @Test
    void intThroughAnInterruptGatePushesFlagsCsEipAndClearsIf() {
        gate(0x30, 0x11000, 0xE);
        CpuState s = at(0x10000, 0xCD, 0x30);
        s.rflags = 0x202 | ControlBits.TF;
        assertTrue(fallback.execute(s));
        assertEquals(0x11000, s.rip);
        assertEquals(0x8000 - 12, s.gpr[CpuState.RSP]);
        assertEquals(0x10002, memory.read32(0x8000 - 12), "return EIP after the 2-byte INT");
        assertEquals(GuestSetup.CODE32, memory.read32(0x8000 - 8));
        assertEquals(0x202 | ControlBits.TF, memory.read32(0x8000 - 4));
        assertEquals(0x2, s.rflags, "IF and TF cleared");
    }

    @Test
    void int3ThroughATrapGateKeepsIf() {
        gate(3, 0x12345, 0xF);
        CpuState s = at(0x10000, 0xCC);
        s.rflags = 0x202;
        assertTrue(fallback.execute(s));
        assertEquals(0x12345, s.rip);
        assertEquals(0x10001, memory.read32(0x8000 - 12));
        assertEquals(0x202, s.rflags);
    }

    @Test
    void iretPopsWhatIntPushed() {
        gate(0x30, 0x11000, 0xE);
        memory.write8(0x11000, 0xCF);
        CpuState s = at(0x10000, 0xCD, 0x30);
        s.rflags = 0x246 | ControlBits.IF;
        CpuState before = s.copy();
        assertTrue(fallback.execute(s));
        assertTrue(fallback.execute(s));
        before.rip = 0x10002;
        assertEquals(List.of(), before.diff(s));
    }

    @Test
    void iretNeverSetsVmOrChangesPrivilege() {
        CpuState s = at(0x10000, 0xCF);
        memory.write32(0x8000, 0x5000);
        memory.write32(0x8004, GuestSetup.CODE32 | 3);   // RPL 3: a return to user mode
        memory.write32(0x8008, 0x202);
        assertFalse(fallback.execute(s));
        memory.write32(0x8004, GuestSetup.CODE32);
        memory.write32(0x8008, (int) (0x202 | ControlBits.VM));  // a return to virtual-8086 mode
        assertFalse(fallback.execute(s));
        assertEquals(0x10000, s.rip, "state untouched when not handled");
    }

    @Test
    void notPresentGatesAndOtherInstructionsAreLeftAlone() {
        CpuState s = at(0x10000, 0xCD, 0x31);          // gate 0x31 is all zero
        assertFalse(fallback.execute(s));
        assertFalse(fallback.execute(at(0x10000, 0x0F, 0x0B)));  // ud2
    }

    @Test
    void onlyIn32BitProtectedMode() {
        gate(3, 0x12345, 0xF);
        CpuState lm = GuestSetup.longMode(memory, 0x10000);
        memory.write8(0x10000, 0xCC);
        assertFalse(fallback.execute(lm));
        CpuState real = CpuState.realMode(0, 0x10000 & 0xFFFF);
        assertFalse(fallback.execute(real));
    }
}
