package dev.jvmm.devices.pit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.clock.TimerQueue;
import dev.jvmm.core.clock.VirtualClock;
import dev.jvmm.devices.RecordingIrqLine;
import org.junit.jupiter.api.Test;

class Pit8254Test {
    private final VirtualClock clock = new VirtualClock(1);
    private final TimerQueue timers = new TimerQueue(clock);
    private final RecordingIrqLine irq0 = new RecordingIrqLine();
    private final Pit8254 pit = new Pit8254(irq0, timers);
    private final SystemControlPortB port61 = new SystemControlPortB(pit, clock);

    /** Lets virtual time run to {@code tick}, firing every timer on the way at its own deadline. */
    private void at(long tick) {
        long target = PitTime.nanosAt(tick);
        while (timers.nextDeadline() <= target) {
            clock.skipTo(timers.nextDeadline());
            timers.runDue();
        }
        clock.skipTo(target);
        timers.runDue();
    }

    private void out(int port, int value) {
        pit.write(port - 0x40, 1, value);
    }

    private int in(int port) {
        return pit.read(port - 0x40, 1);
    }

    private int latchAndRead(int channel) {
        out(0x43, channel << 6);
        return in(0x40 + channel) | in(0x40 + channel) << 8;
    }

    @Test
    void tickConversionIsExactAndMonotonic() {
        assertEquals(1_193_182, PitTime.ticks(1_000_000_000L));
        assertEquals(1_193_181, PitTime.ticks(999_999_999L));
        assertEquals(0, PitTime.nanosAt(0));
        for (long t : new long[] {1, 2, 1193, 65536, 1_193_182, 123_456_789_012L}) {
            assertEquals(t, PitTime.ticks(PitTime.nanosAt(t)));
            assertEquals(t - 1, PitTime.ticks(PitTime.nanosAt(t) - 1));
        }
    }

    @Test
    void mode2RateGeneratorInterruptsEveryNTicks() {
        // Linux's PIT clockevent, periodic: channel 0, lohi, mode 2, LATCH = 1193182/1000 rounded.
        out(0x43, 0x34);
        out(0x40, 1193 & 0xff);
        out(0x40, 1193 >> 8);
        at(1192);
        assertEquals(0, irq0.risingEdges());
        assertEquals(1, latchAndRead(0), "one tick before the reload the counter reads 1");
        at(1193);
        assertEquals(1, irq0.risingEdges());
        assertEquals(1193, latchAndRead(0), "reloaded");
        at(1193 * 10 + 500);
        assertEquals(10, irq0.risingEdges());
        assertEquals(1193 - 500, latchAndRead(0));
        assertEquals(10, pit.interruptCount());
    }

    @Test
    void mode2OutIsLowForTheLastTickOfEachPeriod() {
        out(0x43, 0x34);
        out(0x40, 4);
        out(0x40, 0);
        boolean[] expected = {true, true, true, false, true, true, true, false, true};
        for (int t = 0; t < expected.length; t++) {
            at(t);
            assertEquals(expected[t], pit.out(0), "tick " + t);
        }
    }

    @Test
    void mode2NewCountTakesEffectAtTheEndOfThePeriod() {
        out(0x43, 0x34);
        out(0x40, 100);
        out(0x40, 0);
        at(30);
        out(0x40, 10);
        out(0x40, 0);
        assertEquals(70, latchAndRead(0), "old count continues");
        at(100);
        assertEquals(1, irq0.risingEdges());
        assertEquals(10, latchAndRead(0));
        at(110);
        assertEquals(2, irq0.risingEdges());
    }

