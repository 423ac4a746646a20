package dev.jvmm.devices.i8042;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.engine.StopReason;
import dev.jvmm.core.engine.StopRequest;
import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.devices.RecordingIrqLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class I8042ControllerTest {
    private final GuestMemory memory = GuestMemory.create(GuestMemory.MIN_RAM);
    private final StopRequest stop = new StopRequest();
    private final RecordingIrqLine irq1 = new RecordingIrqLine();
    private final RecordingIrqLine irq12 = new RecordingIrqLine();
    private final I8042Controller kbc = new I8042Controller(memory, stop, irq1, irq12);

    @AfterEach
    void close() {
        memory.close();
    }

    private int status() {
        return kbc.commandPort().read(0, 1);
    }

    private void command(int cmd) {
        kbc.commandPort().write(0, 1, cmd);
    }

    private void data(int value) {
        kbc.dataPort().write(0, 1, value);
    }

    /** As Linux's i8042_wait_read + read: the byte must be there at once (IBF never set). */
    private int readReply() {
        assertEquals(1, status() & 1, "output buffer full");
        return kbc.dataPort().read(0, 1);
    }

    @Test
    void selfTestAndInterfaceTests() {
        assertEquals(0, status() & 0x02, "input buffer never busy");
        command(0xaa);
        assertEquals(0x55, readReply());
        command(0xab);
        assertEquals(0x00, readReply());
        command(0xa9);
        assertEquals(0x00, readReply());
        assertEquals(0, status() & 1);
        assertEquals(0x04, status() & 0x04, "system flag");
    }

    @Test
    void commandByteReadWriteAndIrq1OnReplies() {
        command(0x20);
        assertTrue(irq1.level(), "controller replies interrupt when command byte bit 0 is set");
        assertEquals(0x45, readReply());
        assertFalse(irq1.level());
        command(0x60);
        assertEquals(0x08, status() & 0x08, "last write was a command");
        data(0x44); // interrupts off
        assertEquals(0, status() & 0x08);
        command(0x20);
        assertFalse(irq1.level());
        assertEquals(0x44, readReply());
        assertEquals(0x44, kbc.commandByte());
    }

    @Test
    void keyboardCommandsAnswerLikeAnAtKeyboard() {
        data(0xff);
        assertEquals(0xfa, readReply());
        assertEquals(0xaa, readReply());
        data(0xf2);
        assertEquals(0xfa, readReply());
        assertEquals(0xab, readReply());
        assertEquals(0x41, readReply(), "translated MF2 id");
        data(0xed);
        assertEquals(0xfa, readReply());
        data(0x07);
        assertEquals(0xfa, readReply());
        data(0xf0);
        data(0x00);
        assertEquals(0xfa, readReply());
        assertEquals(0xfa, readReply());
        assertEquals(0x02, readReply());
        data(0xf5);
        assertEquals(0xfa, readReply());
        assertFalse(kbc.keyboardScanning());
        data(0xee);
        assertEquals(0xee, readReply());
        data(0x12);
        assertEquals(0xfe, readReply(), "unknown: resend");
    }

    @Test
    void disableEnableKeyboardAndAux() {
        command(0xad);
        assertEquals(0x10, kbc.commandByte() & 0x10);
        command(0xae);
        assertEquals(0, kbc.commandByte() & 0x10);
        command(0xa7);
        assertEquals(0x20, kbc.commandByte() & 0x20);
        command(0xa8);
        assertEquals(0, kbc.commandByte() & 0x20);
    }

    @Test
    void auxLoopbackSetsAuxStatusAndIrq12() {
        command(0x60);
        data(0x47); // keyboard + aux interrupts
        command(0xd3);
        data(0x5a); // Linux i8042_check_aux loop test
        assertEquals(0x21, status() & 0x21);
        assertTrue(irq12.level());
        assertFalse(irq1.level());
        assertEquals(0x5a, readReply());
        assertFalse(irq12.level());
        command(0xd4);
        data(0xff); // to the (absent) mouse
        assertEquals(0, status() & 1, "no mouse answers");
        assertEquals(1, kbc.ignoredCount());
    }

    @Test
    void outputPortDrivesA20() {
        memory.write8(0, 0x11);
        memory.write8(1 << 20, 0x22);
        command(0xd0);
        assertEquals(0x03, readReply() & 0x03, "reset line high, A20 on");
        command(0xd1);
        data(0xdd); // A20 off
        assertFalse(memory.a20Enabled());
        assertEquals(0x11, memory.read8(1 << 20), "1 MiB wraps to 0");
        command(0xd0);
        assertEquals(0x01, readReply() & 0x03);
        command(0xd1);
        data(0xdf); // the classic A20 enable
        assertTrue(memory.a20Enabled());
        assertEquals(0x22, memory.read8(1 << 20));
        command(0xdd);
        assertFalse(memory.a20Enabled());
        command(0xdf);
        assertTrue(memory.a20Enabled());
        assertNull(stop.reason());
    }

    @Test
    void pulseResetCommandRequestsACpuReset() {
        command(0xff);
        assertNull(stop.reason(), "0xff pulses nothing");
        command(0xfe);
        StopReason.Reset reset = assertInstanceOf(StopReason.Reset.class, stop.reason());
        assertEquals("i8042", reset.source());
    }

    @Test
    void writingOutputPortWithResetLowResets() {
        command(0xd1);
        data(0xfc);
        assertInstanceOf(StopReason.Reset.class, stop.reason());
    }

    @Test
    void anyByteAnyWidthNeverThrows() {
        for (int v = 0; v < 256; v++) {
            if (v >= 0xf0 || v == 0xd1) continue; // those would reset, tested above
            kbc.commandPort().write(0, 4, v);
            kbc.dataPort().write(0, 2, 0xff00 | v);
            kbc.dataPort().read(0, 4);
            kbc.commandPort().read(0, 2);
        }
        assertNull(stop.reason());
    }
}
