package dev.jvmm.devices.misc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jvmm.core.engine.StopReason;
import dev.jvmm.core.engine.StopRequest;
import org.junit.jupiter.api.Test;

class DebugExitPortTest {
    @Test
    void writeRequestsDebugExitWithTheValueAndQemuStatus() {
        StopRequest stop = new StopRequest();
        DebugExitPort port = new DebugExitPort(stop);
        assertNull(stop.reason());
        port.read(0, 1);
        assertNull(stop.reason(), "reads do nothing");
        port.write(0, 1, 0x10);
        StopReason.DebugExit exit = (StopReason.DebugExit) stop.reason();
        assertEquals(0x10, exit.value());
        assertEquals(0x21, exit.exitStatus());
        port.write(0, 4, 0x99);
        assertEquals(0x10, ((StopReason.DebugExit) stop.reason()).value(), "first reason wins");
    }
}
