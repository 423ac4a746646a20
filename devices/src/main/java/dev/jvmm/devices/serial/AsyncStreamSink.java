package dev.jvmm.devices.serial;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.LockSupport;

/**
 * A sink that never makes the vCPU wait for a terminal or a file: bytes go into a
 * {@link ByteInbox} and a daemon thread copies them to the stream, flushing whenever it catches up.
 * Only when 64 KiB are already waiting does {@link #write} wait for room (output is never dropped).
 * An {@link IOException} from the stream stops the copying and is counted, not thrown at the guest.
 */
public final class AsyncStreamSink implements SerialSink, AutoCloseable {
    private static final int CAPACITY = 64 * 1024;

    private final ByteInbox queue = new ByteInbox(CAPACITY);
    private final OutputStream out;
    private final Thread writer;
    private final byte[] one = new byte[1];
    private volatile boolean sleeping;
    private volatile boolean closed;
    private volatile boolean failed;
    private volatile long offered;
    private volatile long copied;

    /** Starts the writer thread; {@code name} names it (e.g. "com1-out"). */
    public AsyncStreamSink(OutputStream out, String name) {
        this.out = out;
        this.writer = Thread.ofPlatform().daemon().name(name).unstarted(this::copyLoop);
        writer.start();
    }

    /** A sink for the process's standard output. */
    public static AsyncStreamSink stdout() {
        return new AsyncStreamSink(System.out, "serial-stdout");
    }

    @Override
    public void write(int b) {
        if (failed || closed) return;
        one[0] = (byte) b;
        while (queue.offer(one, 0, 1) == 0) {
            wakeWriter();
            Thread.onSpinWait();
            if (failed) return;
        }
        offered++;
        wakeWriter();
    }

    private void wakeWriter() {
        if (sleeping) {
            sleeping = false;
            LockSupport.unpark(writer);
        }
    }

    private void copyLoop() {
        byte[] chunk = new byte[4096];
        while (true) {
            int n = 0;
            int b;
            while (n < chunk.length && (b = queue.poll()) >= 0) chunk[n++] = (byte) b;
            try {
                if (n > 0) {
                    out.write(chunk, 0, n);
                    copied += n;
                    continue;
                }
                out.flush();
            } catch (IOException e) {
                failed = true;
                return;
            }
            if (closed) return;
            sleeping = true;
            if (queue.isEmpty() && !closed) LockSupport.parkNanos(this, 50_000_000L);
            sleeping = false;
        }
    }

    /** Waits (up to ten seconds, in case the reader of the stream is stuck) until everything written so far reached the stream. */
    @Override
    public void flush() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!failed && copied < offered && System.nanoTime() < deadline) {
            wakeWriter();
            LockSupport.parkNanos(1_000_000L);
        }
        try {
            out.flush();
        } catch (IOException e) {
            failed = true;
        }
    }

    /** True if the stream threw: output since then was discarded. */
    public boolean failed() {
        return failed;
    }

    /** Flushes, then stops the writer thread. Does not close the stream. */
    @Override
    public void close() {
        flush();
        closed = true;
        LockSupport.unpark(writer);
    }
}
