package dev.jvmm.launcher;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the command line says about Linux images it cannot boot: one line each, status 2, before any guest runs. */
class LinuxCommandLineTest {
    @TempDir
    Path tmp;

    /** A setup header only: "HdrS", the protocol, boot_flag; enough for the loader to judge the version. */
    private Path header(int protocol) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(0x400).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(0x1FE, (short) 0xAA55).put(0x201, (byte) 0x6A).put(0x202, "HdrS".getBytes()).putShort(0x206, (short) protocol);
        b.put(0x211, (byte) 1).putInt(0x1F4, 0x10000); // loaded high; syssize: 1 MiB of kernel that is not there
        return CliRun.write(tmp, "bz-" + Integer.toHexString(protocol), b.array());
    }

    /**
     * A bzImage the loader accepts: protocol 2.15, four setup sectors, 4 KiB of protected-mode code (zeros), 64-bit
     * entry, relocatable, init_size 1 MiB, cmdline_size 255.
     */
    static byte[] smallBzImage() {
        int kernelOffset = 5 * 512, kernelSize = 0x1000;
        ByteBuffer b = ByteBuffer.allocate(kernelOffset + kernelSize).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0x1F1, (byte) 4).putInt(0x1F4, kernelSize / 16).putShort(0x1FE, (short) 0xAA55);
        b.put(0x200, (byte) 0xEB).put(0x201, (byte) 0x6A).put(0x202, "HdrS".getBytes()).putShort(0x206, (short) 0x20F);
        b.put(0x211, (byte) 1).putInt(0x214, 0x100000).putInt(0x22C, 0x7FFFFFFF).putInt(0x230, 0x200000);
        b.put(0x234, (byte) 1).putShort(0x236, (short) 3).putInt(0x238, 255);
        b.putLong(0x258, 0x1000000).putInt(0x260, 1 << 20);
        return b.array();
    }

    private static void assertOneLine(CliRun run, String line) {
        assertEquals(ExitStatus.USAGE, run.status(), run.stderr());
        assertEquals(line + "\n", run.stderr().replace("\r\n", "\n"));
        assertEquals("", run.serial());
    }

    @Test
    void anOldProtocolIsRefused() throws Exception {
        Path k = header(0x204);
        assertOneLine(CliRun.of(tmp, "run", "--kernel", k.toString()),
                "jvmm: " + k + ": Linux boot protocol 2.04 is older than 2.06, the oldest jvmm boots");
    }

    @Test
    void aTruncatedBzImageIsRefused() throws Exception {
        Path k = header(0x20F); // the header names a 0x26C-byte setup header, but nothing after it
        CliRun run = CliRun.of(tmp, "-kernel", k.toString(), "-initrd", k.toString(), "-append", "console=ttyS0");
        assertEquals(ExitStatus.USAGE, run.status(), run.stderr());
        assertOneLine(run, "jvmm: " + k + ": truncated Linux kernel: the header promises 1,051,136 bytes, the file has 1,024");
    }

    @Test
    void aCorruptBzImageIsRefused() throws Exception {
        byte[] image = smallBzImage();
        image[0x1FE] = 0; // boot_flag
        Path k = CliRun.write(tmp, "bad-flag", image);
        assertOneLine(CliRun.of(tmp, "run", "--kernel", k.toString()), "jvmm: " + k + ": corrupt Linux kernel: boot_flag at 0x1FE is not 0xAA55");
        image = smallBzImage();
        ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).putInt(0x248, 0x800).putInt(0x24C, 0x1000); // payload past the code
        k = CliRun.write(tmp, "bad-payload", image);
        assertOneLine(CliRun.of(tmp, "run", "--kernel", k.toString(), "--decompress", "host"),
                "jvmm: " + k + ": corrupt Linux kernel: payload 0x800+0x1000 lies past the protected-mode code (0x1000 bytes)");
    }

    @Test
    void aCommandLineLongerThanCmdlineSizeIsRefused() throws Exception {
        Path k = CliRun.write(tmp, "bz", smallBzImage());
        assertOneLine(CliRun.of(tmp, "-kernel", k.toString(), "-append", "x".repeat(256), "-nographic"),
                "jvmm: " + k + ": kernel command line is 256 bytes; this kernel takes at most 255 (cmdline_size)");
    }

    @Test
    void anInitrdThatDoesNotFitInRamIsRefused() throws Exception {
        Path k = CliRun.write(tmp, "bz", smallBzImage());
        Path initrd = CliRun.write(tmp, "initrd", new byte[30 << 20]);
        CliRun run = CliRun.of(tmp, "run", "--kernel", k.toString(), "--initrd", initrd.toString(), "-m", "32M");
        assertEquals(ExitStatus.USAGE, run.status(), run.stderr());
        assertTrue(run.stderr().matches("jvmm: " + java.util.regex.Pattern.quote(k.toString())
                + ": initrd of 31,457,280 bytes does not fit in guest RAM above the kernel [^\\n]*\\R"), run.stderr());
    }

    @Test
    void aMissingInitrdOrABadDecompressorChoiceIsAUsageError() throws Exception {
        Path k = header(0x20F);
        assertOneLine(CliRun.of(tmp, "run", "--kernel", k.toString(), "--initrd", tmp.resolve("nope").toString()),
                "jvmm: cannot read initrd " + tmp.resolve("nope") + ": no such file");
        assertOneLine(CliRun.of(tmp, "run", "--kernel", k.toString(), "--decompress", "cpu"),
                "jvmm: --decompress must be guest or host, not cpu");
    }

    @Test
    void anInitrdForAKernelThatTakesNoneIsRefused() throws Exception {
        Path k = CliRun.write(tmp, "exit.bin", CliRun.bootSector(0xB0, 0x21, 0xE6, 0xF4));
        assertOneLine(CliRun.of(tmp, "run", "--kernel", k.toString(), "--initrd", k.toString()),
                "jvmm: " + k + ": an initrd is for Linux and multiboot kernels; this image is a flat real-mode binary");
    }
}
