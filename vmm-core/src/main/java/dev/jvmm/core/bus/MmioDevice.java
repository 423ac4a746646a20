package dev.jvmm.core.bus;

/**
 * A device mapped into guest physical address space. Like {@link PortDevice} it sees offsets from
 * the start of its window; accesses are 1, 2, 4 or 8 bytes. It must never throw for a guest access.
 */
public interface MmioDevice {
    long read(long offset, int size);

    void write(long offset, int size, long value);

    default String name() {
        return getClass().getSimpleName();
    }
}
