package dev.jvmm.devices.serial;

/**
 * A bounded lock-free byte queue from input threads (a console reader) to the vCPU thread.
 *
 * <p>A single-consumer ring: {@link #poll()} runs only on the vCPU thread and takes no lock.
 * Producers serialise among themselves on the inbox's monitor (there is usually one, the console
 * thread), so the consumer never waits for them. {@code head} and {@code tail} are volatile: a
 * producer writes the byte, then publishes it by moving {@code tail}; the consumer reads the byte,
 * then frees the slot by moving {@code head}.
 */
public final class ByteInbox {
    private final byte[] ring;
    private final int mask;
    private volatile long head; // next slot to read, written by the consumer only
    private volatile long tail; // next slot to write, written by producers only (under the monitor)

    /** {@code capacity} is rounded up to a power of two. */
    public ByteInbox(int capacity) {
        int size = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
        ring = new byte[size];
        mask = size - 1;
    }

    /** Thread-safe: appends as many of {@code data[off, off+len)} as fit; returns how many were taken. */
    public synchronized int offer(byte[] data, int off, int len) {
        long t = tail;
        int free = (int) (ring.length - (t - head));
        int n = Math.min(free, len);
        for (int i = 0; i < n; i++) ring[(int) (t + i) & mask] = data[off + i];
        tail = t + n;
        return n;
    }

    /** Consumer only: the next byte (0..255), or -1 if empty. */
    public int poll() {
        long h = head;
        if (h == tail) return -1;
        int b = ring[(int) h & mask] & 0xFF;
        head = h + 1;
        return b;
    }

    /** Bytes waiting (a snapshot). */
    public int size() {
        return (int) (tail - head);
    }

    public boolean isEmpty() {
        return head == tail;
    }
}
