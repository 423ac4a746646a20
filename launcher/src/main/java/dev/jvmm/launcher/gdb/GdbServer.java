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
    /** Where gdb connects: a TCP listener, or (-gdb unix:PATH) a Unix-domain one at {@code unixPath}. */
    private final ServerSocket listener;
    private final java.nio.channels.ServerSocketChannel unixListener;
    private final java.nio.file.Path unixPath;
    private final PrintWriter log;
    private final SynchronousQueue<GdbSession> handover = new SynchronousQueue<>();
    private final Semaphore sessionDone = new Semaphore(0);
    private Thread acceptor;

    private GdbServer(ServerSocket listener, java.nio.channels.ServerSocketChannel unixListener, java.nio.file.Path unixPath, PrintWriter log) {
        this.listener = listener;
        this.unixListener = unixListener;
        this.unixPath = unixPath;
        this.log = log;
    }

    /**
     * Listens where {@code spec} says: {@code tcp::PORT} (every local address, as QEMU), {@code tcp:HOST:PORT},
     * a bare {@code PORT}, or {@code unix:PATH} (QEMU's {@code ,server} and {@code ,wait=off} may follow).
     */
    public static GdbServer listen(String spec, PrintWriter log) throws IOException {
        java.nio.file.Path unix = unixPath(spec);
        if (unix != null) {
            java.nio.channels.ServerSocketChannel ch = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX);
            java.nio.file.Files.deleteIfExists(unix); // a socket file left by an earlier run that did not end cleanly
            ch.bind(java.net.UnixDomainSocketAddress.of(unix), 1);
            return new GdbServer(null, ch, unix, log);
        }
        InetSocketAddress where = parse(spec);
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(where, 1);
        return new GdbServer(s, null, null, log);
    }

    /** The socket path of a {@code unix:PATH[,options]} address, else null. */
    static java.nio.file.Path unixPath(String spec) {
        if (!spec.startsWith("unix:")) return null;
        String path = spec.substring(5).split(",")[0];
        if (path.isEmpty()) throw new IllegalArgumentException("gdb address " + spec + ": expected unix:PATH");
        return java.nio.file.Path.of(path);
    }

    public static InetSocketAddress parse(String spec) {
        if (unixPath(spec) != null) return null; // valid: a Unix-domain socket
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
        return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }

    /** The port listened on (the one the system chose for port 0). */
    public int port() {
        return listener == null ? -1 : listener.getLocalPort();
    }

    /** Starts accepting connections for {@code vcpu}; prints where gdb should connect. */
    public void start(Vcpu vcpu, GuestMemory memory, StopRequest stop) {
        log.println(unixPath != null ? "jvmm: gdb: listening on unix:" + unixPath + " (gdb: target remote " + unixPath + ")"
                : "jvmm: gdb: listening on tcp::" + port() + " (gdb: target remote :" + port() + ")");
        log.flush();
        DebugMemory view = new DebugMemory(memory);
        acceptor = Thread.ofPlatform().daemon().name("jvmm-gdb-accept").start(() -> {
            try {
                while (true) {
                    PacketChannel channel = unixListener != null ? new PacketChannel(unixListener.accept(), vcpu::requestExit)
                            : new PacketChannel(listener.accept(), vcpu::requestExit);
                    GdbSession session = new GdbSession(channel, vcpu, view, stop, log);
                    vcpu.requestExit();
                    while (!handover.offer(session, 100, TimeUnit.MILLISECONDS)) vcpu.requestExit();
                    sessionDone.acquire();
                }
            } catch (SocketException | java.nio.channels.ClosedChannelException closed) {
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
            if (listener != null) listener.close();
            if (unixListener != null) {
                unixListener.close();
                java.nio.file.Files.deleteIfExists(unixPath);
            }
        } catch (IOException e) {
            // closing anyway
        }
        if (acceptor != null) acceptor.interrupt();
    }
}
