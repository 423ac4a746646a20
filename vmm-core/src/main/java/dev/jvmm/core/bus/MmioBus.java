package dev.jvmm.core.bus;

import java.util.Map;
import java.util.TreeMap;

/**
 * Memory-mapped device windows in guest physical space: sorted, non-overlapping ranges looked up
 * with a floor search. {@code GuestMemory} sends accesses to pages it knows are MMIO here; an
 * address inside an MMIO hole that no device claims reads as all ones.
 */
public final class MmioBus {
    private record Range(long base, long length, MmioDevice device) {}

    private final TreeMap<Long, Range> ranges = new TreeMap<>();
    private long unclaimedAccesses;
    /** Reads and writes a device answered: lockstep treats a unit that made any like one that did port I/O. */
    private long deviceAccesses;
    /** The machine's device lock, or null: accesses run unsynchronized. */
    private Object deviceLock;

    public synchronized void register(long base, long length, MmioDevice device) {
        if (length <= 0 || base < 0 || base + length < base) {
            throw new BusRangeException(String.format("MMIO range 0x%x+0x%x is invalid", base, length));
        }
        Map.Entry<Long, Range> below = ranges.floorEntry(base + length - 1);
        if (below != null && below.getValue().base + below.getValue().length > base) {
            Range r = below.getValue();
            throw new BusRangeException(String.format("MMIO 0x%x-0x%x for %s overlaps 0x%x-0x%x of %s", base,
                    base + length - 1, device.name(), r.base, r.base + r.length - 1, r.device.name()));
        }
        ranges.put(base, new Range(base, length, device));
    }

    /** Removes the range that starts at {@code base}; returns its device (null if none starts there). */
    public synchronized MmioDevice unregister(long base) {
        Range r = ranges.remove(base);
        return r == null ? null : r.device;
    }

    /** The length of the range that starts at {@code base}, or 0. */
    public synchronized long lengthAt(long base) {
        Range r = ranges.get(base);
        return r == null ? 0 : r.length;
    }

    private Range find(long address) {
        Map.Entry<Long, Range> e = ranges.floorEntry(address);
        if (e == null) return null;
        Range r = e.getValue();
        return address - r.base < r.length ? r : null;
    }

    /** True if some device claims {@code address}. */
    public boolean claims(long address) {
        return find(address) != null;
    }

    /** Every access from now on holds {@code lock} while the device runs (see {@code PortBus.setDeviceLock}). */
    public void setDeviceLock(Object lock) {
        this.deviceLock = lock;
    }

    public long read(long address, int size) {
        Object lock = deviceLock;
        if (lock == null) return readUnlocked(address, size);
        synchronized (lock) {
            return readUnlocked(address, size);
        }
    }

    private long readUnlocked(long address, int size) {
        Range r = find(address);
        if (r == null) {
            unclaimedAccesses++;
            return size == 8 ? -1L : (1L << (size * 8)) - 1;
        }
        deviceAccesses++;
        return r.device.read(address - r.base, size);
    }

    public void write(long address, int size, long value) {
        Object lock = deviceLock;
        if (lock == null) {
            writeUnlocked(address, size, value);
            return;
        }
        synchronized (lock) {
            writeUnlocked(address, size, value);
        }
    }

    private void writeUnlocked(long address, int size, long value) {
        Range r = find(address);
        if (r == null) {
            unclaimedAccesses++;
            return;
        }
        deviceAccesses++;
        r.device.write(address - r.base, size, value);
    }

    public long deviceAccesses() {
        return deviceAccesses;
    }

    public long unclaimedAccesses() {
        return unclaimedAccesses;
    }
}
