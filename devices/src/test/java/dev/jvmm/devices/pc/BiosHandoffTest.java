package dev.jvmm.devices.pc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.clock.TimerQueue;
import dev.jvmm.core.clock.VirtualClock;
import dev.jvmm.core.memory.GuestMemory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BiosHandoffTest {
    private final GuestMemory memory = GuestMemory.create(16L << 20);
    private final VirtualClock clock = new VirtualClock(1);
    private final TimerQueue timers = new TimerQueue(clock);
    private final PcBoard board = PcBoard.create(memory, timers, PcBoard.Options.defaults());

    @AfterEach
    void close() {
        memory.close();
    }

    @Test
    void picIsProgrammedAsSeaBiosLeavesIt() {
        BiosHandoff.apply(board.ports(), memory);
        assertEquals(0xFA, board.pic().master().read(1, 1), "master IMR: IRQ0 and the cascade open");
        assertEquals(0xFF, board.pic().slave().read(1, 1), "slave IMR: all masked");
        board.gsis().line(1).set(true); // IRQ1 is masked: nothing reaches the CPU
        assertFalse(board.pic().interruptPending());
        board.ports().write(0xA1, 1, ~(1 << 3) & 0xFF); // unmask IRQ11: vector 0x70 + 3
        board.gsis().line(11).set(true);
        assertTrue(board.pic().interruptPending());
        assertEquals(0x73, board.pic().acknowledge());
    }

    @Test
    void pitTicksIrq0At18Hz() {
        BiosHandoff.apply(board.ports(), memory);
        long period = 65536L * 1_000_000_000L / 1_193_182; // 54.9 ms
        clock.instructionsRetired(period - 1_000_000);
        timers.runDue();
        long before = board.pit().interruptCount();
        clock.instructionsRetired(2_000_000);
        timers.runDue();
        assertEquals(before + 1, board.pit().interruptCount(), "one IRQ0 pulse per 65536 PIT clocks");
        assertTrue(board.pic().interruptPending());
        assertEquals(0x08, board.pic().acknowledge());
    }

    @Test
    void ivtPointsIntoTheHandlers() {
        BiosHandoff.apply(board.ports(), memory);
        int timer = memory.read32(8 * 4), master = memory.read32(9 * 4), slave = memory.read32(0x73 * 4);
        int other = memory.read32(0x10 * 4);
        assertEquals(0xF000, timer >>> 16);
        assertEquals(BiosHandoff.HANDLERS + BiosHandoff.TIMER_OFFSET, 0xF0000L + (timer & 0xFFFF));
        assertEquals(BiosHandoff.HANDLERS + BiosHandoff.MASTER_EOI_OFFSET, 0xF0000L + (master & 0xFFFF));
        assertEquals(BiosHandoff.HANDLERS + BiosHandoff.SLAVE_EOI_OFFSET, 0xF0000L + (slave & 0xFFFF));
        assertEquals(0xCF, memory.read8(0xF0000L + (other & 0xFFFF)), "other vectors: IRET");
        assertEquals(0xCF, memory.read8(BiosHandoff.HANDLERS + BiosHandoff.TIMER_OFFSET + 22), "the tick handler ends in IRET");
        assertEquals(0x3F8, memory.read16(BiosHandoff.BDA_COM1));
        assertEquals(639, memory.read16(BiosHandoff.BDA_MEMORY_KIB));
        assertTrue(BiosHandoff.HANDLERS > board.acpi().end(), "the handlers sit above the ACPI tables");
    }
}
