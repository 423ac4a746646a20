package dev.jvmm.bench.linux;

import static org.junit.jupiter.api.Assertions.*;

import dev.jvmm.bench.LaunchMode;
import dev.jvmm.bench.RunCommands;
import dev.jvmm.bench.Timing;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinuxBenchTest {
    private static final String PASSING = """
            jvmm-init: userspace is up (2.10 s after boot)
            jvmm-check: uname Linux 6.1.0-t x86_64
            jvmm-check: flags fpu pae cx8 cmov msr fxsr sse sse2 lm
            jvmm-check: sum 500500
            jvmm-check: md5 9e107d9d372bb6826bd81d3542a419d6
            jvmm-check: sha256 ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
            jvmm-check: sort 1 2 3 10
            jvmm-check: shell 1048576 259106859
            jvmm-check: file 1048576 b6d81b360a5672d80c27430f39153e2c
            jvmm-check: dmesg-problems 0
            jvmm-check: done
            [    3.0] reboot: Power down
            """;

    private static ConsoleRun run(int status, String console) {
        return new ConsoleRun(status, new Timing(5, 4, 1), 3, console);
    }

    @Test
    void aRunCountsOnlyIfItPassedTheChecksAndPoweredOff() {
        assertNull(LinuxBench.judge(LinuxBench.Engine.QEMU_TCG, run(0, PASSING), "6.1.0-t", 60));
        assertNull(LinuxBench.judge(LinuxBench.Engine.JIT, run(10, PASSING), "6.1.0-t", 60), "jvmm's halt after Power down");
        assertEquals("ended with status 10 instead of powering off", LinuxBench.judge(LinuxBench.Engine.QEMU_TCG, run(10, PASSING), "6.1.0-t", 60));
        assertEquals("ended with status 12 instead of powering off", LinuxBench.judge(LinuxBench.Engine.JIT, run(12, PASSING), "6.1.0-t", 60));
        assertEquals("still running after 60.0 s", LinuxBench.judge(LinuxBench.Engine.JIT, run(-1, ""), "6.1.0-t", 60));
        assertTrue(LinuxBench.judge(LinuxBench.Engine.JIT, run(10, PASSING.replace("500500", "1")), "6.1.0-t", 60).startsWith("sum:"));
        assertEquals(2.10, LinuxReport.uptime(PASSING), 1e-9);
    }

    @Test
    void everyEngineGetsTheSameFilesAndCommandLine() {
        RunCommands c = new RunCommands(Path.of("/repo"), Path.of("/jdk/bin/java"), LaunchMode.JAVA, "qemu-system-x86_64");
        Path k = Path.of("/k/vmlinuz"), i = Path.of("/w/initrd.gz");
        assertEquals(List.of("qemu-system-x86_64", "-accel", "tcg", "-m", "128M", "-nographic", "-no-reboot", "-kernel", "/k/vmlinuz",
                "-initrd", "/w/initrd.gz", "-append", "console=ttyS0 x"), LinuxBench.command(LinuxBench.Engine.QEMU_TCG, c, k, i, "console=ttyS0 x"));
        List<String> jit = LinuxBench.command(LinuxBench.Engine.JIT_HOST, c, k, i, "console=ttyS0 x");
        assertEquals(List.of("run", "--engine", "jit", "--decompress", "host", "-m", "128M", "--serial", "stdio", "--kernel", "/k/vmlinuz",
                "--initrd", "/w/initrd.gz", "--append", "console=ttyS0 x tsc_early_khz=1000000"), jit.subList(jit.indexOf("run"), jit.size()));
    }

    @Test
    void badWordsAreUsageErrors() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, LinuxBench.run(List.of("--engines", "bochs"), new PrintStream(new ByteArrayOutputStream()), new PrintStream(err)));
        assertTrue(err.toString().contains("unknown engine 'bochs'"), err.toString());
        assertEquals(2, LinuxBench.run(List.of("--runs"), new PrintStream(new ByteArrayOutputStream()), new PrintStream(err)));
    }
}
