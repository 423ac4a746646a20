package dev.jvmm.core.bus;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortBusTest {
    static final class Recorder implements PortDevice {
        final List<String> log = new ArrayList<>();
        int value = 0x12345678;

        @Override public int read(int offset, int size) { log.add("in " + offset + "/" + size); return value; }
        @Override public void write(int offset, int size, int v) { log.add(String.format("out %d/%d=%x", offset, size, v)); }
    }

    @Test
    void devicesSeeOffsetsAndMaskedValues() {
        PortBus bus = new PortBus();
        Recorder uart = new Recorder();
        bus.register(0x3F8, 8, uart);
        assertEquals(0x78, bus.read(0x3FD, 1));
        assertEquals(0x5678, bus.read(0x3F8, 2));
        bus.write(0x3F9, 1, 0x1FF);
        assertEquals(List.of("in 5/1", "in 0/2", "out 1/1=ff"), uart.log);
        assertSame(uart, bus.deviceAt(0x3FF));
        assertNull(bus.deviceAt(0x400));
    }

    @Test
    void overlappingOrOutOfRangeRegistrationsAreRejected() {
        PortBus bus = new PortBus();
        bus.register(0x40, 4, new Recorder());
        BusRangeException e = assertThrows(BusRangeException.class, () -> bus.register(0x43, 2, new Recorder()));
        assertTrue(e.getMessage().contains("overlap"), e.getMessage());
        assertThrows(BusRangeException.class, () -> bus.register(0x3C, 5, new Recorder()));
        assertThrows(BusRangeException.class, () -> bus.register(0xFFFF, 2, new Recorder()));
        assertThrows(BusRangeException.class, () -> bus.register(0x10, 0, new Recorder()));
        bus.register(0x44, 1, new Recorder()); // adjacent is fine
        bus.register(0x3F, 1, new Recorder());
    }

    @Test
    void unownedPortsFloatHighAndAreCounted() {
        PortBus bus = new PortBus();
        assertEquals(0xFF, bus.read(0x1234, 1));
        assertEquals(0xFFFF, bus.read(0x1234, 2));
        assertEquals(-1, bus.read(0x1234, 4));
        bus.write(0x80, 1, 0x42);
        List<long[]> unowned = bus.unownedAccesses();
        assertEquals(2, unowned.size());
        assertArrayEquals(new long[] {0x80, 1}, unowned.get(0));
        assertArrayEquals(new long[] {0x1234, 3}, unowned.get(1));
    }

    @Test
    void stringIoRepeatsCountTimes() {
        PortBus bus = new PortBus();
        Recorder dev = new Recorder();
        bus.register(0x1F0, 8, dev);
        int[] buffer = new int[3];
        bus.readString(0x1F0, 2, buffer, 3);
        assertArrayEquals(new int[] {0x5678, 0x5678, 0x5678}, buffer);
        bus.writeString(0x1F0, 1, new int[] {1, 2}, 2);
        assertEquals(5, dev.log.size());
    }

    @Test
    void traceSeesEveryAccess() {
        PortBus bus = new PortBus();
        List<String> seen = new ArrayList<>();
        bus.setTrace((port, size, write, value) -> seen.add((write ? "w" : "r") + Integer.toHexString(port)));
        bus.write(0xF4, 4, 0);
        bus.read(0x61, 1);
        assertEquals(List.of("wf4", "r61"), seen);
    }
}
