package dev.jvmm.devices.acpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jvmm.core.clock.VirtualClock;
import dev.jvmm.core.engine.StopReason;
import dev.jvmm.core.engine.StopRequest;
import org.junit.jupiter.api.Test;

/** PM1 event/control and the PM timer as ACPI 6.5 section 4.8 describes them. */
class AcpiPmBlockTest {
    private final VirtualClock clock = new VirtualClock(1);
    private final StopRequest stop = new StopRequest();
    private final AcpiPmBlock pm = new AcpiPmBlock(clock, stop);

    @Test
    void pmTimerCountsAt3579545HzOfMachineTime() {
        assertEquals(0, pm.read(AcpiPmBlock.PM_TMR_OFFSET, 4));
        clock.instructionsRetired(1_000_000_000L); // one second at 1 ns per instruction
        assertEquals(3_579_545, pm.read(AcpiPmBlock.PM_TMR_OFFSET, 4));
        clock.instructionsRetired(1_000); // 1 us = 3.58 ticks
        assertEquals(3_579_548, pm.read(AcpiPmBlock.PM_TMR_OFFSET, 4));
        assertEquals(3_579_548 & 0xFFFF, pm.read(AcpiPmBlock.PM_TMR_OFFSET, 2), "a narrower read takes the low bytes");
        assertEquals((3_579_548 >>> 16) & 0xFF, pm.read(AcpiPmBlock.PM_TMR_OFFSET + 2, 1));
        pm.write(AcpiPmBlock.PM_TMR_OFFSET, 4, 0);
        assertEquals(3_579_548, pm.read(AcpiPmBlock.PM_TMR_OFFSET, 4), "the timer is read-only");
    }

    @Test
    void pmTimerWrapsAt32BitsWithoutOverflowingOnLongRuns() {
        long seconds = 4_000; // 4000 s * 3579545 Hz = 14,318,180,000 ticks: past 2^32, and nanos * Hz past 2^63
        clock.instructionsRetired(seconds * 1_000_000_000L);
        assertEquals((int) (seconds * AcpiPmBlock.PM_TIMER_HZ), pm.read(AcpiPmBlock.PM_TMR_OFFSET, 4));
    }

    @Test
    void sciEnReadsOneAndSlpEnReadsZero() {
        assertEquals(1, pm.read(AcpiPmBlock.PM1_CNT_OFFSET, 2), "always in ACPI mode (no SMI_CMD)");
        pm.write(AcpiPmBlock.PM1_CNT_OFFSET, 2, 0);
        assertEquals(1, pm.read(AcpiPmBlock.PM1_CNT_OFFSET, 2), "SCI_EN cannot be cleared");
        pm.write(AcpiPmBlock.PM1_CNT_OFFSET, 2, 3 << 10);
        assertEquals(1 | 3 << 10, pm.read(AcpiPmBlock.PM1_CNT_OFFSET, 2), "SLP_TYP is stored");
        assertNull(stop.reason(), "no SLP_EN, no sleep");
    }

    @Test
    void slpEnWithTheS5TypePowersOff() {
        int s5 = AcpiPmBlock.S5_SLEEP_TYPE << 10;
        pm.write(AcpiPmBlock.PM1_CNT_OFFSET, 2, s5 | 1); // Linux writes SLP_TYP first, then SLP_TYP | SLP_EN
        assertNull(stop.reason());
        pm.write(AcpiPmBlock.PM1_CNT_OFFSET, 2, s5 | 1 | 1 << 13);
        StopReason.PowerOff off = assertInstanceOf(StopReason.PowerOff.class, stop.reason());
        assertEquals("ACPI S5", off.source());
        assertEquals(0, pm.read(AcpiPmBlock.PM1_CNT_OFFSET, 2) & 1 << 13, "SLP_EN is write-only");
    }

    @Test
    void slpEnByByteWritesAlsoPowersOff() {
        int value = AcpiPmBlock.S5_SLEEP_TYPE << 10 | 1 << 13;
        pm.write(AcpiPmBlock.PM1_CNT_OFFSET + 1, 1, value >>> 8);
        assertInstanceOf(StopReason.PowerOff.class, stop.reason());
    }

    @Test
    void otherSleepTypesAreIgnoredAndCounted() {
        pm.write(AcpiPmBlock.PM1_CNT_OFFSET, 2, 1 << 10 | 1 << 13); // S1-ish: not offered by the DSDT
        assertNull(stop.reason());
        assertEquals(1, pm.ignoredSleepRequests());
    }

    @Test
    void eventBlockStatusReadsZeroEnableKeepsItsBits() {
        pm.write(AcpiPmBlock.PM1_EVT_OFFSET, 4, 0xFFFF_FFFF);
        assertEquals(0, pm.read(AcpiPmBlock.PM1_EVT_OFFSET, 2), "nothing sets a PM1_STS bit");
        assertEquals(AcpiPmBlock.PM1_EN_BITS, pm.read(AcpiPmBlock.PM1_EVT_OFFSET + 2, 2));
        assertEquals(0, pm.read(6, 2), "reserved");
    }
}
