package dev.jvmm.launcher;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way {@code jvmm run} can end maps to its documented status with one clear line. */
class ExitStatusTest {
    @TempDir
    Path tmp;

    private static void assertOneLine(CliRun run, String fragment) {
        assertTrue(run.stderr().contains(fragment), "stderr should mention '" + fragment + "' but was: " + run.stderr());
        assertFalse(run.stderr().contains("\tat "), "no stack trace: " + run.stderr());
    }

    @Test
    void debugExitFollowsQemusConvention() throws Exception {
        // mov al, 0x21 ; out 0xf4, al ; hlt   — a flat real-mode image
        CliRun run = CliRun.of(tmp, "run", "--kernel", CliRun.write(tmp, "exit.bin", CliRun.bootSector(0xB0, 0x21, 0xE6, 0xF4, 0xF4)).toString());
        assertEquals((0x21 << 1) | 1, run.status(), run.stderr());
        assertEquals("", run.stderr());
    }

    @Test
    void acpiPowerOffEndsWithStatusZero() throws Exception {
        // mov dx, 0x604 (the FADT's PM1a_CNT_BLK) ; mov ax, SLP_EN | SLP_TYP 5 (the DSDT's \_S5) ; out dx, ax ; hlt
        CliRun run = CliRun.of(tmp, "run", "--kernel", CliRun.write(tmp, "s5.bin",
                CliRun.bootSector(0xBA, 0x04, 0x06, 0xB8, 0x00, 0x34, 0xEF, 0xF4)).toString());
        assertEquals(ExitStatus.OK, run.status(), run.stderr());
        assertOneLine(run, "guest powered off (ACPI S5)");
    }

    @Test
    void haltWithInterruptsOffEndsWithAReport() throws Exception {
        CliRun run = CliRun.of(tmp, "run", "--kernel", CliRun.write(tmp, "hlt.bin", CliRun.bootSector(0xFA, 0xF4)).toString());
        assertEquals(ExitStatus.HALTED, run.status(), run.stderr());
        assertOneLine(run, "guest halted");
        assertOneLine(run, "at 0000:7c02 after 2 instructions");
    }

    @Test
    void aLoopingGuestTimesOut() throws Exception {
        CliRun run = CliRun.of(tmp, "run", "--timeout", "0.3", "--kernel", CliRun.write(tmp, "loop.bin", CliRun.bootSector(0xEB, 0xFE)).toString());
        assertEquals(ExitStatus.TIMEOUT, run.status(), run.stderr());
        assertOneLine(run, "timeout after 0.3 s");
    }

    /**
     * Issue 20, defect 5: lockstep on a guest that writes a dword on every page up to 4 GiB, then REP STOSD
     * over all of it, ran past --timeout + 30 s and ignored SIGTERM (the checker kept every written byte in
     * a set and leaked two copies of RAM per run; fixed in 4943c97).
     */
    @Test
    void lockstepEndsAtTheTimeoutOnAGuestThatWritesAllOfMemory() throws Exception {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(0x60).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int magic = 0x1BADB002, flags = 1 << 16; // a.out kludge: the file is loaded at 1 MiB, entered at 0x100020
        b.putInt(magic).putInt(flags).putInt(-(magic + flags)).putInt(0x100000).putInt(0x100000).putInt(0).putInt(0).putInt(0x100020);
        for (int x : new int[] {0xBF, 0, 0, 0x20, 0, 0xC7, 0x07, 0x78, 0x56, 0x34, 0x12, 0x81, 0xC7, 0, 0x10, 0, 0, 0x75, 0xF2, // pages
                0xBF, 0, 0, 0x20, 0, 0xB9, 0, 0, 0xF8, 0x3F, 0x31, 0xC0, 0xFC, 0xF3, 0xAB,                                         // rep stosd
                0xB0, 0, 0xE6, 0xF4, 0xF4}) {
            b.put((byte) x);
        }
        long t0 = System.nanoTime();
        CliRun run = CliRun.of(tmp, "run", "--engine", "lockstep", "--timeout", "2", "--kernel", CliRun.write(tmp, "fill.img", b.array()).toString());
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(ExitStatus.TIMEOUT, run.status(), run.stderr());
        assertTrue(millis < 7000, millis + " ms");
    }

    @Test
    void tripleFaultIsAShutdown() throws Exception {
        // lidt [0x7c10] (a zero-limit IDT) ; int3 -> #GP -> #DF -> triple fault
        byte[] image = new byte[0x16];
        System.arraycopy(CliRun.bytes(0x0F, 0x01, 0x1E, 0x10, 0x7C, 0xCC), 0, image, 0, 6);
        CliRun run = CliRun.of(tmp, "run", "--kernel", CliRun.write(tmp, "tf.bin", CliRun.bootSector(image)).toString());
        assertEquals(ExitStatus.SHUTDOWN, run.status(), run.stderr());
        assertOneLine(run, "guest shut down");
    }

    @Test
    void badImagesAndOptionsAreUsageErrors() throws Exception {
        assertOneLine(expectUsage("run", "--kernel", tmp.resolve("missing.elf").toString()), "no such file");
        assertOneLine(expectUsage("run", "--kernel", CliRun.write(tmp, "empty", new byte[0]).toString()), "kernel image is empty");
        byte[] badMultiboot = new byte[64];
        System.arraycopy(CliRun.bytes(0x02, 0xB0, 0xAD, 0x1B, 0, 0, 0, 0, 0, 0, 0, 0), 0, badMultiboot, 0, 12);
        assertOneLine(expectUsage("run", "--kernel", CliRun.write(tmp, "bad.mb", badMultiboot).toString()), "bad checksum");
        byte[] arm = Arrays.copyOf(CliRun.bytes(0x7F, 'E', 'L', 'F', 2, 1, 1), 64);
        arm[18] = (byte) 183;
        assertOneLine(expectUsage("run", "--kernel", CliRun.write(tmp, "arm.elf", arm).toString()), "not x86");
        assertOneLine(expectUsage("run", "-m", "1"), "between 2 MiB and 3072 MiB");
        assertOneLine(expectUsage("run", "-m", "lots"), "not a memory size");
        assertOneLine(expectUsage("run", "-m", "100T"), "between 2 MiB and 3072 MiB");
        assertOneLine(expectUsage("run", "-m", "3145729K"), "not 3145729 KiB"); // was "not 3072 MiB"
        assertOneLine(expectUsage("run", "-m", "99999999T"), "memory size out of range");
        assertOneLine(expectUsage("run", "--bogus"), "unknown option '--bogus'");
        assertOneLine(expectUsage("run", "no-such-guest"), "hello-pm32");
        assertOneLine(expectUsage("run", "--engine", "bochs"), "unknown engine");
        assertOneLine(expectUsage("run", "--serial", "tcp:1234"), "--serial");
        assertOneLine(expectUsage("run", "--timeout", "-1"), "--timeout");
        assertOneLine(expectUsage("-device", "e1000"), "not emulated");
    }

    private CliRun expectUsage(String... args) throws Exception {
        CliRun run = CliRun.of(tmp, args);
        assertEquals(ExitStatus.USAGE, run.status(), "status for " + Arrays.toString(args) + ": " + run.stderr());
        return run;
    }

    @Test
    void listShowsGuestsAndEngines() throws Exception {
        CliRun run = CliRun.of(tmp, "list");
        assertEquals(0, run.status());
        assertTrue(run.stdout().contains("hello-pm32"), run.stdout());
        assertTrue(run.stdout().contains("interp"), run.stdout());
    }
}
