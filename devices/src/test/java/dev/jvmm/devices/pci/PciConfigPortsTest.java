package dev.jvmm.devices.pci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jvmm.core.engine.StopReason;
import dev.jvmm.core.engine.StopRequest;
import org.junit.jupiter.api.Test;

class PciConfigPortsTest {
    private final PciBus bus = new PciBus();
    private final StopRequest stop = new StopRequest();
    private final PciConfigPorts ports = new PciConfigPorts(bus, stop);

    PciConfigPortsTest() {
        bus.attach(0, 0, new PciHostBridge());
    }

    private static int address(int bus, int dev, int fn, int reg) {
        return 0x80000000 | bus << 16 | dev << 11 | fn << 8 | reg;
    }

    private int readConfig(int bus, int dev, int fn, int reg, int size) {
        ports.write(0, 4, address(bus, dev, fn, reg & 0xfc));
        return ports.read(4 + (reg & 3), size);
    }

    @Test
    void linuxType1ProbeReadsBackTheAddressRegister() {
        ports.write(0, 4, 0x80000000);
        assertEquals(0x80000000, ports.read(0, 4));
        ports.write(0, 4, 0xffffffff);
        assertEquals(0x80fffffc, ports.read(0, 4), "reserved bits read 0");
    }

    @Test
    void hostBridgeIdentifiesAs440fx() {
        assertEquals(0x12378086, readConfig(0, 0, 0, 0x00, 4));
        assertEquals(0x8086, readConfig(0, 0, 0, 0x00, 2));
        assertEquals(0x1237, readConfig(0, 0, 0, 0x02, 2));
        assertEquals(0x06000002, readConfig(0, 0, 0, 0x08, 4), "class 06:00:00, revision 2");
        assertEquals(0x06, readConfig(0, 0, 0, 0x0b, 1));
        assertEquals(0x00, readConfig(0, 0, 0, 0x0e, 1), "header type 0, single function");
    }

    @Test
    void absentFunctionsAndDisabledAccessReadAllOnes() {
        assertEquals(0xffffffff, readConfig(0, 1, 0, 0, 4));
        assertEquals(0xffffffff, readConfig(0, 0, 1, 0, 4));
        assertEquals(0xffffffff, readConfig(1, 0, 0, 0, 4), "no bus 1");
        ports.write(0, 4, 0x00000000); // enable bit clear
        assertEquals(0xffffffff, ports.read(4, 4));
        ports.write(4, 4, 0x12345678);
        ports.write(0, 4, address(0, 1, 0, 0));
        ports.write(4, 4, 0); // vanishes
        assertEquals(0xffff, ports.read(6, 2) & 0xffff);
    }

    @Test
    void readOnlyIdsAndWritableRegisters() {
        ports.write(0, 4, address(0, 0, 0, 0));
        ports.write(4, 4, 0);
        assertEquals(0x12378086, ports.read(4, 4), "IDs are read-only");
        ports.write(0, 4, address(0, 0, 0, 0x0c));
        ports.write(5, 1, 0x40); // latency timer
        assertEquals(0x40, readConfig(0, 0, 0, 0x0d, 1));
        ports.write(0, 4, address(0, 0, 0, 0x58));
        ports.write(4, 4, 0x11223344); // 0x58 read-only here, 0x59-0x5b PAM
        assertEquals(0x11220000 | 0x3300, readConfig(0, 0, 0, 0x58, 4), "PAM bits 0x33 per byte take the write");
    }

    @Test
    void unalignedAndNarrowAccessesNeverThrow() {
        ports.write(0, 4, address(0, 0, 0, 0));
        assertEquals(0xff123780, ports.read(5, 4), "bytes 1-3 of 0x12378086, then the floating bus");
        ports.write(1, 2, 0x1234);
        ports.write(2, 1, 0x56);
        assertEquals(-1, ports.read(2, 1));
        ports.read(7, 4);
        ports.write(7, 4, -1);
    }

    @Test
    void resetControlRegisterAt0xcf9() {
        ports.write(1, 1, 0x02);
        assertNull(stop.reason());
        assertEquals(0x02, ports.read(1, 1));
        ports.write(1, 1, 0x06);
        assertInstanceOf(StopReason.Reset.class, stop.reason());
    }

    @Test
    void busRejectsDoubleAttach() {
        assertThrows(IllegalArgumentException.class, () -> bus.attach(0, 0, new PciHostBridge()));
        assertThrows(IllegalArgumentException.class, () -> bus.attach(32, 0, new PciHostBridge()));
    }
}
