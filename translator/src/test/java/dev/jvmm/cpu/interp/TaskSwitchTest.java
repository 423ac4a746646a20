package dev.jvmm.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jvmm.core.bus.PortBus;
import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.cpu.SegmentState;
import dev.jvmm.core.memory.GuestMemory;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Hardware task switches: CALL to a TSS, IRET along the back link, INT through a task gate, JMP (task-32.S). */
class TaskSwitchTest {
    private static final long GDT = 0x1000, IDT = 0x2000, TSS_A = 0x3000, TSS_B = 0x3100, TSS_C = 0x3200;
    private final GuestMemory mem = GuestMemory.create(4L << 20);

    @AfterEach
    void close() {
        mem.close();
    }

    private static long tssDescriptor(long base, int type) {
        return 0x67 | ((base & 0xFF_FFFF) << 16) | ((long) (0x80 | type) << 40);
    }

    private void task(long tss, long eip, long esp) {
        mem.write32(tss + 0x20, (int) eip);
        mem.write32(tss + 0x24, 2);
        mem.write32(tss + 0x38, (int) esp);
        mem.write32(tss + 0x4C, 0x08);
        for (int off : new int[] {0x48, 0x50, 0x54, 0x58, 0x5C}) mem.write32(tss + off, 0x10);
        mem.write16(tss + 0x66, 0x68);
    }

    @Test
    void callIretTaskGateAndJump() throws IOException {
        byte[] code;
        try (InputStream in = getClass().getResourceAsStream("task-32.bin")) {
            code = in.readAllBytes();
        }
        mem.writeBytes(0x10000, code, 0, code.length);
        long taskB = mem.read32(0x10100), taskC = mem.read32(0x10104);
        mem.write64(GDT + 0x08, 0x00cf9a000000ffffL);
        mem.write64(GDT + 0x10, 0x00cf92000000ffffL);
        mem.write64(GDT + 0x28, tssDescriptor(TSS_A, 0xB)); // current task: busy
        mem.write64(GDT + 0x30, tssDescriptor(TSS_B, 0x9));
        mem.write64(GDT + 0x38, tssDescriptor(TSS_C, 0x9));
        mem.write64(IDT + 0x40 * 8, (0x38L << 16) | (0x85L << 40)); // task gate to TSS C
        task(TSS_B, taskB, 0x7000);
        task(TSS_C, taskC, 0x6000);
        CpuState s = new CpuState();
        s.cr0 = ControlBits.CR0_PE | ControlBits.CR0_ET;
        s.seg[CpuState.CS] = SegmentState.fromDescriptor(0x08, mem.read64(GDT + 0x08));
        SegmentState data = SegmentState.fromDescriptor(0x10, mem.read64(GDT + 0x10));
        for (int seg : new int[] {CpuState.ES, CpuState.SS, CpuState.DS, CpuState.FS, CpuState.GS}) s.seg[seg] = data;
        s.tr = SegmentState.fromDescriptor(0x28, mem.read64(GDT + 0x28));
        s.gdtBase = GDT;
        s.gdtLimit = 0x3F;
        s.idtBase = IDT;
        s.idtLimit = 0x7FF;
        s.rip = 0x10000;
        s.gpr[CpuState.RSP] = 0x8000;
        Cpu cpu = new Cpu(mem);
        cpu.setState(s);
        Interpreter in = new Interpreter(cpu, new PortBus());
        for (int n = 0; n < 100 && !cpu.halted; n++) in.step();
        org.junit.jupiter.api.Assertions.assertTrue(in.stats().contains(" 0 exceptions, 1 software interrupts"), in.stats());
        assertEquals(0x30, mem.read32(0x5010) & 0xFFFF, "TR in task B");
        assertEquals(0x4000, mem.read32(0x5014) & 0x4000, "NT set in a called task");
        assertEquals(0x28, mem.read16(TSS_B), "back link to task A");
        assertEquals(0xaaaa, mem.read32(0x5000), "A's EAX restored from its TSS");
        assertEquals(0, mem.read32(0x5004) & 0x4000, "NT clear in A");
        assertEquals(1, mem.read32(0x5008), "task C ran through the task gate and returned");
        assertEquals(0x30, mem.read32(0x5018) & 0xFFFF, "TR after JMP to task B");
        assertEquals(0, mem.read32(0x501c) & 0x4000, "NT clear after JMP (it was saved clear by IRET)");
        assertEquals(0x8B, mem.read8(GDT + 0x30 + 5), "task B busy");
        assertEquals(0x89, mem.read8(GDT + 0x28 + 5), "task A no longer busy after JMP");
        assertEquals(0x89, mem.read8(GDT + 0x38 + 5), "task C not busy after its IRET");
        assertEquals(0x30, cpu.segSel[Cpu.TR]);
        assertEquals(8, cpu.cr0 & 8, "CR0.TS set by a task switch");
    }
}
