package dev.jvmm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
