package dev.jvmm.launcher.gdb;

import static org.junit.jupiter.api.Assertions.*;

import dev.jvmm.core.engine.DebugWatchpoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class DebugRegisterWatchTest {
    @Test
    void anUnalignedRangeBecomesTheLargestAlignedPieces() {
        var w = new GdbSession.Watchpoint(GdbSession.Watchpoint.WRITE, 0x1003, 6); // 0x1003..0x1008
        assertEquals(List.of(new DebugWatchpoint(0x1003, 1, true), new DebugWatchpoint(0x1004, 4, true), new DebugWatchpoint(0x1008, 1, true)),
                DebugRegisterWatch.pieces(w));
    }

    @Test
    void slotsMapBackToTheirWatchpointAndFiveDoNotFit() {
        var a = new GdbSession.Watchpoint(GdbSession.Watchpoint.READ, 0x2000, 8);
        var b = new GdbSession.Watchpoint(GdbSession.Watchpoint.ACCESS, 0x3001, 3); // 1 + 2 bytes
        assertEquals(0b001, DebugRegisterWatch.slotMask(List.of(a, b), 0));
        assertEquals(0b110, DebugRegisterWatch.slotMask(List.of(a, b), 1));
        assertTrue(DebugRegisterWatch.fits(List.of(a, b)));
        assertFalse(DebugRegisterWatch.fits(List.of(a, b, new GdbSession.Watchpoint(GdbSession.Watchpoint.WRITE, 0x4001, 2))));
        assertFalse(DebugRegisterWatch.slots(List.of(b)).getFirst().writesOnly(), "DR7 has no read-only kind");
    }

    @Test
    void dr7BitsFollowTheSdmEncoding() {
        // slot 1, 4 bytes, writes: L1 (bit 2), R/W1 = 01 (bits 20-21), LEN1 = 11 (bits 22-23)
        assertEquals((1L << 2) | (0b01L << 20) | (0b11L << 22), new DebugWatchpoint(0x1000, 4, true).dr7Bits(1));
        // slot 3, 8 bytes, reads and writes: L3 (bit 6), R/W3 = 11 (bits 28-29), LEN3 = 10 (bits 30-31)
        assertEquals((1L << 6) | (0b11L << 28) | (0b10L << 30), new DebugWatchpoint(0x1000, 8, false).dr7Bits(3));
        assertThrows(IllegalArgumentException.class, () -> new DebugWatchpoint(0x1002, 4, true));
    }
}
