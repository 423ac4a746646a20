package dev.jvmm.core.bus;

/**
 * A device on the I/O port bus. It sees offsets from the start of its range, never absolute ports,
 * so one model serves COM1 and COM2 alike. Accesses are 1, 2 or 4 bytes wide; values are
 * zero-extended in the low {@code size * 8} bits. A device must never throw for a guest access:
 * unknown registers read as the hardware would (often all ones) and writes to them are ignored.
 */
public interface PortDevice {
    /** Reads {@code size} (1, 2 or 4) bytes at {@code offset}; the result's upper bits are ignored. */
    int read(int offset, int size);

    /** Writes the low {@code size} bytes of {@code value} at {@code offset}. */
    void write(int offset, int size, int value);

    /** A short name for traces and statistics, e.g. "uart-16550a". */
    default String name() {
        return getClass().getSimpleName();
    }
}
