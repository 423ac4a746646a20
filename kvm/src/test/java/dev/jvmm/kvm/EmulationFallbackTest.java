package dev.jvmm.kvm;

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
    void iretKeepsIoplAboveCplZeroAndIfAboveIopl() {
        long current = 0x202;                                  // IF=1, IOPL=0
        long popped = 0x3000 | ControlBits.CF;                 // IF=0, IOPL=3
        assertEquals(0x3000 | ControlBits.CF | 0x2, EmulationFallback.iretFlags(current, popped, 0));
        assertEquals(0x202 | ControlBits.CF, EmulationFallback.iretFlags(current, popped, 3),
                "at CPL 3 with IOPL 0 neither IOPL nor IF change");
        assertEquals(0x2 | ControlBits.CF, EmulationFallback.iretFlags(current | 0x3000, popped & ~0x3000L, 3) & ~0x3000L,
                "at CPL 3 with IOPL 3 IF may change");
        assertEquals(0x2, EmulationFallback.iretFlags(0x2, ControlBits.VM, 0), "VM never comes from IRET here");
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
    void intThroughANotPresentGateIsNpWithTheIdtErrorCode() {
        gate(11, 0x13000, 0xE);
        CpuState s = at(0x10000, 0xCD, 0x31);          // gate 0x31 is all zero
        assertTrue(fallback.execute(s));
        assertEquals(0x13000, s.rip);
        assertEquals(0x8000 - 16, s.gpr[CpuState.RSP]);
        assertEquals(0x31 * 8 + 2, memory.read32(0x8000 - 16), "error code: vector * 8, IDT flag");
        assertEquals(0x10000, memory.read32(0x8000 - 12), "a fault: the saved EIP is the INT itself");
    }

    @Test
    void intoRaisesOfOnlyWithOverflowSet() {
        gate(4, 0x14000, 0xE);
        CpuState clear = at(0x10000, 0xCE);
        assertTrue(fallback.execute(clear));
        assertEquals(0x10001, clear.rip);
        CpuState set = at(0x10000, 0xCE);
        set.rflags |= ControlBits.OF;
        assertTrue(fallback.execute(set));
        assertEquals(0x14000, set.rip);
        assertEquals(0x10001, memory.read32(0x8000 - 12), "#OF is a trap: after the INTO");
    }

    @Test
    void boundChecksSignedLimitsAndFaultsWithBr() {
        gate(5, 0x15000, 0xE);
        memory.write32(0x3000, -5);
        memory.write32(0x3004, 10);
        CpuState inside = at(0x10000, 0x62, 0x05, 0x00, 0x30, 0x00, 0x00); // bound eax, [0x3000]
        inside.gpr[CpuState.RAX] = -5 & 0xFFFF_FFFFL;
        assertTrue(fallback.execute(inside));
        assertEquals(0x10006, inside.rip);
        CpuState outside = at(0x10000, 0x62, 0x43, 0x04);                    // bound eax, [ebx+4]
        outside.gpr[CpuState.RBX] = 0x2FFC;
        outside.gpr[CpuState.RAX] = 11;
        assertTrue(fallback.execute(outside));
        assertEquals(0x15000, outside.rip);
        assertEquals(0x10000, memory.read32(0x8000 - 12), "#BR is a fault: the saved EIP is the BOUND");
    }

    @Test
    void x87WithTaskSwitchedSetIsNm() {
        gate(7, 0x16000, 0xE);
        CpuState s = at(0x10000, 0xD9, 0xEE);           // fldz
        assertFalse(fallback.execute(s.copy()), "without CR0.TS/EM the x87 instruction is not ours");
        s.cr0 |= ControlBits.CR0_TS;
        assertTrue(fallback.execute(s));
        assertEquals(0x16000, s.rip);
        assertEquals(0x10000, memory.read32(0x8000 - 12));
    }

    @Test
    void otherInstructionsAreLeftAlone() {
        assertFalse(fallback.execute(at(0x10000, 0x0F, 0x0B)));  // ud2
        assertFalse(fallback.execute(at(0x10000, 0x90)));        // nop
    }

    @Test
    void notInRealMode() {
        memory.write8(0x7C00, 0xCC);
        assertFalse(fallback.execute(CpuState.realMode(0, 0x7C00)));
    }

    private void gate64(int vector, long handler, int type, int ist) {
        long low = (handler & 0xFFFF) | ((long) GuestSetup.CODE64 << 16) | ((long) ist << 32) | ((0x80L | type) << 40)
                | (((handler >>> 16) & 0xFFFF) << 48);
        memory.write64(0x2000 + vector * 16L, low);
        memory.write64(0x2000 + vector * 16L + 8, handler >>> 32);
    }

    @Test
    void longModeIntPushesAFullFrameOnA16ByteAlignedStack() {
        gate64(0x30, 0x11000, 0xE, 0);
        for (int i = 0; i < 2; i++) memory.write8(0x10000 + i, new int[] {0xCD, 0x30}[i]);
        CpuState s = GuestSetup.longMode(memory, 0x10000);
        s.idtBase = 0x2000;
        s.idtLimit = 0xFFF;
        s.gpr[CpuState.RSP] = 0x8008;                   // not 16-byte aligned
        s.rflags = 0x202;
        assertTrue(fallback.execute(s));
        assertEquals(0x11000, s.rip);
        assertEquals(0x8000 - 40, s.gpr[CpuState.RSP]);
        assertEquals(0x10002, memory.read64(0x8000 - 40), "RIP");
        assertEquals(GuestSetup.CODE64, memory.read64(0x8000 - 32), "CS");
        assertEquals(0x202, memory.read64(0x8000 - 24), "RFLAGS");
        assertEquals(0x8008, memory.read64(0x8000 - 16), "old RSP");
        assertEquals(GuestSetup.DATA, memory.read64(0x8000 - 8), "SS");
        assertEquals(0x2, s.rflags);
    }

    @Test
    void longModeIstGatesAreLeftToKvm() {
        gate64(3, 0x11000, 0xE, 1);
        memory.write8(0x10000, 0xCC);
        CpuState s = GuestSetup.longMode(memory, 0x10000);
        s.idtBase = 0x2000;
        s.idtLimit = 0xFFF;
        assertFalse(fallback.execute(s));
        assertEquals(0x10000, s.rip);
    }
}
