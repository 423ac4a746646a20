package dev.jvmm.devices.pci;

import dev.jvmm.core.bus.PortDevice;
import dev.jvmm.core.engine.StopReason;
import dev.jvmm.core.engine.StopRequest;

/**
 * PCI configuration mechanism #1 at 0xcf8-0xcff (PCI Local Bus Specification 3.0, 3.2.2.3.2), plus
 * the PIIX reset control register at 0xcf9 that shares the range.
 *
 * <p>A 32-bit write to 0xcf8 sets CONFIG_ADDRESS: bit 31 enable, bits 23-16 bus, 15-11 device, 10-8
 * function, 7-2 dword register. Then accesses of any width to 0xcfc-0xcff reach that dword's bytes
 * (0xcfe with width 2 = bytes 2-3). Absent functions, and any data access with bit 31 clear, read as all
 * ones; writes there vanish. Only a 32-bit access to 0xcf8 touches CONFIG_ADDRESS; a byte access to 0xcf9
 * is the reset control register (bit 2 set = reset the system), other narrow accesses to 0xcf8-0xcfb go
 * nowhere (they would pass to ISA), as on the 440FX/PIIX.
 *
 * <p>Not emulated: configuration mechanism #2, extended (PCIe ECAM) configuration space, other buses.
 */
public final class PciConfigPorts implements PortDevice {
    public static final int BASE_PORT = 0xcf8, PORT_COUNT = 8;
    static final int ENABLE = 0x80000000;
    static final int RESET_CONTROL_OFFSET = 1, RESET_CPU = 0x04;

    private final PciBus bus;
    private final StopRequest stop;
    private int address;
    private int resetControl;

    public PciConfigPorts(PciBus bus, StopRequest stop) {
        this.bus = bus;
        this.stop = stop;
    }

    @Override
    public String name() {
        return "pci-config";
    }

    @Override
    public int read(int offset, int size) {
        if (offset < 4) {
            if (offset == 0 && size == 4) return address;
            if (offset == RESET_CONTROL_OFFSET && size == 1) return resetControl;
            return -1;
        }
        int byteInDword = offset - 4;
        PciFunction f = selected();
        if (f == null) return -1;
        if ((byteInDword & (size - 1)) == 0 && byteInDword + size <= 4) {
            return f.readConfig(register() + byteInDword, size);
        }
        int v = 0;
        for (int i = 0; i < size; i++) {
            int at = byteInDword + i;
            int b = at < 4 ? f.readConfig(register() + at, 1) & 0xff : 0xff;
            v |= b << (8 * i);
        }
        return v;
    }

    @Override
    public void write(int offset, int size, int value) {
        if (offset < 4) {
            if (offset == 0 && size == 4) {
                address = value & 0x80fffffc; // reserved bits 30-24 and 1-0 read 0
            } else if (offset == RESET_CONTROL_OFFSET && size == 1) {
                resetControl = value & 0x0e;
                if ((value & RESET_CPU) != 0) stop.request(new StopReason.Reset("port 0xcf9"));
            }
            return;
        }
        int byteInDword = offset - 4;
        PciFunction f = selected();
        if (f == null) return;
        if ((byteInDword & (size - 1)) == 0 && byteInDword + size <= 4) {
            f.writeConfig(register() + byteInDword, size, value);
        } else {
            // An unaligned access splits into byte cycles (only the ones inside 0xcfc-0xcff reach the function).
            for (int i = 0; i < size && byteInDword + i < 4; i++) {
                f.writeConfig(register() + byteInDword + i, 1, value >>> (8 * i));
            }
        }
    }

    private PciFunction selected() {
        if ((address & ENABLE) == 0) return null;
        return bus.find(address >>> 16 & 0xff, address >>> 11 & 0x1f, address >>> 8 & 7);
    }

    private int register() {
        return address & 0xfc;
    }
}
