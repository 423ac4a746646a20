package dev.jvmm.devices.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;

class AsyncStreamSinkTest {
    @Test
    void everyByteReachesTheStreamAfterFlush() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] expected = new byte[200_000]; // more than the queue holds: write must wait, not drop
        try (AsyncStreamSink sink = new AsyncStreamSink(out, "test-sink")) {
            for (int i = 0; i < expected.length; i++) {
                expected[i] = (byte) (i * 7);
                sink.write(expected[i] & 0xff);
            }
            sink.flush();
            synchronized (out) {
                assertArrayEquals(expected, out.toByteArray());
            }
        }
    }

    @Test
    void failingStreamIsReportedNotThrown() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("disk full");
            }
        };
        try (AsyncStreamSink sink = new AsyncStreamSink(broken, "broken-sink")) {
            sink.write('a');
            sink.flush();
            assertTrue(sink.failed());
            sink.write('b'); // ignored, no exception
        }
    }
}
