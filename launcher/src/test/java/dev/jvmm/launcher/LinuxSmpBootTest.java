package dev.jvmm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.guests.linux.FetchException;
import dev.jvmm.guests.linux.LinuxCheck;
import dev.jvmm.guests.linux.LinuxGuest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link LinuxBootTest} boot with {@code -smp 2}: Debian's kernel must find both CPUs in the MADT, start the
 * application processor with INIT/SIPI ("Brought up 1 node, 2 CPUs"), list two processors in /proc/cpuinfo,
 * pass the same in-guest checks as the one-CPU boot and power off through ACPI S5. Virtual clock, jit engine;
 * {@code -Djvmm.linux.smp.timeout} seconds (default 600) only guards against a hang. Skips, saying why, only on
 * a host that cannot fetch the guest.
 */
class LinuxSmpBootTest {
    /** What Linux's smp_init() prints once every CPU it was told about is online (kernel/smp.c). */
    static final String BROUGHT_UP = "smp: Brought up 1 node, 2 CPUs";

    @TempDir
    Path tmp;

    @Test
    void debianKernelBringsUpTwoCpusAndRunsItsChecksOnJit() throws Exception {
        LinuxGuest.Prepared linux;
        try {
            linux = LinuxGuest.prepare(LinuxGuest.defaultCache(), line -> System.out.println("LinuxSmpBootTest: " + line));
        } catch (FetchException e) {
            if (!e.hostCannotFetch()) throw new AssertionError("the Linux guest could not be prepared: " + e.getMessage());
            System.out.println("LinuxSmpBootTest skipped: this host cannot fetch the Linux guest: " + e.getMessage());
            Assumptions.abort(e.getMessage());
            return;
        }
        String timeout = System.getProperty("jvmm.linux.smp.timeout", "600");
        long start = System.nanoTime();
        CliRun run = CliRun.of(tmp, "run", LinuxGuest.NAME, "--engine", "jit", "--smp", "2", "--decompress", "host",
                "--clock", "virtual", "--append", LinuxGuest.CHECK_WORD + " cryptomgr.notests", "--timeout", timeout);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("LinuxSmpBootTest: %s %s on jit with -smp 2 (virtual clock): status %d after %.1f s wall; cpus %s%n",
                linux.kernel().getFileName(), linux.packageVersion(), run.status(), seconds,
                LinuxCheck.values(run.serial()).getOrDefault("cpus", "(no line)"));
        List<String> problems = LinuxCheck.problems(run.serial(), linux.release());
        assertEquals(List.of(), problems, () -> "console:\n" + tail(run.serial()) + "\nstderr: " + run.stderr());
        assertTrue(run.serial().contains(BROUGHT_UP), () -> "no '" + BROUGHT_UP + "' line; console:\n" + tail(run.serial()));
        assertEquals("2", LinuxCheck.values(run.serial()).get("cpus"), "processors in /proc/cpuinfo");
        assertEquals(ExitStatus.OK, run.status(), () -> "the run should end in ACPI S5 power-off; stderr: " + run.stderr());
    }

    private static String tail(String console) {
        List<String> lines = console.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
