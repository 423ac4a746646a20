package dev.jvmm.devices.serial;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A sink that keeps every byte in memory: for tests and for reading a guest's output after a run. */
public final class CapturingSink implements SerialSink {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
        bytes.write(b);
    }

    /** Everything written so far. */
    public synchronized byte[] bytes() {
        return bytes.toByteArray();
    }

    /** Everything written so far, decoded as ISO-8859-1 (one char per byte, never fails). */
    public synchronized String text() {
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    public synchronized void clear() {
        bytes.reset();
    }
}
