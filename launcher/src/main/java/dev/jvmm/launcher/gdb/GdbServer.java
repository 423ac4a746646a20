package dev.jvmm.launcher.gdb;

import dev.jvmm.core.engine.StopRequest;
import dev.jvmm.core.engine.Vcpu;
import dev.jvmm.core.memory.GuestMemory;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

/**
 * The listening end of jvmm's gdb stub ({@code -s}, {@code -gdb tcp::PORT}, {@code --gdb}). A thread
 * of its own accepts one connection at a time; each becomes a {@link GdbSession} that the machine's
 * run loop picks up: at once for {@code -S} ({@link #awaitSession}), else the thread asks the running
 * vCPU to stop ({@link Vcpu#requestExit()}) and the loop finds it in {@link #pendingSession()}.
 * After a detach the next gdb may connect.
 */
public final class GdbServer implements AutoCloseable {
    private final ServerSocket listener;
    private final PrintWriter log;
    private final SynchronousQueue<GdbSession> handover = new SynchronousQueue<>();
    private final Semaphore sessionDone = new Semaphore(0);
    private Thread acceptor;

    private GdbServer(ServerSocket listener, PrintWriter log) {
        this.listener = listener;
        this.log = log;
    }

    /**
     * Listens where {@code spec} says: {@code tcp::PORT} (every local address, as QEMU), {@code tcp:HOST:PORT},
     * or a bare {@code PORT}.
     */
    public static GdbServer listen(String spec, PrintWriter log) throws IOException {
        InetSocketAddress where = parse(spec);
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(where, 1);
        return new GdbServer(s, log);
    }

    public static InetSocketAddress parse(String spec) {
        String rest = spec.startsWith("tcp:") ? spec.substring(4) : spec;
        int colon = rest.lastIndexOf(':');
        String host = colon < 0 ? "" : rest.substring(0, colon);
        String portText = colon < 0 ? rest : rest.substring(colon + 1);
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("gdb address " + spec + ": expected tcp::PORT, tcp:HOST:PORT or PORT");
        }
        if (port < 0 || port > 65535) throw new IllegalArgumentException("gdb address " + spec + ": port " + port + " is out of range");
        if (spec.startsWith("unix:")) throw new IllegalArgumentException("gdb address " + spec + ": unix sockets are not supported yet; use tcp::PORT");
        return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }

    /** The port listened on (the one the system chose for port 0). */
    public int port() {
        return listener.getLocalPort();
    }

    /** Starts accepting connections for {@code vcpu}; prints where gdb should connect. */
    public void start(Vcpu vcpu, GuestMemory memory, StopRequest stop) {
        log.println("jvmm: gdb: listening on tcp::" + port() + " (gdb: target remote :" + port() + ")");
        log.flush();
        DebugMemory view = new DebugMemory(memory);
        acceptor = Thread.ofPlatform().daemon().name("jvmm-gdb-accept").start(() -> {
            try {
                while (true) {
                    Socket socket = listener.accept();
                    GdbSession session = new GdbSession(new PacketChannel(socket, vcpu::requestExit), vcpu, view, stop, log);
                    vcpu.requestExit();
                    while (!handover.offer(session, 100, TimeUnit.MILLISECONDS)) vcpu.requestExit();
                    sessionDone.acquire();
                }
            } catch (SocketException closed) {
                // close(): the run is over
            } catch (IOException e) {
                log.println("jvmm: gdb: " + e.getMessage());
                log.flush();
            } catch (InterruptedException e) {
                // close()
            }
        });
    }

    /** {@code -S}: waits for gdb to connect; null if a stop was requested first. */
    public GdbSession awaitSession(StopRequest stop) throws InterruptedException {
        while (stop.reason() == null) {
            GdbSession s = handover.poll(100, TimeUnit.MILLISECONDS);
            if (s != null) return s;
        }
        return null;
    }

    /** A gdb that connected while the guest ran, or null. */
    public GdbSession pendingSession() {
        return handover.poll();
    }

    /** The session handed out has ended (detach); the next connection may be accepted. */
    public void sessionEnded() {
        sessionDone.release();
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        if (acceptor != null) acceptor.interrupt();
    }
}
