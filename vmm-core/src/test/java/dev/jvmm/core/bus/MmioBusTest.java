package dev.jvmm.core.bus;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class MmioBusTest {
    static final class Echo implements MmioDevice {
        long last;
        @Override public long read(long offset, int size) { return offset; }
        @Override public void write(long offset, int size, long value) { last = value; }
    }

    @Test
    void findsTheDeviceByFloorSearchAndRejectsOverlaps() {
        MmioBus bus = new MmioBus();
        Echo a = new Echo(), b = new Echo();
        bus.register(0xFEC00000L, 0x1000, a);
        bus.register(0xFEE00000L, 0x1000, b);
        assertEquals(0x20, bus.read(0xFEC00020L, 4));
        bus.write(0xFEE00010L, 4, 99);
        assertEquals(99, b.last);
        assertEquals(0xFFFFFFFFL, bus.read(0xFED00000L, 4));
        assertEquals(-1L, bus.read(0x10, 8));
        assertEquals(2, bus.unclaimedAccesses());
        assertEquals(2, bus.deviceAccesses());
        assertThrows(BusRangeException.class, () -> bus.register(0xFEC00800L, 0x1000, new Echo()));
        assertThrows(BusRangeException.class, () -> bus.register(0xFEBFF000L, 0x2000, new Echo()));
    }
}
