package dev.jvmm.core.boot;

import static org.junit.jupiter.api.Assertions.*;

import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.cpu.Msr;
import dev.jvmm.core.memory.E820Map;
import dev.jvmm.core.memory.GuestMemory;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.X86Options;
import org.tukaani.xz.XZ;
import org.tukaani.xz.XZOutputStream;
import org.tukaani.xz.FilterOptions;

class LinuxLoaderTest {
    private static final long MIB = 1 << 20;
    private final GuestMemory memory = GuestMemory.create(64 * MIB);

    @AfterEach
    void close() {
        memory.close();
    }

    private static byte[] kernelBytes(int n) {
        byte[] k = new byte[n];
        for (int i = 0; i < n; i++) k[i] = (byte) (i * 7 + 1);
        return k;
    }

    private String failure(BootRequest request) {
        return assertThrows(BootException.class, () -> KernelLoader.load(memory, request)).getMessage();
    }

    @Test
    void bzImageEntersAt64BitEntryWithAFilledZeroPage() throws Exception {
        byte[] image = TestImages.bzImage(0x20F, kernelBytes(0x3000), 8 * MIB, 0, 0);
        byte[] initrd = kernelBytes(10_000);
        LoadedKernel k = KernelLoader.load(memory, BootRequest.of(image, "console=ttyS0").withInitrd(initrd).withAcpiRsdp(0xF5A00));
        assertEquals(BootFormat.LINUX, k.format());
        CpuState s = k.entryState();
        assertEquals(64, s.codeBits());
        assertEquals(Msr.EFER_LME | Msr.EFER_LMA, s.efer);
        assertEquals(0x1000200L, s.rip, "preferred address 16 MiB + 0x200");
        assertEquals(0, s.rflags & ControlBits.IF);
        long zp = s.gpr[CpuState.RSI];
        assertEquals(BootLayout.ZERO_PAGE, zp);
        // the protected-mode part at 16 MiB
        assertEquals(image[5 * 512] & 0xFF, memory.read8(0x1000000));
        assertEquals(image[5 * 512 + 0x2FFF] & 0xFF, memory.read8(0x1000000 + 0x2FFF));
        // setup header copied, then the loader's fields
        assertEquals(0x53726448, memory.read32(zp + 0x202), "HdrS");
        assertEquals(0x20F, memory.read16(zp + 0x206));
        assertEquals(0xFF, memory.read8(zp + 0x210), "type_of_loader: undefined");
        assertEquals("console=ttyS0", cString(memory.read32(zp + 0x228) & 0xFFFF_FFFFL));
        long ramdisk = memory.read32(zp + 0x218) & 0xFFFF_FFFFL;
        assertEquals(initrd.length, memory.read32(zp + 0x21C));
        assertEquals(0, ramdisk % 4096);
        assertTrue(ramdisk >= 0x1000000 + 8 * MIB && ramdisk + initrd.length <= 64 * MIB, "above the kernel, inside RAM");
        assertTrue(ramdisk + initrd.length > 64 * MIB - 4096, "as high as it goes");
        assertEquals(initrd[9_999] & 0xFF, memory.read8(ramdisk + 9_999));
        assertEquals(0xF5A00L, memory.read64(zp + 0x070), "acpi_rsdp_addr");
        // e820: the standard PC map
        assertEquals(4, memory.read8(zp + 0x1E8));
        long e = zp + 0x2D0;
        assertEquals(0, memory.read64(e));
        assertEquals(0x9FC00, memory.read64(e + 8));
        assertEquals(1, memory.read32(e + 16));
        assertEquals(MIB, memory.read64(e + 60));
        assertEquals(63 * MIB, memory.read64(e + 68));
        assertEquals(1, memory.read32(e + 76));
        assertEquals(0, memory.read8(zp + 0x0F) | memory.read8(zp + 0x0E) | memory.read8(zp + 0x07), "screen_info: no VGA");
    }

