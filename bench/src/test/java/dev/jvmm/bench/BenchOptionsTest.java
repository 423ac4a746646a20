package dev.jvmm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
    @Test
    void defaultsCompareEveryEngineFiveTimesOnTheDefaultGuests() throws Exception {
        BenchOptions o = BenchOptions.parse();
        assertEquals(List.of(EngineId.values()), o.engines());
        assertEquals(5, o.runs());
        assertTrue(o.guests().isEmpty());
        assertNull(o.baseline());
        assertEquals(LaunchMode.JAVA, o.launch());
        assertEquals(Path.of("bench", "results"), o.resultsDir());
    }

    @Test
    void listsAndValuesAreParsedInBothSpellings() throws Exception {
        BenchOptions o = BenchOptions.parse("--guests", "sieve32,crc32", "--engines=qemu-tcg,interp", "--runs", "3",
                "--baseline", "interp", "--repo", "/r", "--launch", "script", "--timeout", "2.5");
        assertEquals(List.of("sieve32", "crc32"), o.guests());
        assertEquals(List.of(EngineId.QEMU_TCG, EngineId.INTERP), o.engines());
        assertEquals(3, o.runs());
        assertEquals(EngineId.INTERP, o.baseline());
        assertEquals(LaunchMode.SCRIPT, o.launch());
        assertEquals(2.5, o.timeoutSeconds());
        assertEquals(Path.of("/r/bench/results"), o.resultsDir());
    }

    @Test
    void unknownEngineIsRefusedWithTheKnownNames() {
        var e = assertThrows(BenchUsageException.class, () -> BenchOptions.parse("--engines", "interp,bochs"));
        assertTrue(e.getMessage().contains("bochs"), e.getMessage());
        assertTrue(e.getMessage().contains("qemu-tcg"), e.getMessage());
    }

    @Test
    void runsMustBePositive() {
        assertThrows(BenchUsageException.class, () -> BenchOptions.parse("--runs", "0"));
        assertThrows(BenchUsageException.class, () -> BenchOptions.parse("--runs", "many"));
    }

    @Test
    void baselineMustBeOneOfTheEnginesCompared() {
        var e = assertThrows(BenchUsageException.class,
                () -> BenchOptions.parse("--engines", "interp,kvm", "--baseline", "qemu-tcg"));
        assertTrue(e.getMessage().contains("--baseline qemu-tcg"), e.getMessage());
    }

    @Test
    void badCommandLinesAreRefused() {
        assertThrows(BenchUsageException.class, () -> BenchOptions.parse("--frobnicate", "1"));
        assertThrows(BenchUsageException.class, () -> BenchOptions.parse("--runs"));
        assertThrows(BenchUsageException.class, () -> BenchOptions.parse("sieve32"));
        assertThrows(BenchUsageException.class, () -> BenchOptions.parse("--guests", "a,,b"));
        assertThrows(BenchUsageException.class, () -> BenchOptions.parse("--guests", "a,a"));
        assertThrows(BenchUsageException.class, () -> BenchOptions.parse("--launch", "docker"));
        assertThrows(BenchUsageException.class, () -> BenchOptions.parse("--timeout", "-1"));
    }

    @Test
    void helpIsItsOwnSignal() {
        assertThrows(BenchOptions.HelpRequested.class, () -> BenchOptions.parse("--runs", "2", "--help"));
    }

    @Test
    void theWorkloadIsTheDefaultOneUnlessAsked() throws Exception {
        BenchOptions o = BenchOptions.parse();
        assertEquals(Workload.Size.DEFAULT, o.size());
        assertNull(o.append());
        assertEquals(5, o.interpRuns());
        assertTrue(o.breakdown());
    }

    @Test
    void sizeAppendInterpRunsAndBreakdownAreParsed() throws Exception {
        BenchOptions o = BenchOptions.parse("--size", "long", "--runs", "3", "--interp-runs=1", "--breakdown", "off");
        assertEquals(Workload.Size.LONG, o.size());
        assertEquals(1, o.interpRuns());
        assertFalse(o.breakdown());
        assertEquals("rounds=5 quiet", BenchOptions.parse("--append", "rounds=5 quiet").append());
        assertEquals("rounds=5", BenchOptions.parse("--append=rounds=5").append());
    }

    @Test
    void longWorkloadsGetALongerDefaultTimeout() throws Exception {
        assertEquals(BenchOptions.DEFAULT_TIMEOUT_SECONDS, BenchOptions.parse().timeoutSeconds());
        assertEquals(BenchOptions.DEFAULT_LONG_TIMEOUT_SECONDS, BenchOptions.parse("--size", "long").timeoutSeconds());
        assertEquals(BenchOptions.DEFAULT_LONG_TIMEOUT_SECONDS, BenchOptions.parse("--append", "rounds=9").timeoutSeconds());
        assertEquals(7.0, BenchOptions.parse("--size", "long", "--timeout", "7").timeoutSeconds());
    }

    @Test
    void interpRunsAreAtMostTheRuns() throws Exception {
        assertEquals(2, BenchOptions.parse("--runs", "2", "--interp-runs", "9").interpRuns());
        assertEquals(2, BenchOptions.parse("--interp-runs", "9", "--runs", "2").interpRuns());
    }

    @Test
    void badWorkloadOptionsAreRefused() {
        assertThrows(BenchUsageException.class, () -> BenchOptions.parse("--size", "huge"));
        assertThrows(BenchUsageException.class, () -> BenchOptions.parse("--append", " "));
        assertThrows(BenchUsageException.class, () -> BenchOptions.parse("--interp-runs", "0"));
        assertThrows(BenchUsageException.class, () -> BenchOptions.parse("--breakdown", "maybe"));
        var both = assertThrows(BenchUsageException.class, () -> BenchOptions.parse("--size", "long", "--append", "rounds=2"));
        assertTrue(both.getMessage().contains("not both"), both.getMessage());
    }

    @Test
    void theUsageNamesTheNewOptions() {
        for (String option : List.of("--size default|1s|long|10s", "--append STRING", "--interp-runs N", "--breakdown on|off")) {
            assertTrue(BenchOptions.USAGE.contains(option), option);
        }
    }

    @Test
    void withEnginesKeepsEverythingElse() throws Exception {
        BenchOptions o = BenchOptions.parse("--size", "long", "--runs", "4", "--interp-runs", "2");
        BenchOptions w = o.withEngines(List.of(EngineId.JIT));
        assertEquals(List.of(EngineId.JIT), w.engines());
        assertEquals(o, new BenchOptions(w.repo(), w.guests(), o.engines(), w.runs(), w.baseline(), w.timeoutSeconds(),
                w.launch(), w.outDir(), w.size(), w.append(), w.interpRuns(), w.breakdown()));
    }
}
