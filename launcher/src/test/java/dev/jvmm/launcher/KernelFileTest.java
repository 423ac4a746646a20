package dev.jvmm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --kernel} files that are not kernels: each ends with one line and its status, quickly (issue 20, 1-4). */
class KernelFileTest {
    @TempDir
    Path tmp;

    private static void assertOneLine(CliRun run, int status, String fragment) {
        assertEquals(status, run.status(), run.stderr());
        assertTrue(run.stderr().contains(fragment), "stderr should mention '" + fragment + "' but was: " + run.stderr());
        assertFalse(run.stderr().contains("\tat ") || run.stderr().contains("Exception"), "no stack trace: " + run.stderr());
    }

    @Test
    void aFileLargerThanGuestRamIsRefusedBeforeItIsRead() throws Exception {
        Path huge = tmp.resolve("huge.img");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(3L << 30); // sparse: no disk space used
        }
        long t0 = System.nanoTime();
        assertOneLine(CliRun.of(tmp, "run", "--kernel", huge.toString()), ExitStatus.USAGE,
                "kernel " + huge + " is 3 GiB, more than the guest's 128 MiB of RAM");
        assertOneLine(CliRun.of(tmp, "run", "-m", "3G", "--kernel", huge.toString()), ExitStatus.USAGE,
                "jvmm loads files of up to 1 GiB");
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "refused without reading 3 GiB");
    }

    @Test
    void anEndlessDeviceIsReadOnlyUpToTheRamSize() throws Exception {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero");
        long t0 = System.nanoTime();
        assertOneLine(CliRun.of(tmp, "run", "-m", "8M", "--timeout", "2", "--kernel", "/dev/zero"), ExitStatus.USAGE,
                "kernel /dev/zero goes on past 8 MiB, the guest's RAM");
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
    }

    /** A new FIFO in the temporary directory; skips the test where mkfifo is missing. */
    private Path fifo(String name) throws Exception {
        Path fifo = tmp.resolve(name);
        int status;
        try {
            status = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        } catch (java.io.IOException e) {
            status = -1;
        }
        if (status != 0) System.out.println("skipping: mkfifo did not work here");
        assumeTrue(status == 0, "mkfifo");
        return fifo;
    }

    @Test
    void aFifoWithNoWriterEndsAtTheTimeout() throws Exception {
        Path fifo = fifo("kernel.fifo");
        try {
            long t0 = System.nanoTime();
            CliRun run = CliRun.of(tmp, "run", "--timeout", "0.5", "--kernel", fifo.toString());
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertOneLine(run, ExitStatus.TIMEOUT, "timeout after 0.5 s waiting to read kernel " + fifo);
            assertTrue(millis < 5000, millis + " ms");
        } finally {
            try (OutputStream release = Files.newOutputStream(fifo)) { // lets the blocked reader thread finish
                release.flush();
            }
        }
    }

    @Test
    void aFifoWithAWriterIsReadAsAStream() throws Exception {
        Path fifo = fifo("kernel2.fifo");
        Thread writer = Thread.ofPlatform().start(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write(CliRun.bootSector(0xB0, 0x21, 0xE6, 0xF4)); // mov al, 0x21; out 0xf4, al
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        CliRun run = CliRun.of(tmp, "run", "--timeout", "20", "--kernel", fifo.toString());
        writer.join();
        assertEquals((0x21 << 1) | 1, run.status(), run.stderr());
    }

    @Test
    void aTextFileIsNotBootedUnlessSaidToBeFlat() throws Exception {
        Path text = CliRun.write(tmp, "notes.txt", "Remember to buy milk.\n".getBytes(StandardCharsets.US_ASCII));
        assertOneLine(CliRun.of(tmp, "run", "--kernel", text.toString()), ExitStatus.USAGE,
                "no boot sector signature (0x55 0xAA at offset 510)");
        Path raw = CliRun.write(tmp, "raw.bin", CliRun.bytes(0xB0, 0x21, 0xE6, 0xF4));
        CliRun flat = CliRun.of(tmp, "run", "--kernel-format", "flat", "--kernel", raw.toString());
        assertEquals((0x21 << 1) | 1, flat.status(), flat.stderr());
        assertOneLine(CliRun.of(tmp, "run", "--kernel-format", "bzimage", "--kernel", raw.toString()), ExitStatus.USAGE,
                "--kernel-format must be auto or flat");
    }

    @Test
    void emptyNamesAndDirectoriesSaySo() throws Exception {
        assertOneLine(CliRun.of(tmp, "run", "--kernel", ""), ExitStatus.USAGE, "--kernel needs a file name");
        assertOneLine(CliRun.of(tmp, "run", "--kernel", tmp.toString()), ExitStatus.USAGE, "it is a directory");
    }
}
