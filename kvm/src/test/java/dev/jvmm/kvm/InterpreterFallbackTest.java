package dev.jvmm.kvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.bus.PortBus;
import dev.jvmm.core.clock.TimerQueue;
import dev.jvmm.core.clock.VirtualClock;
import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.engine.Platform;
import dev.jvmm.core.engine.StopRequest;
import dev.jvmm.core.irq.InterruptController;
import dev.jvmm.core.memory.GuestMemory;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The instructions PVM's emulator gives up on, executed by the interpreter on the state KVM would hand
 * over, without /dev/kvm (the paging here is none or identity). The first cases are the ones the issue
 * found ending the kvm engine with status 70: each is what the interpreter, like a CPU, does instead.
 */
class InterpreterFallbackTest {
    private final GuestMemory memory = GuestMemory.create(2 << 20);
    private final InterpreterFallback fallback = new InterpreterFallback(
            new Platform(memory, new PortBus(), InterruptController.NONE, new TimerQueue(new VirtualClock(1)), new StopRequest()), false);

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

    private CpuState run(CpuState s) {
        InterpreterFallback.Outcome done = fallback.execute(s);
        assertNull(done.shutdown(), "no shutdown");
        return done.state();
    }

    // ---- the emulation failures of issue 20 ----

    @Test
    void daaInProtectedMode() {
        CpuState s = at(0x10000, 0x27); // daa
        s.gpr[CpuState.RAX] = 0x0F;
        CpuState after = run(s);
        assertEquals(0x15, after.gpr[CpuState.RAX] & 0xFF);
        assertEquals(0x10001, after.rip);
    }

    @Test
    void x87AddInRealModeRunsAsTheInterpreterDoes() {
        memory.write8(0x7C00, 0xD8);
        memory.write8(0x7C01, 0xC1); // fadd st0, st1
        CpuState after = run(CpuState.realMode(0, 0x7C00));
        assertEquals(0x7C02, after.rip, "executed, not an emulation failure");
    }

    @Test
    void int3WithAnIdtLimitOfZeroIsATripleFault() {
        memory.write8(0x10000, 0xCC); // int3
        CpuState s = GuestSetup.longMode(memory, 0x10000);
        s.idtBase = 0;
        s.idtLimit = 0;
        InterpreterFallback.Outcome done = fallback.execute(s);
        assertTrue(done.shutdown() != null && done.shutdown().startsWith("triple fault"), String.valueOf(done.shutdown()));
    }

    @Test
    void fetchAboveRamFaultsThroughTheIdt() {
        gate(6, 0x11000, 0xE); // unclaimed memory reads all ones: FF FF is an invalid encoding, #UD
        CpuState above = at(0x10000);
        above.rip = 0x4000_0000L; // 1 GiB, far above the 2 MiB of RAM
        CpuState after = run(above);
        assertEquals(0x11000, after.rip);
        assertEquals(0x4000_0000L, memory.read32(0x8000 - 12), "a fault: the saved EIP is the fetch address");
    }

    // ---- what the old Java fallback did, now the interpreter ----

    @Test
    void intThroughAnInterruptGatePushesFlagsCsEipAndClearsIf() {
        gate(0x30, 0x11000, 0xE);
        CpuState s = at(0x10000, 0xCD, 0x30);
        s.rflags = 0x202 | ControlBits.NT;
        CpuState after = run(s);
        assertEquals(0x11000, after.rip);
        assertEquals(0x8000 - 12, after.gpr[CpuState.RSP]);
        assertEquals(0x10002, memory.read32(0x8000 - 12), "return EIP after the 2-byte INT");
        assertEquals(GuestSetup.CODE32, memory.read32(0x8000 - 8));
        assertEquals(0x202 | ControlBits.NT, memory.read32(0x8000 - 4));
        assertEquals(0x2, after.rflags, "IF and NT cleared");
    }

    @Test
    void iretPopsWhatIntPushed() {
        gate(0x30, 0x11000, 0xE);
        memory.write8(0x11000, 0xCF);
        CpuState s = at(0x10000, 0xCD, 0x30);
        s.rflags = 0x246 | ControlBits.IF;
        CpuState after = run(run(s));
        after.msrs.clear(); // the interpreter reports its MSRs; the state handed in had none
        s.rip = 0x10002;
        assertEquals(List.of(), s.diff(after));
    }