    @Test
    void mode3SquareWaveHighForHalfRoundedUpCountingByTwo() {
        out(0x43, 0x36);
        out(0x40, 5);
        out(0x40, 0);
        boolean[] expected = {true, true, true, false, false, true, true, true, false, false};
        int[] counts = {4, 2, 0, 4, 2, 4, 2, 0, 4, 2}; // odd N: N-1 by twos through each half
        for (int t = 0; t < expected.length; t++) {
            at(t);
            assertEquals(expected[t], pit.out(0), "tick " + t);
            assertEquals(counts[t], pit.count(0), "count at tick " + t);
        }
        out(0x43, 0x16); // channel 0, low byte only, mode 3
        out(0x40, 6);
        long t0 = PitTime.ticks(clock.nanos());
        int[] even = {6, 4, 2, 6, 4, 2, 6};
        for (int i = 0; i < even.length; i++) {
            at(t0 + i);
            assertEquals(even[i], pit.count(0), "even count at tick " + i);
            assertEquals(i % 6 < 3, pit.out(0));
        }
        out(0x43, 0x36);
        out(0x40, 0); // 0 = 65536: the BIOS's 18.2 Hz tick
        out(0x40, 0);
        long base = PitTime.ticks(clock.nanos());
        at(base + 3);
        assertEquals(65536 - 6, latchAndRead(0));
        assertEquals(2, irq0.risingEdges(), "the first two programs rose once each (ticks 5 and 15)");
        at(base + 65536);
        assertEquals(3, irq0.risingEdges(), "the 18.2 Hz tick");
        at(base + 65536 * 3);
        assertEquals(5, irq0.risingEdges());
    }

    @Test
    void mode0OneShotOnChannel0() {
        out(0x43, 0x30);
        assertFalse(pit.out(0), "mode 0: OUT low after the control word");
        out(0x40, 0x00);
        out(0x40, 0x10); // 4096
        at(4095);
        assertFalse(pit.out(0));
        assertEquals(0, irq0.risingEdges());
        at(4096);
        assertTrue(pit.out(0));
        assertEquals(1, irq0.risingEdges());
        at(100_000);
        assertEquals(1, irq0.risingEdges(), "one shot");
        assertEquals((4096 - 100_000) & 0xffff, latchAndRead(0), "the counter keeps wrapping");
    }

    /** SeaBIOS/Linux-style calibration: channel 2, mode 0, gate via port 0x61, poll OUT2 in bit 5. */
    @Test
    void channel2CalibrationLoopSeesOutAfterTheProgrammedTime() {
        port61.write(0, 1, (port61.read(0, 1) & ~0x02) | 0x01);
        out(0x43, 0xb0); // channel 2, lohi, mode 0, binary
        int count = 11932; // 10 ms
        out(0x42, count & 0xff);
        out(0x42, count >> 8);
        long start = clock.nanos();
        int polls = 0;
        while ((port61.read(0, 1) & 0x20) == 0) {
            clock.instructionsRetired(250); // each poll loop iteration costs 250 virtual ns
            polls++;
        }
        long elapsed = clock.nanos() - start;
        long expected = PitTime.nanosAt(count);
        assertTrue(elapsed >= expected && elapsed < expected + 250, "elapsed " + elapsed + " vs " + expected);
        assertTrue(polls > 1000);
        assertEquals(0, irq0.risingEdges(), "channel 2 has no IRQ");
    }

    @Test
    void gateLowPausesMode0AndStopsMode2() {
        port61.write(0, 1, 0x01);
        out(0x43, 0xb0);
        out(0x42, 100);
        out(0x42, 0);
        at(40);
        port61.write(0, 1, 0x00);
        at(200);
        assertFalse(pit.out(2));
        assertEquals(60, pit.count(2), "paused at 60");
        port61.write(0, 1, 0x01);
        at(259);
        assertFalse(pit.out(2));
        at(260);
        assertTrue(pit.out(2));

        out(0x43, 0xb4); // mode 2
        out(0x42, 10);
        out(0x42, 0);
        port61.write(0, 1, 0x00);
        assertTrue(pit.out(2), "mode 2: gate low forces OUT high");
        at(300);
        assertEquals(10, pit.count(2));
        port61.write(0, 1, 0x01); // rising edge reloads
        at(309);
        assertFalse(pit.out(2));
        at(310);
        assertTrue(pit.out(2));
    }

