package dev.jvmm.core.boot;

import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.cpu.Msr;
import dev.jvmm.core.memory.GuestMemory;

/**
 * Enters an x86-64 ELF kernel directly in 64-bit long mode — jvmm's own convention for its 64-bit
 * guests, with no 32-bit trampoline in the guest:
 * <ul>
 *   <li>PT_LOAD segments at their physical addresses, BSS zeroed;</li>
 *   <li>4-level page tables identity-mapping the first 4 GiB with 2 MiB pages (PML4 at 0x1000);</li>
 *   <li>a GDT with a 64-bit code segment (0x10) and a flat data segment (0x18);</li>
 *   <li>CR0 = PE|PG|ET, CR4 = PAE, EFER = LME|LMA (SDM vol. 3 section 10.8.5, "Initializing IA-32e Mode");</li>
 *   <li>RSP = 0x9F000, RDI = address of the NUL-terminated command line, interrupts off.</li>
 * </ul>
 */
public final class Elf64Loader {
    private static final long PRESENT_WRITABLE = 0x3, PAGE_SIZE_2M = 0x80;

    private Elf64Loader() {}

    public static LoadedKernel load(GuestMemory memory, byte[] image, String commandLine) throws BootException {
        Elf elf = Elf.parse(image);
        if (!elf.is64 || elf.machine != Elf.EM_X86_64) throw new BootException("not an x86-64 ELF");
        String segments = BootLayout.loadElfSegments(memory, image, elf);
        if (!memory.isRam(elf.entry, 1)) {
            throw new BootException(String.format("ELF64 entry point 0x%x lies outside guest RAM", elf.entry));
        }
        writeIdentityPageTables(memory);
        long cmdline = BootLayout.writeCommandLine(memory, commandLine);

        CpuState s = BootLayout.flatSegmentsState(memory, true);
        s.cr0 = ControlBits.CR0_PE | ControlBits.CR0_PG | ControlBits.CR0_ET;
        s.cr3 = BootLayout.PML4;
        s.cr4 = ControlBits.CR4_PAE;
        s.efer = Msr.EFER_LME | Msr.EFER_LMA;
        s.rip = elf.entry;
        s.gpr[CpuState.RSP] = BootLayout.ELF64_STACK_TOP;
        s.gpr[CpuState.RDI] = cmdline;
        memory.setA20Enabled(true);
        return new LoadedKernel(BootFormat.ELF64, s, String.format(
                "ELF64 kernel, %s, entry 0x%x in long mode", segments, elf.entry));
    }

    /** PML4[0] -> PDPT; PDPT[0..3] -> four page directories of 512 x 2 MiB pages = 4 GiB. */
    private static void writeIdentityPageTables(GuestMemory memory) {
        for (long a = BootLayout.PML4; a < BootLayout.PAGE_DIRECTORIES + 4 * 4096; a += 8) memory.write64(a, 0);
        memory.write64(BootLayout.PML4, BootLayout.PDPT | PRESENT_WRITABLE);
        for (int i = 0; i < 4; i++) {
            long pd = BootLayout.PAGE_DIRECTORIES + i * 4096L;
            memory.write64(BootLayout.PDPT + i * 8L, pd | PRESENT_WRITABLE);
            for (int j = 0; j < 512; j++) {
                long physical = ((long) i << 30) | ((long) j << 21);
                memory.write64(pd + j * 8L, physical | PRESENT_WRITABLE | PAGE_SIZE_2M);
            }
        }
    }
}
