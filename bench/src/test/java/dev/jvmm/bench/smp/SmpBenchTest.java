package dev.jvmm.bench.smp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.bench.Timing;
import dev.jvmm.bench.linux.ConsoleRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SmpBenchTest {
    @Test
    void theReportLineParses() {
        SmpWorkResult r = SmpWorkResult.parse("jvmm: hello\nsmp-work: 2 CPUs, 1000 rounds, 4000000 us\n").orElseThrow();
        assertEquals(new SmpWorkResult(2, 1000, 4_000_000), r);
        assertEquals(250.0, r.roundsPerSecond(), 1e-9);
        assertTrue(SmpWorkResult.parse("smp-work: the prime count is off\n").isEmpty());
    }

    @Test
    void aRunCountsOnlyWithItsCpuCountAndAGoodExit() {
        ConsoleRun ok = new ConsoleRun(1, new Timing(5, 9, 0.1), 1, "smp-work: 2 CPUs, 10 rounds, 100 us\n");
        assertNull(SmpBench.judge(ok, SmpWorkResult.parse(ok.console()), 2, 60));
        assertTrue(SmpBench.judge(ok, SmpWorkResult.parse(ok.console()), 1, 60).contains("saw 2 CPUs"));
        ConsoleRun failed = new ConsoleRun(11, new Timing(5, 9, 0.1), -1, "smp-work: the prime count is off\n");
        assertTrue(SmpBench.judge(failed, SmpWorkResult.parse(failed.console()), 2, 60).startsWith("no smp-work report"));
        ConsoleRun hung = new ConsoleRun(-1, null, -1, "");
        assertTrue(SmpBench.judge(hung, Optional.empty(), 2, 60).contains("still running"));
    }

    @Test
    void theTableGivesRatiosToTheFirstCount() {
        ConsoleRun p = new ConsoleRun(1, new Timing(3, 4, 0), 1, "");
        Map<Integer, List<SmpBench.Run>> results = new LinkedHashMap<>();
        results.put(1, List.of(new SmpBench.Run(new SmpWorkResult(1, 100, 2_000_000), p)));
        results.put(2, List.of(new SmpBench.Run(new SmpWorkResult(2, 100, 1_000_000), p)));
        String md = SmpBench.render("t", "jit", results, Map.of(), "0.1, 0.2, 0.3", "0.4, 0.5, 0.6");
        assertTrue(md.contains("| 2 | 1 | 1.00 | 100.0 | 2.00x |"), md);
        assertTrue(md.contains("0.1, 0.2, 0.3 before"), md);
    }

    @Test
    void badOptionsAreUsageErrors() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, SmpBench.run(List.of("--cpus", "5"), new PrintStream(new ByteArrayOutputStream()), new PrintStream(err)));
        assertTrue(err.toString().contains("1 to 4 CPUs"), err.toString());
        assertThrows(IllegalArgumentException.class, () -> SmpBench.cpuCounts(""));
    }
}
