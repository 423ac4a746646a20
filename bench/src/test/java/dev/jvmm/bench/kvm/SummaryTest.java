package dev.jvmm.bench.kvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {
    static final int N = 1000;
    static final long SUM = GuestLoop.expectedChecksum(N);
    static final String HEX = GuestLoop.hex(GuestLoop.code(N));

    static RoundTrip trip(long checksum, long dataExits) {
        return new RoundTrip(N, 10_000_000, checksum, dataExits, N + 3, 9_000_000, 9_500_000);
    }

    @Test
    void medianIgnoresOrderAndOutliers() {
        assertEquals(3.0, Summary.median(List.of(9.0, 1.0, 3.0)));
        assertEquals(2.5, Summary.median(List.of(4.0, 1.0, 2.0, 3.0)));
        assertEquals(1.0, Summary.median(List.of(1.0, 1.0, 1000.0)));
        assertThrows(IllegalArgumentException.class, () -> Summary.median(List.of()));
    }

    @Test
    void ratioAndTarget() {
        assertEquals(1.25, Summary.ratio(25.0, 20.0));
        assertTrue(Double.isNaN(Summary.ratio(1.0, 0.0)));
        assertTrue(Summary.targetMet(1.1));
        assertTrue(Summary.targetMet(0.9));
        assertFalse(Summary.targetMet(1.1001));
        assertFalse(Summary.targetMet(Double.NaN));
        assertEquals(List.of(2.0, 0.5), Summary.pairedRatios(List.of(4.0, 1.0), List.of(2.0, 2.0)));
    }

    @Test
    void matchingRunsMayBeTimed() {
        assertNull(Summary.mismatch(N, trip(SUM, N), HEX, trip(SUM, N), HEX));
    }

    @Test
    void differentChecksumsFail() {
        String why = Summary.mismatch(N, trip(SUM, N), HEX, trip(SUM + 1, N), HEX);
        assertTrue(why.contains("checksums differ"), why);
    }

    @Test
    void equalButWrongChecksumsFail() {
        assertTrue(Summary.mismatch(N, trip(SUM - 5, N), HEX, trip(SUM - 5, N), HEX).contains("expected " + SUM));
    }

    @Test
    void missingExitsOrDifferentGuestsFail() {
        assertTrue(Summary.mismatch(N, trip(SUM, N), HEX, trip(SUM, N - 1), HEX).startsWith("Java saw"));
        assertTrue(Summary.mismatch(N, trip(SUM, N - 1), HEX, trip(SUM, N), HEX).startsWith("C saw"));
        assertTrue(Summary.mismatch(N, trip(SUM, N), HEX.replace("f4", "90"), trip(SUM, N), HEX).startsWith("guest bytes"));
    }
}
