package dev.jvmm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM ends a run with status 130 and the report, as the help promises (issue 20, defect 9; was 143). */
class InterruptStatusTest {
    @TempDir
    Path tmp;

    /** {@code jvmm run ARGS} in a JVM of its own (a signal must reach a whole process). */
    private static Process jvmm(Path tmp, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(tmp.resolve("stderr.txt").toFile()).start();
    }

    @Test
    void sigtermDuringARunEndsWithStatus130AndAReport() throws Exception {
        // mov dx, 0x3f8 ; mov al, 'R' ; out dx, al ; jmp $   -- says it runs, then spins
        Path kernel = CliRun.write(tmp, "spin.bin", CliRun.bootSector(0xBA, 0xF8, 0x03, 0xB0, 'R', 0xEE, 0xEB, 0xFE));
        Process p = jvmm(tmp, "--engine", "interp", "--kernel", kernel.toString());
        assertEquals('R', p.getInputStream().read(), "the guest started");
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(15, TimeUnit.SECONDS), "ended after SIGTERM");
        String stderr = Files.readString(tmp.resolve("stderr.txt"), StandardCharsets.UTF_8);
        assertEquals(ExitStatus.INTERRUPTED, p.exitValue(), stderr);
        assertTrue(stderr.contains("jvmm: interrupted at 0000:7c06"), stderr);
        assertFalse(stderr.contains("\tat "), stderr);
    }

    @Test
    void sigtermWhileWaitingForAFifoEndsWithStatus130() throws Exception {
        Path fifo = tmp.resolve("kernel.fifo");
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo");
        Process p = jvmm(tmp, "--kernel", fifo.toString());
        Path stderrFile = tmp.resolve("stderr.txt");
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!Files.readString(stderrFile).contains("waiting for") && System.nanoTime() < deadline) Thread.sleep(50);
        p.destroy();
        assertTrue(p.waitFor(15, TimeUnit.SECONDS), "ended after SIGTERM");
        String stderr = Files.readString(stderrFile, StandardCharsets.UTF_8);
        assertEquals(ExitStatus.INTERRUPTED, p.exitValue(), stderr);
        assertTrue(stderr.contains("jvmm: interrupted"), stderr);
    }
}