    @Test
    void aKernelWithoutThe64BitEntryStartsIn32BitProtectedMode() throws Exception {
        byte[] image = TestImages.bzImage(0x20A, kernelBytes(0x1000), 4 * MIB, 0, 0);
        image[0x236] = 0; // xloadflags: no 64-bit entry (and protocol 2.10 has no xloadflags anyway)
        LoadedKernel k = KernelLoader.load(memory, BootRequest.of(image, ""));
        CpuState s = k.entryState();
        assertEquals(32, s.codeBits());
        assertEquals(0, s.cr0 & ControlBits.CR0_PG);
        assertEquals(0x1000000L, s.rip, "code32_start of the relocated kernel");
        assertEquals(BootLayout.ZERO_PAGE, s.gpr[CpuState.RSI]);
        assertEquals(0x10, s.seg[CpuState.CS].selector(), "__BOOT_CS");
        assertEquals(0x18, s.seg[CpuState.DS].selector(), "__BOOT_DS");
        assertEquals(0x1000000, memory.read32(BootLayout.ZERO_PAGE + 0x214));
    }

    @Test
    void hostUnpackingDecodesTheXzPayloadAndEntersTheElf() throws Exception {
        byte[] elf = TestImages.elf(true, Elf.EM_X86_64, 0x1200000, kernelBytes(0x5000), 0x2000);
        byte[] image = bzImageWithPayload(xz(elf), elf.length);
        LoadedKernel k = KernelLoader.load(memory, BootRequest.of(image, "quiet").withUnpacking(BootRequest.Unpacking.HOST));
        assertEquals(BootFormat.LINUX_UNPACKED, k.format());
        assertEquals(0x1200000L, k.entryState().rip);
        assertEquals(64, k.entryState().codeBits());
        assertEquals(BootLayout.ZERO_PAGE, k.entryState().gpr[CpuState.RSI]);
        assertEquals(elf[0x100 + 0x4FFF] & 0xFF, memory.read8(0x1200000 + 0x4FFF));
        assertEquals(0, memory.read8(0x1200000 + 0x5000 + 0x1FFF), "BSS zeroed");
        assertEquals("quiet", cString(memory.read32(BootLayout.ZERO_PAGE + 0x228)));
    }

    @Test
    void aCorruptXzPayloadIsFoundBeforeTheGuestRuns() throws Exception {
        byte[] elf = TestImages.elf(true, Elf.EM_X86_64, 0x1200000, kernelBytes(0x5000), 0);
        byte[] payload = xz(elf);
        payload[payload.length / 2] ^= 0x40;
        byte[] image = bzImageWithPayload(payload, elf.length);
        assertTrue(failure(BootRequest.of(image, "").withUnpacking(BootRequest.Unpacking.HOST)).startsWith("corrupt Linux kernel"));
        byte[] notXz = bzImageWithPayload(new byte[] {0x1F, (byte) 0x8B, 8, 0, 0, 0, 0, 0, 0, 0}, 100);
        assertTrue(failure(BootRequest.of(notXz, "").withUnpacking(BootRequest.Unpacking.HOST)).contains("gzip"));
    }

    @Test
    void badBzImagesGetOneClearLine() {
        byte[] good = TestImages.bzImage(0x20F, kernelBytes(0x3000), 8 * MIB, 0, 0);
        assertEquals("Linux boot protocol 2.05 is older than 2.06, the oldest jvmm boots",
                failure(BootRequest.of(TestImages.bzImage(0x205, kernelBytes(0x100), MIB, 0, 0), "")));
        assertTrue(failure(BootRequest.of(Arrays.copyOf(good, good.length - 100), "")).startsWith("truncated Linux kernel"));
        assertTrue(failure(BootRequest.of(Arrays.copyOf(good, 0x220), "")).startsWith("truncated or corrupt Linux kernel"));
        byte[] badFlag = good.clone();
        badFlag[0x1FE] = 0;
        assertTrue(failure(BootRequest.of(badFlag, "")).contains("boot_flag"));
        byte[] zImage = good.clone();
        zImage[0x211] = 0;
        assertTrue(failure(BootRequest.of(zImage, "")).contains("zImage"));
        assertEquals("kernel command line is 256 bytes; this kernel takes at most 255 (cmdline_size)",
                failure(BootRequest.of(good, "x".repeat(256))));
        assertTrue(failure(BootRequest.of(good, "").withInitrd(new byte[(int) (41 * MIB)])).startsWith("initrd of 42,991,616 bytes does not fit"));
        byte[] huge = TestImages.bzImage(0x20F, kernelBytes(0x3000), 60 * MIB, 0, 0);
        assertEquals("the kernel and its decompressor (init_size) needs RAM at 0x1000000-0x4bfffff; guest RAM is 64 MiB: try -m 92M or more",
                failure(BootRequest.of(huge, "")));
        assertTrue(failure(BootRequest.of(TestImages.elf(true, Elf.EM_X86_64, 0x200000, new byte[4], 0), "").withInitrd(new byte[4]))
                .startsWith("an initrd is for Linux and multiboot kernels"));
    }

