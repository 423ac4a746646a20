package dev.jvmm.bench.kvm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {
    static RoundTrip perExit(long nanos) {
        return new RoundTrip(1000, nanos * 1000, 0, 1000, 1003, nanos * 990, nanos * 1000);
    }

    @Test
    void theVerdictFollowsTheMedianOfThePerRoundRatios() {
        List<RoundTrip> c = List.of(perExit(10_000), perExit(9_000), perExit(50_000));
        // per round 1.05, 1.20, 0.22: median 1.05 although the ratio of medians is 1.08
        String met = Report.summary(c, c, List.of(perExit(10_500), perExit(10_800), perExit(11_000)), 7);
        assertTrue(met.contains("engine/C = 1.050") && met.contains("medians 1.080") && met.contains("1.1x MET"), met);
        // per round 1.15, 1.33, 0.22: median 1.15
        String missed = Report.summary(c, c, List.of(perExit(11_500), perExit(12_000), perExit(11_000)), 7);
        assertTrue(missed.contains("engine/C = 1.150") && missed.contains("NOT met"), missed);
    }

    @Test
    void theDowncallLineSaysWhenCDidNotRun() {
        DowncallCost.Result j = new DowncallCost.Result(190, 185, 180);
        assertTrue(Report.downcallLine(Double.NaN, j).contains("C not run;"));
        assertTrue(Report.downcallLine(141.4, j).contains("C 141 ns; Java via the engine's LibC.ioctl 190 ns"));
    }

    @Test
    void withoutCThereIsNoRatio() {
        String text = Report.summary(List.of(), List.of(perExit(1)), List.of(perExit(2)), 7);
        assertTrue(text.endsWith("no C baseline: no ratio"), text);
    }
}
