package dev.jvmm.launcher.gdb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The framing of the GDB Remote Serial Protocol (gdb manual, "Overview" of Remote Protocol):
 * {@code $payload#cc} with a two-digit hex checksum (sum of the payload bytes mod 256), acknowledged
 * by {@code +} (or {@code -}: send again). A lone byte 0x03 outside a packet is an interrupt
 * (Ctrl-C in gdb).
 *
 * <p>Threads: a reader thread of its own drains the socket all the time, so an interrupt arrives
 * while the vCPU runs; it queues whole packets for the session thread ({@link #take}) and calls
 * {@code onInterrupt} for 0x03 and when the connection ends. {@link #send} is called by the session
 * thread only. TCP does not lose bytes, so a sent packet is not held back for its {@code +}; a
 * {@code -} resends the last one.
 */
final class PacketChannel implements AutoCloseable {
    /** What {@link #take()} returns once the connection has ended. */
    static final String CLOSED = "\0closed";

    private final AutoCloseable connection;
    private final OutputStream out;
    private final BlockingQueue<String> packets = new LinkedBlockingQueue<>();
    private final Runnable onInterrupt;
    private volatile boolean interrupted;
    private volatile boolean closed;
    private byte[] lastSent = new byte[0];

    PacketChannel(Socket socket, Runnable onInterrupt) throws IOException {
        this(socket.getInputStream(), socket.getOutputStream(), socket, onInterrupt);
        socket.setTcpNoDelay(true);
    }

    /**
     * A Unix-domain connection ({@code -gdb unix:PATH}). The streams call the channel directly: the
     * reader thread blocks in read while the vCPU's thread writes, which a channel allows (one reader
     * and one writer at a time) and {@code Channels.newInputStream}'s shared lock would not.
     */
    PacketChannel(java.nio.channels.SocketChannel channel, Runnable onInterrupt) {
        this(new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : channel.read(java.nio.ByteBuffer.wrap(b, off, len));
            }
        }, new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b, off, len);
                while (buf.hasRemaining()) channel.write(buf);
            }
        }, channel, onInterrupt);
    }

    private PacketChannel(InputStream in, OutputStream out, AutoCloseable connection, Runnable onInterrupt) {
        this.connection = connection;
        this.out = out;
        this.onInterrupt = onInterrupt;
        Thread.ofPlatform().daemon().name("jvmm-gdb-reader").start(() -> readLoop(in));
    }

    /** The next packet's payload (escapes still in it), {@link #CLOSED}, or null if none came in time. */
    String take(long timeout, TimeUnit unit) throws InterruptedException {
        return packets.poll(timeout, unit);
    }

    /** True once an interrupt (0x03) came; clears it. */
    boolean takeInterrupt() {
        boolean was = interrupted;
        interrupted = false;
        return was;
    }

    boolean isClosed() {
        return closed;
    }

    synchronized void send(String payload) throws IOException {
        byte[] body = payload.getBytes(StandardCharsets.ISO_8859_1);
        int sum = 0;
        for (byte b : body) sum += b & 0xFF;
        ByteArrayOutputStream frame = new ByteArrayOutputStream(body.length + 4);
        frame.write('$');
        frame.write(body);
        frame.write('#');
        frame.write(hexDigit((sum >> 4) & 0xF));
        frame.write(hexDigit(sum & 0xF));
        lastSent = frame.toByteArray();
        out.write(lastSent);
        out.flush();
    }

    private synchronized void resend() throws IOException {
        out.write(lastSent);
        out.flush();
    }

    private synchronized void ack(char c) throws IOException {
        out.write(c);
        out.flush();
    }

    private void readLoop(InputStream in) {
        try {
            int c;
            while ((c = in.read()) >= 0) {
                switch (c) {
                    case '+' -> {}
                    case '-' -> resend();
                    case 0x03 -> {
                        interrupted = true;
                        onInterrupt.run();
                    }
                    case '$' -> readPacket(in);
                    default -> {} // noise between packets
                }
            }
        } catch (IOException e) {
            // the connection broke: same as gdb going away
        } finally {
            closed = true;
            packets.add(CLOSED);
            onInterrupt.run();
        }
    }

    private void readPacket(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int sum = 0, c;
        while ((c = in.read()) != '#') {
            if (c < 0) throw new IOException("connection ended inside a packet");
            body.write(c);
            sum += c;
        }
        int hi = Character.digit(in.read(), 16), lo = Character.digit(in.read(), 16);
        if (hi < 0 || lo < 0 || ((hi << 4) | lo) != (sum & 0xFF)) {
            ack('-');
            return;
        }
        ack('+');
        packets.add(body.toString(StandardCharsets.ISO_8859_1));
    }

    private static int hexDigit(int v) {
        return "0123456789abcdef".charAt(v);
    }

    @Override
    public void close() {
        closed = true;
        try {
            connection.close();
        } catch (Exception e) {
            // closing anyway
        }
    }
}
