package dev.jvmm.core.bus;

import dev.jvmm.core.jfr.PortIoEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The x86 I/O port space (64 Ki byte-wide ports) as sorted, non-overlapping device ranges.
 *
 * <p>Registration keeps a sorted list (overlaps are rejected); dispatch uses a flat 64 Ki table of
 * range indices, so an {@code IN}/{@code OUT} costs one array load. Ports nobody owns read as all
 * ones (the ISA bus floats high) and writes to them vanish; both are counted per port so that
 * {@code --stats} can show what a guest poked at.
 */
public final class PortBus {
    /** The number of ports. */
    public static final int PORT_COUNT = 0x10000;

    /** A device's ports; {@code accesses} counts its INs and OUTs (written by the vCPU thread, read by monitors). */
    private static final class Range {
        final int base, length;
        final PortDevice device;
        volatile long accesses;

        Range(int base, int length, PortDevice device) {
            this.base = base;
            this.length = length;
            this.device = device;
        }
    }

    private final TreeMap<Integer, Range> ranges = new TreeMap<>();
    private final Range[] byPort = new Range[PORT_COUNT];
    private final AtomicLongArray unownedAccesses = new AtomicLongArray(PORT_COUNT);
    private PortTrace trace = PortTrace.NONE;
    /** The machine's device lock ({@link #setDeviceLock}), or null: accesses run unsynchronized. */
    private Object deviceLock;

    /** Attaches {@code device} to ports {@code [base, base + length)}. */
    public synchronized void register(int base, int length, PortDevice device) {
        if (length <= 0 || base < 0 || base + length > PORT_COUNT) {
            throw new BusRangeException(String.format("port range 0x%x+%d is outside 0..0xffff", base, length));
        }
        Map.Entry<Integer, Range> below = ranges.floorEntry(base + length - 1);
        if (below != null && below.getValue().base + below.getValue().length > base) {
            Range r = below.getValue();
            throw new BusRangeException(String.format("ports 0x%x-0x%x for %s overlap 0x%x-0x%x of %s", base,
                    base + length - 1, device.name(), r.base, r.base + r.length - 1, r.device.name()));
        }
        Range range = new Range(base, length, device);
        ranges.put(base, range);
        for (int p = base; p < base + length; p++) {
            byPort[p] = range;
        }
    }

    /** Installs an observer of every access (used by {@code --trace io}); {@link PortTrace#NONE} removes it. */
    public void setTrace(PortTrace trace) {
        this.trace = trace;
    }

    /**
     * Every access from now on holds {@code lock} while the device runs, so several vCPU threads can
     * share the devices (the machine's one device lock, {@code TimerQueue.deviceLock()}).
     */
    public void setDeviceLock(Object lock) {
        this.deviceLock = lock;
    }

    /** An {@code IN} of {@code size} bytes; the result is zero-extended. */
    public int read(int port, int size) {
        Object lock = deviceLock;
        if (lock == null) return readUnlocked(port, size);
        synchronized (lock) {
            return readUnlocked(port, size);
        }
    }

    private int readUnlocked(int port, int size) {
        port &= 0xFFFF;
        Range r = byPort[port];
        int value;
        if (r == null) {
            unownedAccesses.incrementAndGet(port);
            value = mask(-1, size);
        } else {
            value = mask(r.device.read(port - r.base, size), size);
            r.accesses++; // one writer (the vCPU thread): a plain increment of the volatile is enough
        }
        if (trace != PortTrace.NONE) trace.access(port, size, false, value);
        sample(port, size, false, value, r);
        return value;
    }

    /** An {@code OUT} of the low {@code size} bytes of {@code value}. */
    public void write(int port, int size, int value) {
        Object lock = deviceLock;
        if (lock == null) {
            writeUnlocked(port, size, value);
            return;
        }
        synchronized (lock) {
            writeUnlocked(port, size, value);
        }
    }

    private void writeUnlocked(int port, int size, int value) {
        port &= 0xFFFF;
        value = mask(value, size);
        if (trace != PortTrace.NONE) trace.access(port, size, true, value);
        Range r = byPort[port];
        sample(port, size, true, value, r);
        if (r == null) {
            unownedAccesses.incrementAndGet(port);
            return;
        }
        r.accesses++;
        r.device.write(port - r.base, size, value);
    }

    /** A {@code jvmm.PortIo} JFR event, where a recording wants one (the event is throttled). */
    private static void sample(int port, int size, boolean write, int value, Range r) {
        PortIoEvent event = new PortIoEvent();
        if (!event.shouldCommit()) return;
        event.port = port;
        event.size = size;
        event.write = write;
        event.value = value;
        event.device = r == null ? "unowned" : r.device.name();
        event.commit();
    }

    /** Accesses so far per device, in port order: {@code out} gets each device's name and count (live counters). */
    public void accessCounts(java.util.function.ObjLongConsumer<String> out) {
        Range[] all;
        synchronized (this) {
            all = ranges.values().toArray(Range[]::new);
        }
        for (Range r : all) out.accept(r.device.name(), r.accesses);
    }

    /** String input ({@code INS}): {@code count} reads of {@code size} bytes into {@code values}. */
    public void readString(int port, int size, int[] values, int count) {
        for (int i = 0; i < count; i++) values[i] = read(port, size);
    }

    /** String output ({@code OUTS}): {@code count} writes of {@code size} bytes from {@code values}. */
    public void writeString(int port, int size, int[] values, int count) {
        for (int i = 0; i < count; i++) write(port, size, values[i]);
    }

    /** The device owning {@code port}, or {@code null}. */
    public PortDevice deviceAt(int port) {
        Range r = byPort[port & 0xFFFF];
        return r == null ? null : r.device;
    }

    /** Ports that were accessed with no device attached, with their access counts, in port order. */
    public List<long[]> unownedAccesses() {
        List<long[]> out = new ArrayList<>();
        for (int p = 0; p < PORT_COUNT; p++) {
            long n = unownedAccesses.get(p);
            if (n != 0) out.add(new long[] {p, n});
        }
        return out;
    }

    /** A listing of the registered ranges, for {@code --stats} and docs. */
    public synchronized String describe() {
        StringBuilder sb = new StringBuilder();
        for (Range r : ranges.values()) {
            sb.append(String.format("  0x%04x-0x%04x  %s%n", r.base, r.base + r.length - 1, r.device.name()));
        }
        return sb.toString();
    }

    static int mask(int value, int size) {
        return switch (size) {
            case 1 -> value & 0xFF;
            case 2 -> value & 0xFFFF;
            case 4 -> value;
            default -> throw new IllegalArgumentException("port access size must be 1, 2 or 4: " + size);
        };
    }
}
