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
