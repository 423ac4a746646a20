package dev.jvmm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class JitDiagnosticsTest {
    @Test
    void theStatsCountersAreRead() {
        ThreadCpu threads = new ThreadCpu(1, 2, 3, 4);
        JitDiagnostics d = JitDiagnostics.parse(ReportFixtures.DIAGNOSTIC_STDERR, threads, 11.5);
        assertNull(d.failure());
        assertEquals(1_517_610_703L, d.instructions());
        assertEquals(32_695, d.interpretedOutsideUnits());
        assertEquals(6, d.unitsTranslated());
        assertEquals(114.3, d.translationMillis(), 1e-9);
        assertEquals(369_978, d.unitRuns());
        assertEquals(List.of("branch", "interpreted", "fault", "budget", "smc", "tlb-miss"), List.copyOf(d.exits().keySet()));
        assertEquals(369_756L, d.exits().get("budget"));
        assertEquals(111L + 369_756 + 111, d.totalExits());
        assertEquals(1 - 32_695 / 1_517_610_703.0, d.inUnitsFraction(), 1e-12);
        assertSame(threads, d.threads());
        assertEquals(11.5, d.processCpuSeconds());
    }

    @Test
    void whatIsNotPrintedIsUnknownNotZero() {
        JitDiagnostics d = JitDiagnostics.parse("jvmm: --- stats ---\njvmm: instructions retired: 513\n", null, 0.3);
        assertEquals(513, d.instructions());
        assertEquals(RunResult.UNKNOWN, d.unitsTranslated());
        assertTrue(Double.isNaN(d.translationMillis()));
        assertTrue(Double.isNaN(d.inUnitsFraction()));
        assertEquals(RunResult.UNKNOWN, d.totalExits());
    }

    @Test
    void aFailedRunHasNoFigures() {
        JitDiagnostics d = JitDiagnostics.failed("exit status 70, expected 1");
        assertEquals("exit status 70, expected 1", d.failure());
        assertNull(d.threads());
        assertTrue(Double.isNaN(d.processCpuSeconds()));
    }
}
