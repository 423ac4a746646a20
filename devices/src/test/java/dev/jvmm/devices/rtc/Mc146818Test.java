package dev.jvmm.devices.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.clock.TimerQueue;
import dev.jvmm.core.clock.VirtualClock;
import dev.jvmm.devices.RecordingIrqLine;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class Mc146818Test {
    private static final long MS = 1_000_000L, S = 1_000_000_000L;
    // A Wednesday.
    private static final Instant START = Instant.parse("2026-11-25T17:46:09Z");

    private final VirtualClock clock = new VirtualClock(1);
    private final TimerQueue timers = new TimerQueue(clock);
    private final RecordingIrqLine irq8 = new RecordingIrqLine();
    private final Mc146818 rtc = new Mc146818(irq8, timers, START, 64L << 20);

    private int read(int reg) {
        rtc.write(0, 1, reg);
        return rtc.read(1, 1);
    }

    private void write(int reg, int value) {
        rtc.write(0, 1, reg);
        rtc.write(1, 1, value);
    }

    /** Runs virtual time to {@code nanos}, firing each timer at its deadline. */
    private void runTo(long nanos) {
        while (timers.nextDeadline() <= nanos) {
            clock.skipTo(timers.nextDeadline());
            timers.runDue();
        }
        clock.skipTo(nanos);
        timers.runDue();
    }

    @Test
    void readsTheStartTimeInBcd24Hour() {
        assertEquals(0x09, read(0x00));
        assertEquals(0x46, read(0x02));
        assertEquals(0x17, read(0x04));
        assertEquals(4, read(0x06), "Wednesday, Sunday = 1");
        assertEquals(0x25, read(0x07));
        assertEquals(0x11, read(0x08));
        assertEquals(0x26, read(0x09));
        assertEquals(0x20, read(0x32), "century");
        assertEquals(0x26, read(0x0a), "32.768 kHz divider, 1024 Hz rate, UIP clear");
        assertEquals(0x02, read(0x0b));
        assertEquals(0x80, read(0x0d), "valid RAM and time");
    }

    @Test
    void timeAdvancesWithTheMachineClockAcrossMinuteAndDay() {
        runTo(51 * S);
        assertEquals(0x00, read(0x00));
        assertEquals(0x47, read(0x02));
        runTo((6 * 3600 + 13 * 60 + 51) * S); // 2026-11-26 00:00:00
        assertEquals(0x00, read(0x04));
        assertEquals(0x26, read(0x07));
        assertEquals(5, read(0x06));
    }

    @Test
    void binaryAnd12HourModes() {
        write(0x0b, 0x06); // binary, 24h
        assertEquals(9, read(0x00));
        assertEquals(17, read(0x04));
        assertEquals(26, read(0x09));
        write(0x0b, 0x04); // binary, 12h: 17h = 5 PM
        assertEquals(0x85, read(0x04));
        write(0x0b, 0x00); // BCD, 12h
        assertEquals(0x85, read(0x04));
        write(0x04, 0x12); // write 12 AM = midnight
        write(0x0b, 0x02);
        assertEquals(0x00, read(0x04));
    }

    @Test
    void setBitFreezesAndGuestWrittenTimeRunsFromThere() {
        write(0x0b, 0x82 | 0x10); // SET (also clears UIE)
        assertEquals(0x82, read(0x0b));
        write(0x00, 0x58);
        write(0x02, 0x59);
        write(0x04, 0x23);
        write(0x07, 0x31);
        write(0x08, 0x12);
        write(0x09, 0x99);
        write(0x32, 0x19);
        runTo(5 * S);
        assertEquals(0x58, read(0x00), "frozen while SET");
        assertEquals(0, read(0x0a) & 0x80, "no UIP while SET");
        write(0x0b, 0x02);
        runTo(7 * S);
        assertEquals(0x00, read(0x00));
        assertEquals(0x00, read(0x04));
        assertEquals(0x01, read(0x07));
        assertEquals(0x01, read(0x08));
        assertEquals(0x00, read(0x09));
        assertEquals(0x20, read(0x32), "into the year 2000");
        assertEquals(Instant.parse("2000-01-01T00:00:00Z").getEpochSecond(), rtc.epochSeconds());
    }

    @Test
    void updateInProgressIsSetFor244MicrosecondsBeforeEachUpdate() {
        runTo(S - 245_000);
        assertEquals(0, read(0x0a) & 0x80);
        runTo(S - 244_000);
        assertEquals(0x80, read(0x0a) & 0x80);
        assertEquals(0x09, read(0x00));
        runTo(S);
        assertEquals(0, read(0x0a) & 0x80);
        assertEquals(0x10, read(0x00));
    }

    @Test
    void periodicInterruptAt1024HzWhileTheHandlerReadsC() {
        write(0x0b, 0x42); // PIE
        int handled = 0;
        long end = S;
        while (true) {
            long next = timers.nextDeadline();
            if (next > end) break;
            runTo(next);
            assertTrue(irq8.level());
            assertEquals(0xc0, read(0x0c) & 0xe0, "IRQF | PF (UF joins at the 1 s update)");
            assertFalse(irq8.level(), "reading C lowers IRQ8");
            handled++;
        }
        assertEquals(1024, handled);
        assertEquals(1024, irq8.risingEdges());
    }

    @Test
    void periodicRateFromRegisterA() {
        write(0x0a, 0x2f); // RS = 15: 2 Hz
        write(0x0b, 0x42);
        runTo(499 * MS);
        assertFalse(irq8.level());
        runTo(500 * MS);
        assertTrue(irq8.level());
        read(0x0c);
        write(0x0a, 0x23); // RS = 3: 8192 Hz, 122.07 us
        runTo(500 * MS + 122_070);
        assertFalse(irq8.level(), "boundaries count from the divider, next at 500 ms + 122.0703 us");
        runTo(500 * MS + 122_071);
        assertTrue(irq8.level());
    }

    @Test
    void withoutPieTheFlagIsStillSetButNoInterrupt() {
        runTo(2 * MS);
        assertEquals(0x40 | 0x00, read(0x0c) & 0xf0, "PF without IRQF");
        assertEquals(0, read(0x0c), "cleared by the read");
        assertFalse(irq8.level());
        assertEquals(0, irq8.risingEdges());
    }

    @Test
    void updateEndedInterruptEverySecond() {
        write(0x0a, 0x20); // no periodic rate
        write(0x0b, 0x12); // UIE
        runTo(S - 1);
        assertFalse(irq8.level());
        runTo(S);
        assertTrue(irq8.level());
        assertEquals(0x90, read(0x0c));
        runTo(3 * S);
        assertEquals(2, irq8.risingEdges(), "the line stayed up until C was read: one more edge");
        assertEquals(0x90, read(0x0c));
    }

    @Test
    void alarmInterruptAtTheMatchingSecondAndDontCareBytes() {
        write(0x0a, 0x20);
        write(0x01, 0x14); // 17:46:14, five seconds ahead
        write(0x03, 0x46);
        write(0x05, 0x17);
        write(0x0b, 0x22); // AIE
        runTo(5 * S - 1);
        assertFalse(irq8.level());
        runTo(5 * S);
        assertTrue(irq8.level());
        assertEquals(0xb0, read(0x0c), "IRQF | AF | UF");
        write(0x01, 0xc0);
        write(0x03, 0xc0);
        write(0x05, 0xc0); // every second
        runTo(6 * S);
        assertEquals(0xb0, read(0x0c));
    }

    @Test
    void alarmFlagSetLazilyWithoutAie() {
        write(0x01, 0x19);
        write(0x03, 0x46);
        write(0x05, 0x17);
        runTo(20 * S);
        assertEquals(0x70, read(0x0c), "PF | AF | UF, no IRQF");
    }

    @Test
    void dividerResetStopsTheClockAndTheFirstUpdateComesHalfASecondLater() {
        write(0x0a, 0x70);
        runTo(10 * S + 300 * MS);
        assertEquals(0x09, read(0x00));
        write(0x0a, 0x26);
        runTo(10 * S + 799 * MS);
        assertEquals(0x09, read(0x00));
        runTo(10 * S + 800 * MS);
        assertEquals(0x10, read(0x00));
    }

    @Test
    void cmosMemoryFieldsForTheRamSize() {
        assertEquals(640, read(0x15) | read(0x16) << 8);
        assertEquals(63 * 1024, read(0x17) | read(0x18) << 8);
        assertEquals(63 * 1024, read(0x30) | read(0x31) << 8);
        assertEquals(48 * 16, read(0x34) | read(0x35) << 8);
        int sum = 0;
        for (int i = 0x10; i <= 0x2d; i++) sum += read(i);
        assertEquals(sum, read(0x2e) << 8 | read(0x2f));
        Mc146818 big = new Mc146818(irq8, timers, START, 3L << 30);
        assertEquals(0xffff, big.cmosByte(0x17) | big.cmosByte(0x18) << 8, "capped");
        assertEquals((3072 - 16) * 16, big.cmosByte(0x34) | big.cmosByte(0x35) << 8);
    }

    @Test
    void nvramNmiMaskAndReadOnlyRegisters() {
        write(0x40, 0x5a);
        assertEquals(0x5a, read(0x40));
        rtc.write(0, 1, 0x80 | 0x40);
        assertTrue(rtc.nmiMasked());
        assertEquals(0x5a, rtc.read(1, 1), "bit 7 is the NMI mask, not part of the index");
        rtc.write(0, 1, 0x40);
        assertFalse(rtc.nmiMasked());
        assertEquals(0xff, rtc.read(0, 1), "index port is write-only");
        write(0x0d, 0);
        assertEquals(0x80, read(0x0d));
        write(0x0c, 0xff);
        assertEquals(0, read(0x0c) & 0x80);
    }

    @Test
    void anyValueAnyWidthNeverThrows() {
        for (int v = 0; v < 256; v++) {
            for (int reg = 0; reg < 0x0e; reg++) {
                rtc.write(0, 2, (v << 8) | reg);
                rtc.read(0, 4);
            }
            rtc.write(0, 1, 0x32);
            rtc.write(1, 1, v);
            runTo(clock.nanos() + 3 * MS);
        }
        write(0x0b, 0x02);
        write(0x0a, 0x26);
        read(0x00);
    }
}
