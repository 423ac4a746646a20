package dev.jvmm.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ChildTimesTest {
    @Test
    void theSecondLineIsTheChildren() {
        assertArrayEquals(new double[] {0.067, 0.004}, ChildTimes.parse("0m0.002s 0m0.000s\n0m0.067s 0m0.004s\n"), 1e-9);
    }

    @Test
    void minutesAreCounted() {
        assertArrayEquals(new double[] {62.5, 61.25}, ChildTimes.parse("0m0.001s 0m0.001s\n1m2.500s 1m1.250s\n"), 1e-9);
    }

    @Test
    void anythingElseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ChildTimes.parse(""));
        assertThrows(IllegalArgumentException.class, () -> ChildTimes.parse("0.06 0.04 0.02\n"));
        assertThrows(IllegalArgumentException.class, () -> ChildTimes.parse("0m0.067s 0m0.004s\n"));
    }

    @Test
    void thePeakRssIsGnuTimesLastLine() {
        assertEquals(54892, ChildTimes.peakRssKilobytes("54892\n"));
        assertEquals(1544, ChildTimes.peakRssKilobytes("Command exited with non-zero status 3\n1544\n"));
        assertEquals(-1, ChildTimes.peakRssKilobytes(""));
    }
}
