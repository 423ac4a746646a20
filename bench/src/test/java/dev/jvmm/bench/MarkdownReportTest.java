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
}
