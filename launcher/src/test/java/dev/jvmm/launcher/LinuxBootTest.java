package dev.jvmm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jvmm.guests.linux.FetchException;
import dev.jvmm.guests.linux.LinuxCheck;
import dev.jvmm.guests.linux.LinuxGuest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI boots Debian's stock kernel (the {@code linux} catalogue entry, fetched with apt-get into the cache on
 * first use) on the jit engine and on the interpreter (the oracle the translator must agree with) with
 * {@value LinuxGuest#CHECK_WORD}: the init script prints uname, the CPU flags,
 * the results of a few busybox applets and the kernel log's problem count, then powers off through ACPI S5,
 * which must end the run with status 0. The run uses the virtual clock, so the kernel's TSC calibration and
 * its lockup watchdogs see the same time whatever else the host is doing. {@code -Djvmm.linux.timeout} seconds
 * (default 600, per boot) only guards against a hang: how fast it boots is {@code jvmm bench linux}'s to say, and
 * this test prints each boot's wall time. It skips, saying why, only on a host that cannot fetch
 * (no apt, no package index, no network).
 */
class LinuxBootTest {
    @TempDir
    Path tmp;

    @Test
    void debianKernelRunsItsChecksAndPowersOffOnJit() throws Exception {
        bootsAndPassesItsChecks("jit");
    }

    @Test
    void debianKernelRunsItsChecksAndPowersOffOnInterp() throws Exception {
        bootsAndPassesItsChecks("interp");
    }

    private void bootsAndPassesItsChecks(String engine) throws Exception {
        LinuxGuest.Prepared linux;
        try {
            linux = LinuxGuest.prepare(LinuxGuest.defaultCache(), line -> System.out.println("LinuxBootTest: " + line));
        } catch (FetchException e) {
            if (!e.hostCannotFetch()) throw new AssertionError("the Linux guest could not be prepared: " + e.getMessage());
            System.out.println("LinuxBootTest skipped: this host cannot fetch the Linux guest: " + e.getMessage());
            Assumptions.abort(e.getMessage());
            return;
        }
        String timeout = System.getProperty("jvmm.linux.timeout", "600");
        long start = System.nanoTime();
        CliRun run = CliRun.of(tmp, "run", LinuxGuest.NAME, "--engine", engine, "--decompress", "host", "--clock", "virtual",
                "--append", LinuxGuest.CHECK_WORD + " cryptomgr.notests", "--timeout", timeout);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("LinuxBootTest: %s %s on %s (virtual clock, host-unpacked): status %d after %.1f s wall; %s%n",
                linux.kernel().getFileName(), linux.packageVersion(), engine, run.status(), seconds, userspaceLine(run.serial()));
        List<String> problems = LinuxCheck.problems(run.serial(), linux.release());
        assertEquals(List.of(), problems, () -> engine + " console:\n" + tail(run.serial()) + "\nstderr: " + run.stderr());
        assertEquals(ExitStatus.OK, run.status(), () -> "the " + engine + " run should end in ACPI S5 power-off; stderr: " + run.stderr());
    }

    private static String userspaceLine(String console) {
        return console.lines().filter(l -> l.contains(LinuxCheck.USERSPACE_LINE)).findFirst().orElse("userspace never ran");
    }

    private static String tail(String console) {
        List<String> lines = console.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
