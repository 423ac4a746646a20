package dev.jvmm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {
    private final String md = MarkdownReport.render(ReportFixtures.report("sieve32"));

    private List<String> row(String guest, String engineLabel) {
        String line = Arrays.stream(md.split("\n")).filter(l -> l.startsWith("| " + guest + " | " + engineLabel + " |"))
                .findFirst().orElseThrow(() -> new AssertionError("no row for " + guest + "/" + engineLabel + " in\n" + md));
        return Arrays.stream(line.split("\\|", -1)).map(String::strip).toList().subList(1, 10);
    }

    @Test
    void aRowShowsMediansRatiosAndMips() {
        // interp: wall 3,4,5 -> 4; CPU 5,6,7 -> 6; qemu-tcg CPU 0.05,0.10,0.15 -> 0.10, wall 0.1.
        List<String> interp = row("sieve32", "jvmm interp");
        assertEquals(List.of("sieve32", "jvmm interp", "3/3", "4.000", "6.000", "5.000–7.000", "60.0×", "40.0×", "25.0"), interp);
    }

    @Test
    void theBaselineIsOneAndBorrowsTheInstructionCountWithAMark() {
        List<String> tcg = row("sieve32", "QEMU tcg");
        assertEquals("1.00×", tcg.get(6));
        assertEquals("1000 †", tcg.get(8)); // 100 M instructions in 0.1 s
        assertTrue(md.contains("† this engine counts no instructions"));
    }

    @Test
    void kvmEnginesSayWhatKindOfKvmThisIs() {
        assertTrue(md.contains("| jvmm kvm [PVM (software)] |"), md);
        assertTrue(md.contains("/dev/kvm: PVM (software)"), md);
    }

    @Test
    void aCellWhoseRunsAllFailedSaysFailedAndShowsNoTime() {
        List<String> kvm = row("sieve32", "jvmm kvm \\[PVM (software)\\]".replace("\\", ""));
        assertEquals("0/3", kvm.get(2));
        assertEquals("**FAILED**", kvm.get(3));
        assertEquals("", kvm.get(4));
        assertTrue(md.contains("- sieve32 on kvm: exit status 70, expected 1"), md);
    }

    @Test
    void withNoBaselineTimeTheRatioIsADash() {
        // hello-elf64 has no qemu-tcg times (n/a), so its ratios are missing, not invented.
        List<String> elf = row("hello-elf64", "jvmm interp");
        assertEquals("—", elf.get(6));
        assertEquals("n/a", row("hello-elf64", "QEMU tcg").get(2));
    }

    @Test
    void unavailableEnginesGetALineEach() {
        assertTrue(md.contains("- jit: engine jit is not available: not built yet"), md);
        assertFalse(md.contains("| sieve32 | jvmm jit |"), md);
    }

    private final String longMd = MarkdownReport.render(ReportFixtures.longReport());

    private static String line(String md, String start) {
        return Arrays.stream(md.split("\n")).filter(l -> l.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting " + start + " in\n" + md));
    }

    @Test
    void theWorkloadTableNamesEachGuestsCommandLineAndWhatItsOutputWasCheckedAgainst() {
        assertTrue(longMd.contains("Workload: --size long"), longMd);
        String sieve32 = line(longMd, "| sieve32 | `rounds=750` |");
        assertTrue(sieve32.contains("| 11,383 M |"), sieve32);
        assertTrue(sieve32.contains("QEMU tcg's output"), sieve32);
        assertTrue(line(md, "| sieve32 | none (the default run) |").contains("the catalogue's text, exactly"), md);
    }

    @Test
    void anEngineLeftOutIsSaidNotToHaveRun() {
        assertTrue(line(longMd, "Engines: ").contains("**not run: interp**"), longMd);
        assertTrue(longMd.contains("- interp: left out: not in --engines jit,qemu-tcg"), longMd);
    }

    @Test
    void theJitBreakdownSplitsTheMedianCpuTime() {
        // jit CPU 4, 5, 6 -> 5; start-up 0.3; vCPU 3.2 - 0.15; C1+C2 1.1 - 0.1; translator 0.12 - 0;
        // other (4.8 - 4.42) - (0.30 - 0.25); qemu-tcg 4.0.
        assertEquals("| sieve32 | 5.000 | 0.300 (6%) | 3.050 (61%) | 1.000 (20%) | 0.120 (2%) | 0.330 (7%) | 4.800 | 1.25× | interp not run |",
                line(longMd, "| sieve32 | 5.000 |"));
        assertTrue(longMd.contains("0.300 s CPU (median of 3 runs)"), longMd);
    }

    @Test
    void theCountersShowExitsByReasonLargestFirst() {
        String counters = line(longMd, "| sieve32 | 11,383 M |");
        assertTrue(counters.endsWith("| budget 369,756, branch 111, tlb-miss 111 | 4.800 | 3.200 | 1.100 |"), counters);
        assertTrue(counters.contains("| 100.00% | 6 | 100.0 | 369,978 |"), counters);
        assertTrue(line(longMd, "| sieve64 | **FAILED**").contains("exit status 70"), longMd);
        assertTrue(longMd.contains("| hello-pm32 (start-up) | 513 |"), longMd);
    }

    @Test
    void aGuestQemuCannotBootHasNoQemuRatio() {
        String sieve64 = line(longMd, "| sieve64 | 6.000 |");
        assertTrue(sieve64.endsWith("| n/a | interp not run |"), sieve64);
    }

    @Test
    void withoutAProfileThereIsNoBreakdown() {
        assertFalse(md.contains("Where the jit's time goes"), md);
        assertTrue(longMd.contains("## Where the jit's time goes"), longMd);
    }

    /** Issue 20, defect 12: the report is for users; tracker words ("issue 5's target") stay in the tracker. */
    @Test
    void theReportSpeaksNoDevelopmentJargon() {
        for (String report : List.of(md, longMd)) {
            assertFalse(java.util.regex.Pattern.compile("(?i)\\bissue\\s*#?\\d").matcher(report).find(), report);
        }
    }

    @Test
    void engineVersusEngineSaysWhichDidNotRun() {
        ComparisonReport r = ReportFixtures.report("sieve32");
        assertEquals("60.0×", MarkdownReport.versus(r, "sieve32", EngineId.INTERP, EngineId.QEMU_TCG));
        assertEquals("jit not run", MarkdownReport.versus(r, "sieve32", EngineId.JIT, EngineId.INTERP));
        assertEquals("n/a", MarkdownReport.versus(r, "hello-elf64", EngineId.INTERP, EngineId.QEMU_TCG));
        assertEquals("—", MarkdownReport.versus(r, "sieve32", EngineId.KVM, EngineId.INTERP), "kvm ran but every run failed");
    }
}
