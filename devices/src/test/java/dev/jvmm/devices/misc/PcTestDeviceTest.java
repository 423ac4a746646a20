package dev.jvmm.devices.misc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.bus.MmioDevice;
import dev.jvmm.core.bus.PortDevice;
import dev.jvmm.core.irq.GsiRouting;
import org.junit.jupiter.api.Test;

/** pc-testdev as QEMU's hw/misc/pc-testdev.c behaves. */
class PcTestDeviceTest {
    private final GsiRouting gsis = new GsiRouting(24);
    private final PcTestDevice dev = new PcTestDevice(gsis);
    private final PortDevice ports = dev.ports();

    @Test
    void scratchRegisterAtAnyWidthAndOffset() {
        ports.write(0, 4, 0x1234_5678);
        assertEquals(0x1234_5678, ports.read(0, 4));
        assertEquals(0x34, ports.read(2, 1) & 0xFF);
        ports.write(1, 1, 0xAB);
        assertEquals(0x1234_AB78, ports.read(0, 4));
        assertEquals(0x78, ports.read(8, 1) & 0xFF, "0xe8 is the same register, byte-wise");
        ports.write(9, 1, 0xCD);
        assertEquals(0x1234_CD78, ports.read(0, 4));
        ports.write(4, 4, 0x1000); // flush page: no effect on the register
        assertEquals(0x1234_CD78, ports.read(0, 4));
    }

    @Test
    void irqPortsDriveGsis() {
        dev.irqPorts().write(0x0e, 1, 1);
        assertTrue(gsis.level(14));
        dev.irqPorts().write(0x0e, 1, 0);
        assertFalse(gsis.level(14));
        dev.irqPorts().write(0x17, 1, 2);
        assertTrue(gsis.level(23), "any non-zero value asserts");
    }

    @Test
    void iomemStoresBytes() {
        MmioDevice mem = dev.iomem();
        mem.write(0x100, 4, 0xDEAD_BEEFL);
        assertEquals(0xDEAD_BEEFL, mem.read(0x100, 4));
        assertEquals(0xBE, mem.read(0x101, 1));
    }
}
