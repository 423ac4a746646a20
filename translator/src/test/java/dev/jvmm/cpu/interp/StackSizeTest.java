package dev.jvmm.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.cpu.SegmentState;
import dev.jvmm.core.memory.GuestMemory;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Instructions that load SS: which stack-address size moves (E)SP. POP SS pops with the size in effect
 * before the instruction (the B bit of the old SS), whatever the new segment's B bit; MOV SS and LSS
 * leave ESP alone (LSS ESP loads it whole). A far return to an outer level loads the new (E)SP by the new
 * SS's B bit (a 16-bit SS takes SP only and ESP keeps its upper half, as the CPU does — Linux's
 * "espfix" exists for that).
 */
class StackSizeTest {
    private static final int STACK16 = 0x18, STACK32 = 0x10;
    private final GuestMemory mem = GuestMemory.create(4L << 20);

    @AfterEach
    void close() {
        mem.close();
    }

    /** Runs {@code hex} + HLT at CPL 0 with SS = {@code ss} and ESP = {@code esp}; returns the CPU. */
    private Cpu run(String hex, int ss, long esp) {
        mem.write64(FlatProtectedMode.GDT + STACK16, 0x008f92000000ffffL); // data, 4 GiB, B=0
        byte[] code = HexFormat.of().parseHex(hex + "f4");
        mem.writeBytes(FlatProtectedMode.CODE, code, 0, code.length);
        CpuState s = FlatProtectedMode.state(mem, 0x1F);
        s.seg[CpuState.SS] = SegmentState.fromDescriptor(ss, mem.read64(FlatProtectedMode.GDT + ss));
        s.gpr[CpuState.RSP] = esp;
        Cpu cpu = FlatProtectedMode.run(mem, s, 10);
        assertEquals(FlatProtectedMode.CODE + code.length, cpu.rip, "ran to the HLT without an exception");
        return cpu;
    }

    @Test
    void popSsFromA16BitStackTo32BitMovesSpOnly() {
        mem.write32(0xFFFE, STACK32); // the dword at SS:FFFE (its upper half at 0x10000)
        Cpu cpu = run("17", STACK16, 0x0001_FFFEL); // pop ss
        assertEquals(STACK32, cpu.segSel[Cpu.SS]);
        assertEquals(0x0001_0002L, cpu.gpr[CpuState.RSP], "SP wrapped at 64 KiB; ESP's upper half untouched");
    }

    @Test
    void popSsFromA32BitStackTo16BitMovesAllOfEsp() {
        mem.write32(0x1_FFFEL, STACK16);
        Cpu cpu = run("17", STACK32, 0x0001_FFFEL); // pop ss
        assertEquals(STACK16, cpu.segSel[Cpu.SS]);
        assertEquals(0x0002_0002L, cpu.gpr[CpuState.RSP], "a 32-bit increment, carrying into bit 16");
    }

    @Test
    void movSsAndLssLeaveEspToTheInstruction() {
        Cpu cpu = run("66b81800" + "8ed0", STACK32, 0x0001_FFFEL); // mov ax, 0x18; mov ss, ax
        assertEquals(STACK16, cpu.segSel[Cpu.SS]);
        assertEquals(0x0001_FFFEL, cpu.gpr[CpuState.RSP]);
        mem.write32(0x5000, 0x1234_5678);
        mem.write16(0x5004, STACK16);
        cpu = run("0fb22500500000", STACK32, 0x0001_FFFEL); // lss esp, [0x5000]
        assertEquals(STACK16, cpu.segSel[Cpu.SS]);
        assertEquals(0x1234_5678L, cpu.gpr[CpuState.RSP], "LSS ESP loads all 32 bits whatever SS.B");
    }

    @Test
    void farReturnToA16BitOuterStackLoadsSpOnly() {
        long ring3 = 0x12000;
        mem.write64(FlatProtectedMode.GDT + 0x20, 0x00cffa000000ffffL); // code, DPL 3, 32-bit
        mem.write64(FlatProtectedMode.GDT + 0x28, 0x008ff2000000ffffL); // data, DPL 3, B=0
        mem.write16(ring3, 0xFEEB); // jmp $
        long frame = 0x7_8000L;
        mem.write32(frame, (int) ring3);
        mem.write32(frame + 4, 0x23);
        mem.write32(frame + 8, 0xABCD_1234);
        mem.write32(frame + 12, 0x2B);
        byte[] code = HexFormat.of().parseHex("cb"); // retf
        mem.writeBytes(FlatProtectedMode.CODE, code, 0, code.length);
        CpuState s = FlatProtectedMode.state(mem, 0x2F);
        s.gpr[CpuState.RSP] = frame;
        Cpu cpu = FlatProtectedMode.run(mem, s, 3);
        assertEquals(ring3, cpu.rip);
        assertEquals(3, cpu.cpl);
        assertEquals(0x0007_1234L, cpu.gpr[CpuState.RSP], "SP from the stack, the upper half of ring 0's ESP kept");
    }

    @Test
    void callGateToAnInnerLevelSavesAllOfTheCallersEsp() {
        long tss = 0x6000, handler = 0x11000;
        mem.write64(FlatProtectedMode.GDT + 0x20, 0x00cffa000000ffffL); // code, DPL 3, 32-bit
        mem.write64(FlatProtectedMode.GDT + 0x28, 0x008ff2000000ffffL); // data, DPL 3, B=0
        mem.write64(FlatProtectedMode.GDT + 0x30, 0x0000_8900_0000_0067L | (tss << 16)); // available 32-bit TSS
        mem.write64(FlatProtectedMode.GDT + 0x38, (handler & 0xFFFF) | (0x08L << 16) | (0xECL << 40) | ((handler >>> 16) << 48)); // call gate, DPL 3
        mem.write32(tss + 4, 0x9000); // ESP0
        mem.write32(tss + 8, 0x10); // SS0
        mem.write8(handler, 0xF4); // hlt
        byte[] code = HexFormat.of().parseHex("9a000000003b00"); // call 0x3b:0
        mem.writeBytes(FlatProtectedMode.CODE, code, 0, code.length);
        CpuState s = FlatProtectedMode.state(mem, 0x3F);
        s.seg[CpuState.CS] = SegmentState.fromDescriptor(0x23, mem.read64(FlatProtectedMode.GDT + 0x20));
        s.seg[CpuState.SS] = SegmentState.fromDescriptor(0x2B, mem.read64(FlatProtectedMode.GDT + 0x28));
        s.tr = SegmentState.fromDescriptor(0x30, mem.read64(FlatProtectedMode.GDT + 0x30) | (2L << 40)); // busy
        s.gpr[CpuState.RSP] = 0xABCD_1234L; // a 16-bit stack: SP 0x1234, and an upper half the caller left
        Cpu cpu = FlatProtectedMode.run(mem, s, 3);
        assertEquals(handler + 1, cpu.rip);
        assertEquals(0, cpu.cpl);
        assertEquals(0x9000 - 16, cpu.gpr[CpuState.RSP]);
        assertEquals(0x2B, mem.read32(0x9000 - 4), "caller's SS");
        assertEquals(0xABCD_1234, mem.read32(0x9000 - 8), "caller's ESP, all of it, as an interrupt saves it (SDM CALL: Push(oldSS:oldESP))");
        assertEquals(0x23, mem.read32(0x9000 - 12));
        assertEquals((int) FlatProtectedMode.CODE + code.length, mem.read32(0x9000 - 16));
    }
}
