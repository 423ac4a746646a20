package dev.jvmm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void medianOfAnOddCountIsTheMiddleValueWhateverTheOrder() {
        assertEquals(3.0, Stats.median(List.of(5.0, 1.0, 3.0)));
        assertEquals(2.0, Stats.median(List.of(2.0)));
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertEquals(2.5, Stats.median(List.of(4.0, 1.0, 3.0, 2.0)));
    }

    @Test
    void oneOutlierDoesNotMoveTheMedian() {
        assertEquals(1.0, Stats.median(List.of(1.0, 1.0, 100.0)));
    }

    @Test
    void medianOfNothingIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Stats.median(List.of()));
    }

    @Test
    void ratioSaysHowManyTimesLonger() {
        assertEquals(2.0, Stats.ratio(3.0, 1.5));
        assertEquals(0.25, Stats.ratio(1.0, 4.0));
    }

    @Test
    void ratioAgainstAMissingOrZeroBaselineIsNaN() {
        assertTrue(Double.isNaN(Stats.ratio(1.0, 0.0)));
        assertTrue(Double.isNaN(Stats.ratio(1.0, Double.NaN)));
        assertTrue(Double.isNaN(Stats.ratio(Double.NaN, 1.0)));
    }

    @Test
    void mipsIsMillionsOfInstructionsPerSecond() {
        assertEquals(50.0, Stats.mips(100_000_000, 2.0), 1e-9);
        assertTrue(Double.isNaN(Stats.mips(RunResult.UNKNOWN, 2.0)));
        assertTrue(Double.isNaN(Stats.mips(1000, 0.0)));
    }

    @Test
    void rangeIsMinimumAndMaximum() {
        double[] r = Stats.range(List.of(2.0, 0.5, 7.0));
        assertEquals(0.5, r[0]);
        assertEquals(7.0, r[1]);
    }
}
