package dev.jvmm.devices;

import dev.jvmm.core.bus.PortDevice;

/**
 * Base for ISA devices with 8-bit registers. The PC's ISA bus splits a 16- or 32-bit {@code IN}/{@code OUT}
 * to an 8-bit device into consecutive byte cycles at rising ports (low byte first), so a word access to
 * COM1+0 touches THR and IER. This class does that split, so subclasses only see byte accesses;
 * bytes that fall beyond the device's range read as the floating bus (0xFF) and writes to them vanish.
 */
public abstract class ByteRegisterDevice implements PortDevice {
    private final int length;

    /** {@code length} = number of ports the device decodes. */
    protected ByteRegisterDevice(int length) {
        this.length = length;
    }

    /** Number of ports decoded; register the device with this length. */
    public final int length() {
        return length;
    }

    /** Reads the 8-bit register at {@code offset} (0 .. length-1); must not throw. */
    protected abstract int readByte(int offset);

    /** Writes the 8-bit register at {@code offset} (0 .. length-1); {@code value} is 0..255; must not throw. */
    protected abstract void writeByte(int offset, int value);

    @Override
    public final int read(int offset, int size) {
        int value = 0;
        for (int i = 0; i < clampSize(size); i++) {
            int port = offset + i;
            int b = port >= 0 && port < length ? readByte(port) & 0xFF : 0xFF;
            value |= b << (8 * i);
        }
        return value;
    }

    @Override
    public final void write(int offset, int size, int value) {
        for (int i = 0; i < clampSize(size); i++) {
            int port = offset + i;
            if (port >= 0 && port < length) writeByte(port, (value >>> (8 * i)) & 0xFF);
        }
    }

    private static int clampSize(int size) {
        return size == 2 || size == 4 ? size : 1;
    }
}
