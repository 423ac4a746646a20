package dev.jvmm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimedProcessTest {
    @TempDir
    Path dir;

    @Test
    void reportsTheCommandsExitStatusAndStderrWithTimes() throws Exception {
        ProcessOutcome out = new TimedProcess(dir).run(List.of("sh", "-c", "echo oops >&2; exit 3"), 30);
        assertFalse(out.timedOut());
        assertEquals(3, out.exitStatus());
        assertEquals("oops\n", out.stderr());
        assertNotNull(out.timing());
        assertTrue(out.timing().wallSeconds() > 0 && out.timing().cpuSeconds() >= 0, out.timing().toString());
    }

    @Test
    void aProcessPastItsTimeoutIsKilledAndNotTimed() throws Exception {
        ProcessOutcome out = new TimedProcess(dir).run(List.of("sleep", "30"), 0.3);
        assertTrue(out.timedOut());
        assertNull(out.timing());
    }

    /** The sampler finds the named process under the wrapper shell and sees its busy thread's CPU time. */
    @Test
    void theThreadsOfANamedDescendantCanBeSampled() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/task")), "no /proc here");
        ProcessOutcome out = new TimedProcess(dir).run(
                List.of("sh", "-c", "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done"), 30, "sh");
        assertEquals(0, out.exitStatus(), out.stderr());
        assertNotNull(out.threads(), "the sh process was not found");
        assertTrue(out.threads().otherSeconds() > 0, out.threads().toString());
        assertNull(new TimedProcess(dir).run(List.of("true"), 30).threads(), "not sampled unless asked");
    }

    /** Where GNU time is installed, dd with a 64 MiB buffer has a peak RSS of at least that. */
    @Test
    void thePeakResidentSetIsMeasuredWithGnuTime() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(ChildTimes.GNU_TIME)), "no GNU time here (apt-get install time)");
        ProcessOutcome out = new TimedProcess(dir).run(List.of("dd", "if=/dev/zero", "of=/dev/null", "bs=64M", "count=1"), 30);
        assertEquals(0, out.exitStatus(), out.stderr());
        assertTrue(out.timing().peakRssKilobytes() >= 64 * 1024, out.timing().toString());
    }

    @Test
    void stdoutCanBeKept() throws Exception {
        Path file = dir.resolve("stdout.txt");
        ProcessOutcome out = new TimedProcess(dir).run(List.of("sh", "-c", "echo kept; exit 4"), 30, null, file);
        assertEquals(4, out.exitStatus());
        assertEquals("kept\n", Files.readString(file));
    }
}
