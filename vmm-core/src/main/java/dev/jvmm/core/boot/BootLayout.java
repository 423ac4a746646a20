package dev.jvmm.core.boot;

import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.cpu.Msr;
import dev.jvmm.core.cpu.SegmentState;
import dev.jvmm.core.memory.GuestMemory;

/**
 * Where jvmm's loaders put their boot structures in guest RAM: all in conventional memory below the
 * 0x7C00 boot-sector address and above the real-mode IVT and BIOS data area (0x000-0x4FF), so they
 * collide neither with a boot sector nor with a kernel loaded at 1 MiB.
 *
 * <pre>
 *   0x0500  GDT (4 entries)               0x1000  PML4        (ELF64 only)
 *   0x0600  multiboot information          0x2000  PDPT
 *   0x0700  multiboot memory map           0x3000-0x6FFF  4 page directories, 2 MiB pages
 *   0x0800  command line (up to 2 KiB)     0x7000  Linux zero page or PVH start info (4 KiB)
 *                                          0x9F000 initial RSP for ELF64 and Linux (grows down)
 *   0x20000 Linux command line (up to the kernel's cmdline_size, at most 0x7F000 - 0x20000)
 * </pre>
 * Linux kernels load at 1 MiB or above, so the Linux structures above 0x7000 are clear of them.
 */
final class BootLayout {
    static final long GDT = 0x500;
    static final long MULTIBOOT_INFO = 0x600;
    static final long MULTIBOOT_MMAP = 0x700;
    static final long COMMAND_LINE = 0x800;
    static final int COMMAND_LINE_MAX = 2047;
    static final long PML4 = 0x1000, PDPT = 0x2000, PAGE_DIRECTORIES = 0x3000;
    static final long ELF64_STACK_TOP = 0x9F000;
    static final long ZERO_PAGE = 0x7000;
    static final long LINUX_COMMAND_LINE = 0x20000, LINUX_COMMAND_LINE_END = 0x7F000;
    /** Everything below this is used by the boot structures; kernels must load above it. */
    static final long RESERVED_END = 0x7000;

    /** GDT selectors (QEMU's multiboot loader uses the same: code 0x10, data 0x18). */
    static final int CODE_SELECTOR = 0x10, DATA_SELECTOR = 0x18;

    private BootLayout() {}

    /** Flat 4 GiB descriptors: 32-bit code (or 64-bit code if {@code longMode}) and 32-bit data. */
    static long codeDescriptor(boolean longMode) {
        // limit 0xFFFFF, G=1, type 0xB (execute/read, accessed), S=1, P=1, D=1 or L=1
        return longMode ? 0x00AF_9B00_0000_FFFFL : 0x00CF_9B00_0000_FFFFL;
    }

    static final long DATA_DESCRIPTOR = 0x00CF_9300_0000_FFFFL; // read/write, accessed, 4 GiB, B=1

    /** Writes the GDT (null, null, code, data) and returns the segment states matching it. */
    static SegmentState[] writeGdt(GuestMemory memory, boolean longMode) {
        memory.write64(GDT, 0);
        memory.write64(GDT + 8, 0);
        memory.write64(GDT + CODE_SELECTOR, codeDescriptor(longMode));
        memory.write64(GDT + DATA_SELECTOR, DATA_DESCRIPTOR);
        return new SegmentState[] {
            SegmentState.fromDescriptor(CODE_SELECTOR, codeDescriptor(longMode)),
            SegmentState.fromDescriptor(DATA_SELECTOR, DATA_DESCRIPTOR)
        };
    }

    static final int GDT_LIMIT = 4 * 8 - 1;

    /**
     * A CPU state with the GDT written to guest RAM and every segment register loaded from it: flat
     * 32-bit code (or 64-bit code if {@code longMode}) in CS, flat data in the others; no IDT yet.
     */
    static CpuState flatSegmentsState(GuestMemory memory, boolean longMode) {
        CpuState s = new CpuState();
        SegmentState[] flat = writeGdt(memory, longMode);
        s.seg[CpuState.CS] = flat[0];
        for (int i : new int[] {CpuState.ES, CpuState.SS, CpuState.DS, CpuState.FS, CpuState.GS}) s.seg[i] = flat[1];
        s.gdtBase = GDT;
        s.gdtLimit = GDT_LIMIT;
        s.idtBase = 0;
        s.idtLimit = longMode ? 0 : 0x3FF;
        return s;
    }

    /** Copies an ELF's PT_LOAD segments to their physical addresses, zeroing BSS; returns "N segment(s) at a-b". */
    static String loadElfSegments(GuestMemory memory, byte[] image, Elf elf) throws BootException {
        long lowest = Long.MAX_VALUE, highest = 0;
        for (Elf.Segment seg : elf.loadSegments) {
            checkPlacement(memory, "ELF segment", seg.physicalAddress(), seg.memorySize());
            memory.writeBytes(seg.physicalAddress(), image, (int) seg.fileOffset(), (int) seg.fileSize());
            zero(memory, seg.physicalAddress() + seg.fileSize(), seg.memorySize() - seg.fileSize());
            lowest = Math.min(lowest, seg.physicalAddress());
            highest = Math.max(highest, seg.physicalAddress() + seg.memorySize());
        }
        return String.format("%d segment(s) at 0x%x-0x%x", elf.loadSegments.size(), lowest, highest - 1);
    }