    @Test
    void mode1OneShotIsTriggeredByTheGateEdge() {
        out(0x43, 0xb2);  // channel 2, lohi, mode 1
        out(0x42, 50);
        out(0x42, 0);
        at(100);
        assertTrue(pit.out(2), "waits for a trigger with OUT high");
        port61.write(0, 1, 0x01);
        assertFalse(pit.out(2));
        at(149);
        assertFalse(pit.out(2));
        at(150);
        assertTrue(pit.out(2));
        port61.write(0, 1, 0x00);
        port61.write(0, 1, 0x01); // retrigger
        at(160);
        assertFalse(pit.out(2));
        assertEquals(40, pit.count(2));
    }

    @Test
    void mode4And5StrobeLowForOneTick() {
        out(0x43, 0xb8);  // channel 2, lohi, mode 4
        out(0x42, 20);
        out(0x42, 0);     // gate low: counting inhibited
        at(50);
        assertTrue(pit.out(2));
        port61.write(0, 1, 0x01);
        at(69);
        assertTrue(pit.out(2));
        at(70);
        assertFalse(pit.out(2), "strobe");
        at(71);
        assertTrue(pit.out(2));

        out(0x43, 0xba);  // mode 5
        out(0x42, 5);
        out(0x42, 0);
        at(100);
        assertTrue(pit.out(2));
        port61.write(0, 1, 0x00);
        port61.write(0, 1, 0x01);
        at(105);
        assertFalse(pit.out(2));
        at(106);
        assertTrue(pit.out(2));
    }

    @Test
    void readBackStatusShowsOutNullCountAccessModeAndBcd() {
        out(0x43, 0x35); // channel 0, lohi, mode 2, BCD
        out(0x43, 0xe2); // read-back status of channel 0 only
        assertEquals(0x80 | 0x40 | 0x30 | 0x04 | 0x01, in(0x40));
        out(0x40, 0x00);
        out(0x40, 0x01); // BCD 100
        at(30);
        out(0x43, 0xc2); // read-back count and status
        assertEquals(0x80 | 0x30 | 0x04 | 0x01, in(0x40), "status first, count loaded");
        assertEquals(0x70, in(0x40), "BCD 70, low byte");
        assertEquals(0x00, in(0x40));
    }

    @Test
    void latchFreezesTheCountUntilBothBytesAreRead() {
        out(0x43, 0x30);
        out(0x40, 0x34);
        out(0x40, 0x12);
        at(0x10);
        out(0x43, 0x00);
        at(0x200);
        out(0x43, 0x00); // second latch ignored while the first is unread
        assertEquals(0x24, in(0x40));
        assertEquals(0x12, in(0x40));
        assertEquals((0x1234 - 0x200) & 0xff, in(0x40), "then live again");
    }

    @Test
    void lowByteOnlyAndHighByteOnlyAccess() {
        out(0x43, 0x90); // channel 2, low byte only, mode 0
        out(0x42, 0x80);
        assertEquals(0x80, pit.count(2));
        assertEquals(0x80, in(0x42));
        assertEquals(0x80, in(0x42), "no byte toggle");
        out(0x43, 0xa0); // high byte only
        out(0x42, 0x02);
        assertEquals(0x200, pit.count(2));
        assertEquals(0x02, in(0x42));
    }

    @Test
    void refreshBitTogglesAndWritableBitsReadBack() {
        port61.write(0, 1, 0xff);
        int a = port61.read(0, 1);
        assertEquals(0x0f, a & 0x0f);
        assertEquals(0, a & 0xc0);
        clock.instructionsRetired(SystemControlPortB.REFRESH_HALF_PERIOD_NANOS);
        int b = port61.read(0, 1);
        assertEquals(0x10, (a ^ b) & 0x10, "bit 4 toggles every 15.085 us");
        assertTrue(port61.speakerOn());
    }

    @Test
    void anyValueAnyWidthNeverThrows() {
        for (int v = 0; v < 256; v++) {
            pit.write(3, 1, v);
            pit.write(0, 2, v * 0x101);
            pit.write(2, 4, v * 0x01010101);
            pit.read(0, 4);
            clock.instructionsRetired(1000);
            timers.runDue();
        }
    }
}