    @Test
    void iretToUserModeChangesPrivilege() {
        memory.write64(GuestSetup.GDT + 0x20, 0x00CF_FB00_0000_FFFFL); // code, DPL 3
        memory.write64(GuestSetup.GDT + 0x28, 0x00CF_F300_0000_FFFFL); // data, DPL 3
        CpuState s = at(0x10000, 0xCF);
        s.gdtLimit = 0x2F;
        memory.write32(0x8000, 0x5000);
        memory.write32(0x8004, 0x23);
        memory.write32(0x8008, 0x202);
        memory.write32(0x800C, 0x7000);
        memory.write32(0x8010, 0x2B);
        CpuState after = run(s);
        assertEquals(0x5000, after.rip);
        assertEquals(0x23, after.cs().selector());
        assertEquals(0x2B, after.seg[CpuState.SS].selector());
        assertEquals(0x7000, after.gpr[CpuState.RSP]);
    }

    @Test
    void intThroughANotPresentGateIsNpWithTheIdtErrorCode() {
        gate(11, 0x13000, 0xE);
        gate(0x31, 0x14000, 0xE);
        memory.write8(0x2000 + 0x31 * 8 + 5, 0x0E); // P=0
        CpuState after = run(at(0x10000, 0xCD, 0x31));
        assertEquals(0x13000, after.rip);
        assertEquals(0x8000 - 16, after.gpr[CpuState.RSP]);
        assertEquals(0x31 * 8 + 2, memory.read32(0x8000 - 16), "error code: vector * 8, IDT flag");
        assertEquals(0x10000, memory.read32(0x8000 - 12), "a fault: the saved EIP is the INT itself");
    }

    @Test
    void boundFaultsWithBr() {
        gate(5, 0x15000, 0xE);
        memory.write32(0x3000, -5);
        memory.write32(0x3004, 10);
        CpuState outside = at(0x10000, 0x62, 0x43, 0x04); // bound eax, [ebx+4]
        outside.gpr[CpuState.RBX] = 0x2FFC;
        outside.gpr[CpuState.RAX] = 11;
        CpuState after = run(outside);
        assertEquals(0x15000, after.rip);
        assertEquals(0x10000, memory.read32(0x8000 - 12), "#BR is a fault: the saved EIP is the BOUND");
    }

    @Test
    void x87WithTaskSwitchedSetIsNm() {
        gate(7, 0x16000, 0xE);
        CpuState s = at(0x10000, 0xD9, 0xEE); // fldz
        s.cr0 |= ControlBits.CR0_TS;
        CpuState after = run(s);
        assertEquals(0x16000, after.rip);
        assertEquals(0x10000, memory.read32(0x8000 - 12));
    }

    @Test
    void longModeIntPushesAFullFrameOnA16ByteAlignedStack() {
        long low = 0x1000 | ((long) GuestSetup.CODE64 << 16) | (0x8EL << 40) | (0x0001L << 48); // offset 0x11000
        memory.write64(0x2000 + 0x30 * 16L, low);
        memory.write64(0x2000 + 0x30 * 16L + 8, 0);
        memory.write8(0x10000, 0xCD);
        memory.write8(0x10001, 0x30);
        CpuState s = GuestSetup.longMode(memory, 0x10000);
        s.idtBase = 0x2000;
        s.idtLimit = 0xFFF;
        s.gpr[CpuState.RSP] = 0x8008; // not 16-byte aligned
        s.rflags = 0x202;
        CpuState after = run(s);
        assertEquals(0x11000, after.rip);
        assertEquals(0x8000 - 40, after.gpr[CpuState.RSP]);
        assertEquals(0x10002, memory.read64(0x8000 - 40), "RIP");
        assertEquals(0x8008, memory.read64(0x8000 - 16), "old RSP");
        assertEquals(0x2, after.rflags);
    }

    @Test
    void theStateHandedInIsNotChanged() {
        CpuState s = at(0x10000, 0x27);
        CpuState copy = s.copy();
        fallback.execute(s);
        assertEquals(List.of(), copy.diff(s));
    }
}
