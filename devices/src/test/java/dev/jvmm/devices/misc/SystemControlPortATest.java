package dev.jvmm.devices.misc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.engine.StopReason;
import dev.jvmm.core.engine.StopRequest;
import dev.jvmm.core.memory.GuestMemory;
import org.junit.jupiter.api.Test;

class SystemControlPortATest {
    @Test
    void fastA20AndReset() {
        try (GuestMemory memory = GuestMemory.create(GuestMemory.MIN_RAM)) {
            StopRequest stop = new StopRequest();
            SystemControlPortA port = new SystemControlPortA(memory, stop);
            assertEquals(0x02, port.read(0, 1), "A20 on as jvmm boots");
            port.write(0, 1, port.read(0, 1) & ~0x02);
            assertFalse(memory.a20Enabled());
            memory.write8(0x100005, 0x77);
            assertEquals(0x77, memory.read8(0x5), "wrapped at 1 MiB");
            port.write(0, 1, port.read(0, 1) | 0x02); // the usual in/or/out sequence
            assertTrue(memory.a20Enabled());
            assertNull(stop.reason());
            port.write(0, 1, 0x03);
            assertInstanceOf(StopReason.Reset.class, stop.reason());
        }
    }

    @Test
    void otherBitsAreStoredAndBit1FollowsTheSharedGate() {
        try (GuestMemory memory = GuestMemory.create(GuestMemory.MIN_RAM)) {
            StopRequest stop = new StopRequest();
            SystemControlPortA port = new SystemControlPortA(memory, stop);
            port.write(0, 1, 0xc2);
            assertEquals(0xc2, port.read(0, 1));
            memory.setA20Enabled(false); // e.g. through the i8042 output port
            assertEquals(0xc0, port.read(0, 1));
            assertNull(stop.reason());
        }
    }
}
