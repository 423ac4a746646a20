package dev.jvmm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GuestScoreTest {
    @Test
    void coremarksRateIsItsPortsLine() {
        String out = "[0]crcfinal      : 0x65c5\nErrors detected\ncoremark: 4000 iterations in 845 ms, 4733.727 iterations/s\n";
        assertEquals(4733.727, GuestScore.of("coremark", out), 1e-9);
        assertEquals("iterations/s", GuestScore.unit("coremark"));
    }

    @Test
    void noScoreWithoutTheLineOrForOtherGuests() {
        assertTrue(Double.isNaN(GuestScore.of("coremark", "coremark: 1 iterations in 0 ms\n")));
        assertTrue(Double.isNaN(GuestScore.of("coremark", null)));
        assertTrue(Double.isNaN(GuestScore.of("sieve32", "coremark: 4000 iterations in 845 ms, 4733.727 iterations/s\n")));
        assertNull(GuestScore.unit("sieve32"));
    }
}
