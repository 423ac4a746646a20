package dev.jvmm.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jvmm.core.bus.PortBus;
import dev.jvmm.core.clock.TimerQueue;
import dev.jvmm.core.clock.VirtualClock;
import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.cpu.Msr;
import dev.jvmm.core.cpu.SegmentState;
import dev.jvmm.core.engine.Platform;
import dev.jvmm.core.engine.StopRequest;
import dev.jvmm.core.engine.Vcpu;
import dev.jvmm.core.engine.VcpuExit;
import dev.jvmm.core.irq.InterruptController;
import dev.jvmm.core.memory.GuestMemory;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Ring 0 / ring 3 round trips in 32-bit protected mode and in long mode, with the descriptor
 * tables built here and the guest code in test resources (ring3-32.S, ring3-64.S).
 */
class PrivilegeTest {
    private static final long GDT = 0x1000, IDT = 0x2000, TSS = 0x3000, CODE = 0x10000;
    private final GuestMemory mem = GuestMemory.create(8L << 20);

    @AfterEach
    void close() {
        mem.close();
    }

    private byte[] load(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(name)) {
            byte[] code = in.readAllBytes();
            mem.writeBytes(CODE, code, 0, code.length);
            return code;
        }
    }

    private long handler(int index, int entrySize, int tableOffset) {
        return entrySize == 4 ? mem.read32(CODE + tableOffset + 4L * index) & 0xFFFF_FFFFL
                : mem.read64(CODE + tableOffset + 8L * index);
    }

    private void gdt(boolean longMode) {
        mem.write64(GDT + 0x08, longMode ? 0x00af9a000000ffffL : 0x00cf9a000000ffffL); // ring-0 code
        mem.write64(GDT + 0x10, 0x00cf92000000ffffL);                                  // ring-0 data
        mem.write64(GDT + 0x18, 0x00cff2000000ffffL);                                  // ring-3 data
        mem.write64(GDT + 0x20, longMode ? 0x00affa000000ffffL : 0x00cffa000000ffffL); // ring-3 code
        mem.write64(GDT + 0x28, 0x0000_8900_0000_0067L | (TSS << 16));                 // available TSS
        mem.write64(GDT + 0x30, 0);
        mem.write64(GDT + 0x38, 0x00cf9a000000ffffL);                                  // 32-bit code (compat)
    }

    private static long gate32(long offset, int type, int dpl) {
        return (offset & 0xFFFF) | (0x08L << 16) | ((long) (0x80 | dpl << 5 | type) << 40) | ((offset >>> 16) << 48);
    }

    private CpuState entry(boolean longMode, int idtLimit) {
        CpuState s = new CpuState();
        s.cr0 = ControlBits.CR0_PE | ControlBits.CR0_ET | (longMode ? ControlBits.CR0_PG : 0);
        s.seg[CpuState.CS] = SegmentState.fromDescriptor(0x08, mem.read64(GDT + 0x08) | (1L << 40));
        SegmentState data = SegmentState.fromDescriptor(0x10, mem.read64(GDT + 0x10) | (1L << 40));
        for (int seg : new int[] {CpuState.ES, CpuState.SS, CpuState.DS, CpuState.FS, CpuState.GS}) s.seg[seg] = data;
        s.gdtBase = GDT;
        s.gdtLimit = 0x3F;
        s.idtBase = IDT;
        s.idtLimit = idtLimit;
        s.rip = CODE;
        s.gpr[CpuState.RSP] = 0x8000;
        return s;
    }

    private Vcpu vcpu(CpuState s) {
        Platform p = new Platform(mem, new PortBus(), InterruptController.NONE, new TimerQueue(new VirtualClock(1)),
                new StopRequest());
        Vcpu v = new InterpreterEngine().createVcpu(p);
        v.setState(s);
        return v;
    }

    @Test
    void protectedModeRing3RoundTrip() throws IOException {
        load("ring3-32.bin");
        gdt(false);
        mem.write32(TSS + 4, 0x9000); // ESP0
        mem.write32(TSS + 8, 0x10);   // SS0
        mem.write16(TSS + 0x66, 0x68);
        mem.write64(IDT + 0x80 * 8, gate32(handler(0, 4, 0x100), 0xF, 3)); // trap gate, DPL 3
        mem.write64(IDT + 13 * 8, gate32(handler(1, 4, 0x100), 0xE, 0));   // interrupt gate
        mem.write64(GDT + 0x30, gate32(handler(2, 4, 0x100), 0xC, 3) | (1L << 32)); // call gate, 1 parameter
        Vcpu v = vcpu(entry(false, 0x7FF));
        assertEquals(new VcpuExit.Halted("hlt with interrupts disabled"), v.run());
        assertEquals(0x9000 - 20, mem.read32(0x5000), "ring-0 ESP in the INT 0x80 handler");
        assertEquals(0x23, mem.read32(0x5004), "saved CS");
        assertEquals(0x7000, mem.read32(0x5008), "saved ESP");
        assertEquals(0x1235, mem.read32(0x5014), "EAX after IRET");
        assertEquals(0x7000, mem.read32(0x5018), "ESP after IRET to ring 3");
        assertEquals(0x9000 - 20, mem.read32(0x5024), "ring-0 ESP after the call gate: SS, ESP, 1 parameter, CS, EIP");
        assertEquals(0xabcd, mem.read32(0x5028), "parameter copied by the call gate");
        assertEquals(0x23, mem.read32(0x502c), "caller CS");
        assertEquals(0x08, mem.read32(0x5030), "CS in the gate's target");
        assertEquals(0x7000, mem.read32(0x5020), "ESP after LRET 4 to ring 3");
        assertEquals(0, mem.read32(0x500c), "#GP error code of CLI at CPL 3");
        assertEquals(mem.read32(0x501c), mem.read32(0x5010), "#GP saved EIP = the CLI");
        CpuState s = v.state();
        assertEquals(0x08, s.seg[CpuState.CS].selector());
        assertEquals(0x10, s.seg[CpuState.SS].selector());
        assertEquals(0x28, s.tr.selector());
        assertEquals(0x8B, mem.read8(GDT + 0x28 + 5), "TSS descriptor marked busy");
    }

    @Test
    void longModeSyscallSysretAndRing3Interrupts() throws IOException {
        load("ring3-64.bin");
        gdt(true);
        mem.write64(TSS + 4, 0x9000); // RSP0
        long pml4 = 0x20000, pdpt = 0x21000, pd = 0x22000;
        mem.write64(pml4, pdpt | 7);
        mem.write64(pdpt, pd | 7);
        mem.write64(pd, 0x87);              // 0-2 MiB: user, writable, 2 MiB page
        mem.write64(pd + 8, 0x200000 | 0x83); // 2-4 MiB: supervisor only
        long h80 = handler(0, 8, 0x200), hpf = handler(1, 8, 0x200);
        for (long[] g : new long[][] {{0x80, h80, 3}, {14, hpf, 0}}) {
            long lo = (g[1] & 0xFFFF) | (0x08L << 16) | ((0x8EL | g[2] << 5) << 40) | (((g[1] >>> 16) & 0xFFFF) << 48);
            mem.write64(IDT + g[0] * 16, lo);
            mem.write64(IDT + g[0] * 16 + 8, g[1] >>> 32);
        }
        CpuState s = entry(true, 0xFFF);
        s.cr3 = pml4;
        s.cr4 = ControlBits.CR4_PAE;
        s.efer = Msr.EFER_LME | Msr.EFER_LMA;
        Vcpu v = vcpu(s);
        assertEquals(new VcpuExit.Halted("hlt with interrupts disabled"), v.run());
        assertEquals(handler(2, 8, 0x200), mem.read64(0x5000), "RCX = return RIP");
        assertEquals(0x202, mem.read64(0x5008), "R11 = user RFLAGS");
        assertEquals(0x6000, mem.read64(0x5010), "GS base after SWAPGS");
        assertEquals(0x7000, mem.read64(0x5018), "SYSCALL keeps RSP");
        assertEquals(0x9000 - 40, mem.read64(0x5020), "RSP in the ring-0 handler");
        assertEquals(0x23, mem.read64(0x5028), "saved CS");
        assertEquals(0x7800, mem.read64(0x5030), "saved RSP");
        assertEquals(7, mem.read64(0x5038), "#PF error code: present, write, user");
        assertEquals(0x200000, mem.read64(0x5040), "CR2");
        assertEquals(0x200000, v.state().cr2);
    }

    @Test
    void compatibilityModeInterruptsAndFarTransfers() throws IOException {
        load("compat-64.bin");
        gdt(true);
        long pml4 = 0x20000, pdpt = 0x21000, pd = 0x22000;
        mem.write64(pml4, pdpt | 3);
        mem.write64(pdpt, pd | 3);
        mem.write64(pd, 0x83);
        long h = handler(0, 8, 0x100);
        mem.write64(IDT + 0x81 * 16, (h & 0xFFFF) | (0x08L << 16) | (0x8EL << 40) | (((h >>> 16) & 0xFFFF) << 48));
        mem.write64(IDT + 0x81 * 16 + 8, h >>> 32);
        CpuState s = entry(true, 0xFFF);
        s.cr3 = pml4;
        s.cr4 = ControlBits.CR4_PAE;
        s.efer = Msr.EFER_LME | Msr.EFER_LMA | Msr.EFER_SCE;
        s.msrs.put(Msr.STAR, 0x08L << 32);        // SYSCALL: CS 0x08, SS 0x10
        s.msrs.put(Msr.CSTAR, handler(1, 8, 0x100)); // back64
        Vcpu v = vcpu(s);
        assertEquals(new VcpuExit.Halted("hlt with interrupts disabled"), v.run());
        assertEquals(handler(2, 8, 0x100) + 2, mem.read64(0x5028), "RCX: after the compatibility-mode SYSCALL");
        assertEquals(0x7000 - 40, mem.read64(0x5000), "RSP aligned to 16 bytes, then SS RSP RFLAGS CS RIP");
        assertEquals(0x38, mem.read64(0x5008), "saved CS: the 32-bit segment");
        assertEquals(0x1235, mem.read32(0x5010), "EAX after IRETQ to compatibility mode");
        assertEquals(0x7004, mem.read32(0x5014), "ESP restored by IRETQ");
        assertEquals(0x7004, mem.read64(0x5018), "RSP after SYSCALL back to 64-bit mode (not switched)");
        assertEquals(0x64, mem.read32(0x5020));
        assertEquals(64, v.state().codeBits());
    }
}
