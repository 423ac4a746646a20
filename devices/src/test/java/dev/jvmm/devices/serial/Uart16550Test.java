package dev.jvmm.devices.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.clock.TimerQueue;
import dev.jvmm.core.clock.VirtualClock;
import dev.jvmm.devices.RecordingIrqLine;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Uart16550Test {
    private final VirtualClock clock = new VirtualClock(1);
    private final TimerQueue timers = new TimerQueue(clock);
    private final RecordingIrqLine irq = new RecordingIrqLine();
    private final CapturingSink sink = new CapturingSink();
    private final Uart16550 uart = new Uart16550("com1", irq, timers, sink);

    private int in(int reg) {
        return uart.read(reg, 1);
    }

    private void out(int reg, int value) {
        uart.write(reg, 1, value);
    }

    private void input(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(b.length, uart.offerInput(b, 0, b.length));
        timers.runDue(); // the posted hand-over runs on the "vCPU thread"
    }

    /** Linux 8250 autoconfig: scratch test, IER test, loopback MSR test, FIFO detection through IIR. */
    @Test
    void linuxProbeSequenceIdentifies16550A() {
        out(7, 0xa5);
        assertEquals(0xa5, in(7));
        // autoconfig: IER reads back what was written in the low nibble, 0 after clearing.
        out(1, 0);
        assertEquals(0, in(1) & 0x0f);
        out(1, 0x0f);
        assertEquals(0x0f, in(1) & 0x0f);
        out(1, 0);
        // Loopback with RTS|OUT2 must show CTS|DCD in MSR's high nibble.
        out(4, 0x10 | 0x0a);
        assertEquals(0x90, in(6) & 0xf0);
        out(4, 0);
        // FIFO enable: IIR bits 7:6 = 11 identifies a 16550A.
        out(2, 0x01);
        assertEquals(0xc0, in(2) & 0xc0);
        out(2, 0);
        assertEquals(0x00, in(2) & 0xc0);
        // LCR: DLAB exposes the divisor latch; baud 115200 = divisor 1.
        out(3, 0x80);
        out(0, 0x01);
        out(1, 0x00);
        assertEquals(1, in(0));
        assertEquals(0, in(1));
        out(3, 0x03);
        assertEquals(0x03, in(3));
        assertEquals(0, in(1), "IER visible again once DLAB is clear");
        assertEquals(0x60, in(5), "idle: THRE and TEMT, no data");
        assertEquals(0x01, in(2), "no interrupt pending");
    }

    @Test
    void transmitGoesToTheSinkAndLeavesTransmitterEmpty() {
        for (char c : "hi\n".toCharArray()) {
            assertTrue((in(5) & 0x20) != 0);
            out(0, c);
        }
        assertEquals("hi\n", sink.text());
        assertEquals(0x60, in(5) & 0x60);
        assertEquals(3, uart.bytesTransmitted());
    }

    @Test
    void thrEmptyInterruptOnEnableClearedByIirReadAndRaisedByNextWrite() {
        out(1, 0x02);
        assertTrue(irq.level(), "enabling ETBEI with THR empty interrupts at once");
        assertEquals(0x02, in(2));
        assertFalse(irq.level(), "reading IIR reporting THRE acknowledges it");
        assertEquals(0x01, in(2));
        out(0, 'x');
        assertTrue(irq.level());
        assertEquals(2, irq.risingEdges());
        // Linux's UART_BUG_THRE test: disable then re-enable must re-assert.
        in(2);
        out(1, 0);
        out(1, 0x02);
        assertEquals(0x02, in(2) & 0x0f);
    }

    @Test
    void fifoFillsToTriggerLevelThenInterruptsAndDrainsInOrder() {
        out(2, 0x01 | 0x80); // FIFO on, trigger level 8
        out(1, 0x01);       // received-data interrupt
        input("abcdefg");    // 7 bytes: below trigger
        assertEquals(0xc1, in(2), "below trigger level: no RDA interrupt yet");
        assertEquals(0x61, in(5));
        input("h");
        assertEquals(0xc4, in(2), "RDA at trigger level");
        assertTrue(irq.level());
        StringBuilder got = new StringBuilder();
        while ((in(5) & 1) != 0) got.append((char) in(0));
        assertEquals("abcdefgh", got.toString());
        assertFalse(irq.level());
        assertEquals(0xc1, in(2));
    }

    @Test
    void inputBeyondFifoWaitsInInboxWithoutOverrun() {
        out(2, 0x07);
        String s = "0123456789abcdefghijklmnopqrstuvwxyz";
        input(s);
        assertEquals(s.length() - 16, uart.inputWaiting());
        StringBuilder got = new StringBuilder();
        while ((in(5) & 1) != 0) got.append((char) in(0));
        assertEquals(s, got.toString());
        assertEquals(0, uart.overruns());
    }

    @Test
    void characterTimeoutIndicatesDataBelowTriggerAfterFourCharacterTimes() {
        out(3, 0x80);
        out(0, 1); // 115200 baud
        out(1, 0);
        out(3, 0x03); // 8N1: 10 bits/char
        out(2, 0xc1); // trigger 14
        out(1, 0x01);
        input("ab");
        assertEquals(0xc1, in(2));
        long charNanos = 10 * 16 * 1_000_000_000L / 1_843_200; // 86805 ns
        assertEquals(charNanos, uart.characterNanos());
        clock.skipTo(4 * charNanos - 10);
        timers.runDue();
        assertEquals(0xc1, in(2), "not yet four character times");
        clock.skipTo(4 * charNanos + 1);
        timers.runDue();
        assertEquals(0xcc, in(2), "character timeout");
        assertTrue(irq.level());
        assertEquals('a', in(0));
        assertEquals(0xc1, in(2), "reading RBR clears the timeout indication");
        assertFalse(irq.level());
    }

    @Test
    void reEnablingReceiveInterruptWithDataWaitingRaisesTheLineAgain() {
        out(1, 0x01);
        input("a");
        assertTrue(irq.level());
        out(1, 0); // guest masks the UART interrupt (e.g. while it is busy)
        assertFalse(irq.level());
        input("b"); // with FIFOs off the holding register is full: 'b' waits in the inbox
        out(1, 0x01);
        assertTrue(irq.level(), "byte still waiting: the line must rise again");
        assertEquals(2, irq.risingEdges());
        assertEquals('a', in(0));
        assertEquals('b', in(0), "the waiting byte moves in when the holding register empties");
    }

    @Test
    void loopbackOverrunSetsLineStatusInterruptHighestPriority() {
        out(4, 0x10);
        out(1, 0x07); // RDA, THRE, RLS
        out(0, 'a');  // non-FIFO: one-byte holding register
        assertEquals(0x04, in(2), "RDA outranks THRE");
        out(0, 'b');  // overrun: 'b' lost
        assertEquals(0x06, in(2), "line status outranks everything");
        assertEquals(0x63, in(5), "DR + OE + THRE + TEMT");
        assertEquals(0x04, in(2), "reading LSR cleared the overrun");
        assertEquals(0x61, in(5));
        assertEquals('a', in(0));
        assertEquals(0x02, in(2), "only THRE remains");
        assertEquals("", sink.text(), "loopback output does not reach the line");
        assertEquals(1, uart.overruns());
    }

    @Test
    void fifoModeLoopbackOverrunAfterSixteenBytes() {
        out(4, 0x10);
        out(2, 0x01);
        for (int i = 0; i < 17; i++) out(0, 'A' + i);
        assertEquals(0x63, in(5));
        for (int i = 0; i < 16; i++) assertEquals('A' + i, in(0));
        assertEquals(0x60, in(5));
    }

    @Test
    void modemStatusDeltasAndInterruptInLoopback() {
        out(1, 0x08);
        out(4, 0x10); // loopback with all outputs off: CTS/DSR/DCD drop -> deltas
        assertEquals(0x00, in(2));
        assertEquals(0x0b, in(6), "DCTS, DDSR, DDCD; lines low");
        assertEquals(0x01, in(2));
        out(4, 0x10 | 0x04); // OUT1 -> RI rises: no TERI
        assertEquals(0x40, in(6));
        out(4, 0x10);        // RI falls: trailing edge
        assertEquals(0x04, in(6));
    }

    @Test
    void hostInputWaitsWhileInLoopbackAndArrivesAfterIt() {
        out(2, 0x01);
        out(4, 0x10);
        input("z");
        assertEquals(0x60, in(5), "the external line is cut off in loopback");
        assertEquals(1, uart.inputWaiting());
        out(4, 0x00);
        assertEquals(0x61, in(5));
        assertEquals('z', in(0));
    }

    @Test
    void fcrResetsReceiveFifo() {
        out(2, 0x01);
        input("xyz");
        out(2, 0x03);
        assertEquals(0x60, in(5));
    }

    @Test
    void wideAccessesSplitIntoBytesAndNeverThrow() {
        uart.write(3, 2, 0x0b03); // LCR=0x03, MCR=0x0b
        assertEquals(0x03, in(3));
        assertEquals(0x0b, in(4));
        assertEquals(0x0b03, uart.read(3, 2));
        assertEquals(0xff, uart.read(7, 2) >>> 8, "beyond the device: floating bus");
        uart.write(5, 1, 0); // LSR is read-only
        uart.read(9, 4);
        assertEquals(0x60, in(5));
    }
}