    @Test
    void pvhVmlinuxEntersIn32BitModeWithAStartInfo() throws Exception {
        byte[] image = TestImages.pvhElf(0x1000000, kernelBytes(0x2000), 0x1000850);
        byte[] initrd = kernelBytes(5000);
        LoadedKernel k = KernelLoader.load(memory, BootRequest.of(image, "console=ttyS0").withInitrd(initrd)
                .withMemoryMap(E820Map.forRam(64 * MIB).reserve(63 * MIB, MIB, E820Map.ACPI_RECLAIMABLE)).withAcpiRsdp(0x3C00000));
        assertEquals(BootFormat.PVH, k.format());
        CpuState s = k.entryState();
        assertEquals(0x1000850L, s.rip);
        assertEquals(32, s.codeBits());
        assertEquals(0, s.cr0 & ControlBits.CR0_PG);
        long si = s.gpr[CpuState.RBX];
        assertEquals(0x336EC578, memory.read32(si));
        assertEquals(1, memory.read32(si + 4));
        assertEquals("console=ttyS0", cString(memory.read64(si + 0x18)));
        assertEquals(0x3C00000L, memory.read64(si + 0x20));
        assertEquals(1, memory.read32(si + 0x0C));
        long mod = memory.read64(si + 0x10);
        long at = memory.read64(mod);
        assertEquals(5000, memory.read64(mod + 8));
        assertEquals((63 * MIB - 5000) & -4096, at, "as high as it goes below the ACPI range at the top");
        assertEquals(initrd[4999] & 0xFF, memory.read8(at + 4999));
        assertEquals(5, memory.read32(si + 0x30), "the map with the ACPI range carved out");
        long map = memory.read64(si + 0x28);
        assertEquals(63 * MIB, memory.read64(map + 4 * 24));
        assertEquals(E820Map.ACPI_RECLAIMABLE, memory.read32(map + 4 * 24 + 16));
        assertEquals(image[0x200] & 0xFF, memory.read8(0x1000000));
    }

    private static byte[] xz(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XZOutputStream xz = new XZOutputStream(out, new FilterOptions[] {new X86Options(), new LZMA2Options(0)}, XZ.CHECK_CRC32)) {
            xz.write(data);
        }
        return out.toByteArray();
    }

    /** A bzImage whose protected-mode part is a 0x400-byte stub, then the payload and its size (as the build appends it). */
    private static byte[] bzImageWithPayload(byte[] compressed, int uncompressedSize) {
        byte[] kernel = new byte[0x400 + compressed.length + 4];
        System.arraycopy(compressed, 0, kernel, 0x400, compressed.length);
        ByteBuffer.wrap(kernel).order(ByteOrder.LITTLE_ENDIAN).putInt(0x400 + compressed.length, uncompressedSize);
        return TestImages.bzImage(0x20F, kernel, 8 * MIB, 0x400, compressed.length + 4);
    }

    private String cString(long address) {
        StringBuilder sb = new StringBuilder();
        for (int c; (c = memory.read8(address)) != 0; address++) sb.append((char) c);
        return sb.toString();
    }
}
