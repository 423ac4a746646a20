package dev.jvmm.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jvmm.core.bus.PortBus;
import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.cpu.Msr;
import dev.jvmm.core.cpu.SegmentState;
import dev.jvmm.core.memory.GuestMemory;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** 64-bit addressing: RIP-relative operands, the 67 prefix, FS/GS bases, canonical-address faults. */
class LongModeAddressingTest {
    private static final long CODE = 0x100000, IDT = 0x3000, HALT = 0x9000;
    private final GuestMemory mem = GuestMemory.create(4L << 20);
    private Cpu cpu;
    private Interpreter in;

    @AfterEach
    void close() {
        mem.close();
    }

    private void run(String hex, long rax, long rbx) {
        mem.write64(0x10000, 0x11000 | 3);
        mem.write64(0x11000, 0x12000 | 3);
        mem.write64(0x12000, 0x83);
        mem.write64(0x12008, 0x200000 | 0x83);
        for (int v = 0; v < 32; v++) {
            mem.write64(IDT + v * 16L, (HALT & 0xFFFF) | (0x08L << 16) | (0x8EL << 40) | ((HALT >>> 16) << 48));
            mem.write64(IDT + v * 16L + 8, 0);
        }
        mem.write64(0x1008, 0x00af9a000000ffffL); // GDT: 64-bit code at 0x08, for the handlers
        mem.write8(HALT, 0xF4);
        byte[] code = HexFormat.of().parseHex(hex + "f4");
        mem.writeBytes(CODE, code, 0, code.length);
        CpuState s = new CpuState();
        s.cr0 = ControlBits.CR0_PE | ControlBits.CR0_ET | ControlBits.CR0_PG;
        s.cr4 = ControlBits.CR4_PAE;
        s.cr3 = 0x10000;
        s.efer = Msr.EFER_LME | Msr.EFER_LMA;
        s.seg[CpuState.CS] = SegmentState.fromDescriptor(0x08, 0x00af9b000000ffffL);
        SegmentState data = SegmentState.fromDescriptor(0x10, 0x00cf93000000ffffL);
        for (int seg : new int[] {CpuState.ES, CpuState.SS, CpuState.DS, CpuState.FS, CpuState.GS}) s.seg[seg] = data;
        s.gdtBase = 0x1000;
        s.gdtLimit = 0xF;
        s.idtBase = IDT;
        s.idtLimit = 0x1FF;
        s.rip = CODE;
        s.gpr[CpuState.RSP] = 0x8000;
        s.gpr[CpuState.RAX] = rax;
        s.gpr[CpuState.RBX] = rbx;
        cpu = new Cpu(mem);
        cpu.setState(s);
        in = new Interpreter(cpu, new PortBus());
        for (int n = 0; n < 20 && !cpu.halted; n++) in.step();
    }

    @Test
    void ripRelativeLoadAndStore() {
        // mov rcx, [rip+0x100]; mov [rip+0x200], rax   (RIP = the end of each instruction)
        mem.write64(CODE + 7 + 0x100, 0x1122334455667788L);
        run("488b0d00010000488905" + "00020000", 0xCAFE, 0);
        assertEquals(0x1122334455667788L, cpu.gpr[CpuState.RCX]);
        assertEquals(0xCAFE, mem.read64(CODE + 14 + 0x200));
    }

    @Test
    void addressSizeOverrideTruncatesTo32Bits() {
        // mov eax, [ebx] with RBX = 0x1_0000_5000: the 67 prefix drops bit 32
        mem.write32(0x5000, 0x600DF00D);
        run("678b03", 0, 0x1_0000_5000L);
        assertEquals(0x600DF00D, cpu.gpr[CpuState.RAX]);
        assertEquals(-1, in.lastVector());
    }

    @Test
    void fsAndGsBasesApplyOthersDoNot() {
        // wrmsr FS_BASE = 0x6000; mov eax, fs:[0x10]; mov ebx, ds:[0x10]
        mem.write32(0x6010, 0xF5F5);
        mem.write32(0x10, 0xD5D5);
        run("b9000100c0b800600000" + "31d20f30" + "648b042510000000" + "8b1c2510000000", 0, 0);
        assertEquals(0xF5F5, cpu.gpr[CpuState.RAX]);
        assertEquals(0xD5D5, cpu.gpr[CpuState.RBX]);
    }

    @Test
    void nonCanonicalAddressesFault() {
        run("8b03", 0, 0x0000_8000_0000_0000L); // mov eax, [rbx]: #GP(0)
        assertEquals(13, in.lastVector());
        run("8b4500", 0, 0); // mov eax, [rbp] with RBP = 0: fine
        assertEquals(-1, in.lastVector());
        run("48bd00000000008000008b4500", 0, 0); // RBP non-canonical: #SS(0)
        assertEquals(12, in.lastVector());
    }
}