    private static final byte[] ZEROS = new byte[64 << 10];

    /** Zeroes {@code [address, address + length)} (an ELF segment's BSS) a block at a time. */
    static void zero(GuestMemory memory, long address, long length) {
        for (long done = 0; done < length; done += ZEROS.length) {
            memory.writeBytes(address + done, ZEROS, 0, (int) Math.min(ZEROS.length, length - done));
        }
    }

    private static final long PRESENT_WRITABLE = 0x3, PAGE_SIZE_2M = 0x80;

    /** PML4[0] -> PDPT; PDPT[0..3] -> four page directories of 512 x 2 MiB pages: the first 4 GiB identity-mapped. */
    static void writeIdentityPageTables(GuestMemory memory) {
        for (long a = PML4; a < PAGE_DIRECTORIES + 4 * 4096; a += 8) memory.write64(a, 0);
        memory.write64(PML4, PDPT | PRESENT_WRITABLE);
        for (int i = 0; i < 4; i++) {
            long pd = PAGE_DIRECTORIES + i * 4096L;
            memory.write64(PDPT + i * 8L, pd | PRESENT_WRITABLE);
            for (int j = 0; j < 512; j++) {
                long physical = ((long) i << 30) | ((long) j << 21);
                memory.write64(pd + j * 8L, physical | PRESENT_WRITABLE | PAGE_SIZE_2M);
            }
        }
    }

    /**
     * 64-bit long mode as a loader hands it over (SDM vol. 3 section 10.8.5, "Initializing IA-32e Mode"):
     * the identity page tables written, CR0 = PE|PG|ET, CR4 = PAE, EFER = LME|LMA, flat 64-bit code, no IDT.
     */
    static CpuState longModeState(GuestMemory memory, long entry) {
        writeIdentityPageTables(memory);
        CpuState s = flatSegmentsState(memory, true);
        s.cr0 = ControlBits.CR0_PE | ControlBits.CR0_PG | ControlBits.CR0_ET;
        s.cr3 = PML4;
        s.cr4 = ControlBits.CR4_PAE;
        s.efer = Msr.EFER_LME | Msr.EFER_LMA;
        s.rip = entry;
        s.rflags = ControlBits.RFLAGS_FIXED;
        memory.setA20Enabled(true);
        return s;
    }

    /** 32-bit protected mode, flat segments, paging off, interrupts off: the multiboot, PVH and Linux 32-bit entry state. */
    static CpuState protectedModeState(GuestMemory memory, long entry) {
        CpuState s = flatSegmentsState(memory, false);
        s.cr0 = ControlBits.CR0_PE | ControlBits.CR0_ET;
        s.rip = entry;
        s.rflags = ControlBits.RFLAGS_FIXED;
        memory.setA20Enabled(true);
        return s;
    }

    /** Copies a NUL-terminated command line into guest RAM; returns its address. */
    static long writeCommandLine(GuestMemory memory, String commandLine) throws BootException {
        byte[] bytes = (commandLine == null ? "" : commandLine).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (bytes.length > COMMAND_LINE_MAX) {
            throw new BootException("kernel command line is " + bytes.length + " bytes; the limit is " + COMMAND_LINE_MAX);
        }
        memory.writeBytes(COMMAND_LINE, bytes, 0, bytes.length);
        memory.write8(COMMAND_LINE + bytes.length, 0);
        return COMMAND_LINE;
    }

    /**
     * Copies a Linux command line to {@link #LINUX_COMMAND_LINE}, NUL-terminated, refusing one longer than
     * {@code limit} bytes (the kernel's cmdline_size) or than the room jvmm leaves for it; returns its address.
     */
    static long writeLinuxCommandLine(GuestMemory memory, String commandLine, long limit) throws BootException {
        byte[] bytes = commandLine.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long max = Math.min(limit, LINUX_COMMAND_LINE_END - LINUX_COMMAND_LINE - 1);
        if (bytes.length > max) {
            throw new BootException("kernel command line is " + bytes.length + " bytes; this kernel takes at most " + max
                    + (max == limit ? " (cmdline_size)" : ""));
        }
        memory.writeBytes(LINUX_COMMAND_LINE, bytes, 0, bytes.length);
        memory.write8(LINUX_COMMAND_LINE + bytes.length, 0);
        return LINUX_COMMAND_LINE;
    }

    /** Checks that {@code [address, address + length)} is RAM and clear of the boot structures. */
    static void checkPlacement(GuestMemory memory, String what, long address, long length) throws BootException {
        if (length == 0) return;
        if (!memory.isRam(address, length)) {
            throw new BootException(String.format("%s at 0x%x-0x%x lies outside guest RAM (0-0x%x); try a larger -m",
                    what, address, address + length - 1, memory.ramSize() - 1));
        }
        if (address < RESERVED_END) {
            throw new BootException(String.format("%s at 0x%x overlaps jvmm's boot structures below 0x%x",
                    what, address, RESERVED_END));
        }
    }
}
