package dev.jvmm.launcher;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a virtual clock and a fixed RTC start, a run's output is the same every time. */
class ReproducibleRunTest {
    @TempDir
    Path tmp;

    @Test
    void rtcStartSetsTheGuestsDate() throws Exception {
        CliRun run = CliRun.of(tmp, "run", "rtc-read", "--clock", "virtual", "--rtc-start", "2001-02-03T04:05:06Z");
        assertEquals(ExitStatus.debugExit(0), run.status(), run.stderr());
        assertEquals("rtc-read: 2001-02-03 04:05:06\n", run.serial());
    }

    @Test
    void timerDrivenGuestIsDeterministicUnderTheVirtualClock() throws Exception {
        CliRun a = CliRun.of(tmp, "run", "pit-irq", "--clock", "virtual", "--stats");
        CliRun b = CliRun.of(tmp, "run", "pit-irq", "--clock", "virtual", "--stats");
        assertEquals(a.serial(), b.serial());
        String countA = a.stderr().lines().filter(l -> l.contains("instructions retired")).findFirst().orElseThrow();
        String countB = b.stderr().lines().filter(l -> l.contains("instructions retired")).findFirst().orElseThrow();
        assertEquals(countA, countB, "the same instruction count on every run");
    }

    @Test
    void badRtcStartIsAUsageError() throws Exception {
        CliRun run = CliRun.of(tmp, "run", "--rtc-start", "yesterday");
        assertEquals(ExitStatus.USAGE, run.status());
        assertTrue(run.stderr().contains("--rtc-start yesterday"), run.stderr());
    }
}
