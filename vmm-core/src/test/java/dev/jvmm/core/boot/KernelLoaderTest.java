package dev.jvmm.core.boot;

import static org.junit.jupiter.api.Assertions.*;

import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.cpu.Msr;
import dev.jvmm.core.memory.GuestMemory;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KernelLoaderTest {
    private final GuestMemory memory = GuestMemory.create(8L << 20);

    @AfterEach
    void close() {
        memory.close();
    }

    private String failure(byte[] image) {
        return assertThrows(BootException.class, () -> KernelLoader.load(memory, image, "")).getMessage();
    }

    /** A boot sector: {@code code} at its start, the 0x55 0xAA signature at 510. */
    private static byte[] bootSector(int... code) {
        byte[] b = new byte[512];
        for (int i = 0; i < code.length; i++) b[i] = (byte) code[i];
        b[510] = 0x55;
        b[511] = (byte) 0xAA;
        return b;
    }

    @Test
    void flatImageIsABootSectorAt7c00() throws Exception {
        byte[] code = bootSector(0xF4, 0x12, 0x34);
        LoadedKernel k = KernelLoader.load(memory, code, "");
        assertEquals(BootFormat.FLAT_REAL_MODE, k.format());
        CpuState s = k.entryState();
        assertEquals(0x7C00, s.rip);
        assertEquals(0, s.seg[CpuState.CS].selector());
        assertEquals(16, s.codeBits());
        assertEquals(0x80, s.gpr[CpuState.RDX]);
        assertEquals(0xF4, memory.read8(0x7C00));
        assertEquals(0x3412, memory.read16(0x7C01));
    }

    @Test
    void rawCodeWithoutTheBootSignatureIsRefusedUnlessSaidToBeFlat() throws Exception {
        byte[] text = "This is a text file, not a kernel.\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(failure(text).contains("no boot sector signature (0x55 0xAA at offset 510)"), failure(text));
        byte[] unsigned = bootSector(0xF4);
        unsigned[511] = 0;
        assertTrue(failure(unsigned).contains("--kernel-format flat"));
        LoadedKernel k = KernelLoader.load(memory, BootRequest.of(new byte[] {(byte) 0xF4}, ""), BootFormat.FLAT_REAL_MODE);
        assertEquals(0x7C00, k.entryState().rip);
        assertEquals(0xF4, memory.read8(0x7C00));
    }

    @Test
    void multibootElfEntersFlatProtectedModeWithTheInfoStructure() throws Exception {
        byte[] image = TestImages.multibootElf(0x100000, true, new byte[] {(byte) 0xF4});
        LoadedKernel k = KernelLoader.load(memory, image, "console=ttyS0 quiet");
        assertEquals(BootFormat.MULTIBOOT, k.format());
        CpuState s = k.entryState();
        assertEquals(0x100000, s.rip);
        assertEquals(0x2BADB002L, s.gpr[CpuState.RAX]);
        assertEquals(32, s.codeBits());
        assertTrue(s.protectedMode());
        assertEquals(0, s.cr0 & ControlBits.CR0_PG);
        assertEquals(0xFFFFFFFFL, s.seg[CpuState.DS].limit() & 0xFFFFFFFFL);
        assertEquals(0, s.rflags & ControlBits.IF);
        long info = s.gpr[CpuState.RBX];
        int flags = memory.read32(info);
        assertEquals(0x245, flags, "memory, cmdline, mmap and loader-name fields are valid");
        assertEquals(640, memory.read32(info + 4));
        assertEquals((8 << 20) / 1024 - 1024, memory.read32(info + 8));
        assertEquals("console=ttyS0 quiet", cString(memory.read32(info + 16)));
        assertEquals("jvmm", cString(memory.read32(info + 64)));
        long mmap = memory.read32(info + 48);
        assertEquals(96, memory.read32(info + 44));
        assertEquals(1L << 20, memory.read64(mmap + 72 + 4));
        assertEquals((8L << 20) - (1L << 20), memory.read64(mmap + 72 + 12));
        // the segment's bytes and its zeroed BSS
        assertEquals(MultibootHeader.MAGIC, memory.read32(0x100000));
        assertEquals(0xF4, memory.read8(0x10000C));
        // the GDT the hidden segment parts came from is really in guest memory
        assertEquals(BootLayout.codeDescriptor(false), memory.read64(s.gdtBase + s.seg[CpuState.CS].selector()));
    }

    @Test
    void elf64EntersLongModeWithIdentityPaging() throws Exception {
        byte[] image = TestImages.elf(true, Elf.EM_X86_64, 0x200000, new byte[] {(byte) 0xF4}, 16);
        LoadedKernel k = KernelLoader.load(memory, image, "hi");
        assertEquals(BootFormat.ELF64, k.format());
        CpuState s = k.entryState();
        assertEquals(64, s.codeBits());
        assertEquals(Msr.EFER_LME | Msr.EFER_LMA, s.efer);
        assertEquals("hi", cString(s.gpr[CpuState.RDI]));
        // Walk the tables by hand for a 3 GiB + 4 MiB + 5 address: PML4[0] -> PDPT[3] -> PD[2] (2 MiB page)
        long va = (3L << 30) + (4L << 20) + 5;
        long pdpt = memory.read64(s.cr3) & ~0xFFFL;
        long pd = memory.read64(pdpt + 8 * ((va >>> 30) & 511)) & ~0xFFFL;
        long pde = memory.read64(pd + 8 * ((va >>> 21) & 511));
        assertEquals(0x83, pde & 0xFFF, "present, writable, 2 MiB page");
        assertEquals(va, (pde & ~0x1FFFFFL) | (va & 0x1FFFFF));
    }

    @Test
    void badInputsGetOneClearLine() {
        assertEquals("kernel image is empty", failure(new byte[0]));
        assertTrue(failure(Arrays.copyOf(TestImages.elf(true, Elf.EM_X86_64, 0x200000, new byte[64], 0), 40))
                .startsWith("truncated ELF"));
        assertTrue(failure(Arrays.copyOf(TestImages.elf(true, Elf.EM_X86_64, 0x200000, new byte[64], 0), 0x120))
                .startsWith("truncated ELF"));
        assertEquals("ELF for machine 183 (AArch64), not x86",
                failure(TestImages.elf(true, 183, 0x200000, new byte[4], 0)));
        assertTrue(failure(TestImages.multibootElf(0x100000, false, new byte[4])).contains("bad checksum"));
        assertTrue(failure(TestImages.elf(false, Elf.EM_386, 0x100000, new byte[4], 0)).contains("without a multiboot header"));
        assertTrue(failure(TestImages.multibootElf(0x4000_0000L, true, new byte[4])).contains("outside guest RAM"));
        assertTrue(failure(TestImages.elf(true, Elf.EM_X86_64, 0x7F0000, new byte[4], 0x20000)).contains("outside guest RAM"));
        assertTrue(failure(TestImages.elf(true, Elf.EM_X86_64, 0x1000, new byte[4], 0)).contains("boot structures"));
        assertTrue(failure(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0}).contains("PNG"));
        assertTrue(failure(new byte[] {0x1F, (byte) 0x8B, 8, 0}).contains("gzip"));
        byte[] huge = new byte[0x9A000];
        System.arraycopy(bootSector(), 0, huge, 0, 512);
        assertTrue(failure(huge).contains("does not fit in conventional memory"));
        byte[] bz = new byte[0x300];
        System.arraycopy("HdrS".getBytes(), 0, bz, 0x202, 4);
        assertTrue(failure(bz).contains("Linux boot protocol 0.00 is older than 2.06"), failure(bz));
    }

    /** Issue 20, defect 12: a header field that cannot be right says which, in its own words. */
    @Test
    void inconsistentHeadersNameTheFieldThatIsWrong() {
        byte[] unknownRequirement = TestImages.multibootElf(0x100000, true, new byte[4]);
        System.arraycopy(TestImages.multibootHeader(1 << 3, true), 0, unknownRequirement, 0x100, 12);
        assertEquals("multiboot header at offset 0x100 requires flag bits 0x0008, which jvmm does not know"
                + " (it knows 0x0007: page alignment, memory information, a video mode)", failure(unknownRequirement));
        System.arraycopy(TestImages.multibootHeader(1 << 2 | 1 << 17, true), 0, unknownRequirement, 0x100, 12);
        assertDoesNotThrow(() -> KernelLoader.load(memory, unknownRequirement, ""), "video (2) and optional bits (16-31) are fine");

        java.nio.ByteBuffer kludge = java.nio.ByteBuffer.allocate(0x1000).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        kludge.put(TestImages.multibootHeader(1 << 16, true)); // header_addr load_addr load_end_addr bss_end_addr entry_addr:
        kludge.putInt(0x100000).putInt(0x100000).putInt(0x0F0000).putInt(0).putInt(0x100020);
        assertEquals("multiboot load_end_addr 0xf0000 is below load_addr 0x100000", failure(kludge.array()));

        byte[] elf64 = TestImages.elf(true, Elf.EM_X86_64, 0x200000, new byte[4], 0);
        java.nio.ByteBuffer.wrap(elf64).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(64 + 40, -1L); // p_memsz
        assertEquals("ELF segment 0 at 0x200000 of 0xffffffffffffffff bytes reaches past any physical address", failure(elf64));
        byte[] elf32 = TestImages.multibootElf(0x100000, true, new byte[4]);
        java.nio.ByteBuffer.wrap(elf32).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(52 + 20, 4); // p_memsz below p_filesz 16
        assertEquals("ELF segment 0 has p_memsz 0x4 below its p_filesz 0x10", failure(elf32));
    }

    @Test
    void aMultibootInitrdBecomesTheOneModuleAboveTheKernel() throws Exception {
        byte[] image = TestImages.multibootElf(0x100000, true, new byte[] {(byte) 0xF4});
        byte[] env = "NR_CPUS=1\nMEMSIZE=64\n".getBytes();
        LoadedKernel k = KernelLoader.load(memory, BootRequest.of(image, "").withInitrd(env));
        long info = k.entryState().gpr[CpuState.RBX];
        assertEquals(0x24D, memory.read32(info), "the mods fields are valid too");
        assertEquals(1, memory.read32(info + 20), "mods_count");
        long mod = memory.read32(info + 24);
        long start = memory.read32(mod), end = memory.read32(mod + 4);
        assertEquals(0x101000, start, "page-aligned above the kernel");
        assertEquals(start + env.length, end);
        assertEquals("", cString(memory.read32(mod + 8)));
        assertEquals('N', memory.read8(start));
        assertEquals('\n', memory.read8(end - 1));
    }

    @Test
    void overlongCommandLineIsRefused() {
        byte[] image = TestImages.multibootElf(0x100000, true, new byte[] {(byte) 0xF4});
        BootException e = assertThrows(BootException.class, () -> KernelLoader.load(memory, image, "x".repeat(5000)));
        assertTrue(e.getMessage().contains("command line"), e.getMessage());
    }

    private String cString(long address) {
        StringBuilder sb = new StringBuilder();
        for (int c; (c = memory.read8(address)) != 0; address++) sb.append((char) c);
        return sb.toString();
    }
}
