package dev.jvmm.core.boot;

import dev.jvmm.core.cpu.CpuState;
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
    private Elf64Loader() {}

    public static LoadedKernel load(GuestMemory memory, byte[] image, String commandLine) throws BootException {
        Elf elf = Elf.parse(image);
        if (!elf.is64 || elf.machine != Elf.EM_X86_64) throw new BootException("not an x86-64 ELF");
        String segments = BootLayout.loadElfSegments(memory, image, elf);
        if (!memory.isRam(elf.entry, 1)) {
            throw new BootException(String.format("ELF64 entry point 0x%x lies outside guest RAM", elf.entry));
        }
        long cmdline = BootLayout.writeCommandLine(memory, commandLine);
        CpuState s = BootLayout.longModeState(memory, elf.entry);
        s.gpr[CpuState.RSP] = BootLayout.ELF64_STACK_TOP;
        s.gpr[CpuState.RDI] = cmdline;
        return new LoadedKernel(BootFormat.ELF64, s, String.format(
                "ELF64 kernel, %s, entry 0x%x in long mode", segments, elf.entry));
    }
}
