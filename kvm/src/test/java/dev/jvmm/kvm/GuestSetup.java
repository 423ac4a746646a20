package dev.jvmm.kvm;

import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.cpu.Msr;
import dev.jvmm.core.cpu.SegmentState;
import dev.jvmm.core.memory.GuestMemory;

/**
 * What a loader does before handing a guest to an engine, for the tests: a GDT in guest RAM and the
 * matching CPU state for 32-bit protected mode (flat, as multiboot) or 64-bit long mode (with
 * identity-mapping page tables).
 */
final class GuestSetup {
    static final long GDT = 0x500;
    static final long PML4 = 0x9000, PDPT = 0xA000, PD = 0xB000;
    static final int CODE32 = 0x08, DATA = 0x10, CODE64 = 0x18;
    /** Flat 4 GiB descriptors: 32-bit code, data, 64-bit code. */
    static final long CODE32_DESC = 0x00CF_9B00_0000_FFFFL, DATA_DESC = 0x00CF_9300_0000_FFFFL,
            CODE64_DESC = 0x00AF_9B00_0000_FFFFL;

    private GuestSetup() {}

    static void writeGdt(GuestMemory memory) {
        memory.write64(GDT, 0);
        memory.write64(GDT + CODE32, CODE32_DESC);
        memory.write64(GDT + DATA, DATA_DESC);
        memory.write64(GDT + CODE64, CODE64_DESC);
    }

    /** Flat 32-bit protected mode as a multiboot loader leaves it: CS=0x08, data segments 0x10, no paging. */
    static CpuState protectedMode(GuestMemory memory, long eip) {
        writeGdt(memory);
        CpuState s = new CpuState();
        SegmentState data = SegmentState.fromDescriptor(DATA, DATA_DESC);
        for (int i = 0; i < 6; i++) s.seg[i] = data;
        s.seg[CpuState.CS] = SegmentState.fromDescriptor(CODE32, CODE32_DESC);
        s.gdtBase = GDT;
        s.gdtLimit = 4 * 8 - 1;
        s.idtBase = 0;
        s.idtLimit = 0;
        s.cr0 = ControlBits.CR0_PE | ControlBits.CR0_ET;
        s.rip = eip;
        s.gpr[CpuState.RSP] = 0x8000;
        return s;
    }

    /** 64-bit long mode, the first 2 MiB identity-mapped with one large page. */
    static CpuState longMode(GuestMemory memory, long rip) {
        CpuState s = protectedMode(memory, rip);
        memory.write64(PML4, PDPT | 3);           // present, writable
        memory.write64(PDPT, PD | 3);
        memory.write64(PD, 0x83);                 // 2 MiB page at 0: present, writable, PS
        s.seg[CpuState.CS] = SegmentState.fromDescriptor(CODE64, CODE64_DESC);
        s.cr3 = PML4;
        s.cr4 = ControlBits.CR4_PAE;
        s.cr0 = ControlBits.CR0_PE | ControlBits.CR0_ET | ControlBits.CR0_PG;
        s.efer = Msr.EFER_LME | Msr.EFER_LMA;
        return s;
    }
}
