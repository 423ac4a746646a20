package dev.jvmm.launcher.stat;

import dev.jvmm.core.bus.PortBus;
import dev.jvmm.core.engine.Vcpu;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

/**
 * The writing side: while a guest runs, a sampler thread copies the vCPU's counters and the port
 * bus's per-device access counts into the counters file every {@link #PERIOD_MILLIS}. The thread
 * is the only writer of the file (CountersManager is single-writer); {@link #close} stops it and
 * deletes the file.
 */
public final class LiveCounters implements AutoCloseable {
    static final long PERIOD_MILLIS = 100;

    private final Path file;
    private final CountersManager counters;
    private final Map<String, AtomicCounter> byName = new HashMap<>();
    private final Vcpu vcpu;
    private final PortBus ports;
    private final Thread sampler;

    private LiveCounters(Path file, CountersFile mapped, Vcpu vcpu, PortBus ports) {
        this.file = file;
        this.counters = new CountersManager(mapped.metadata, mapped.values);
        this.vcpu = vcpu;
        this.ports = ports;
        this.sampler = Thread.ofPlatform().daemon().name("jvmm-live-counters").unstarted(this::sampleUntilInterrupted);
    }

    /**
     * Creates this process's counters file and starts sampling {@code vcpu} and {@code ports} into it;
     * null if another run in this process has the file already (tests boot guests side by side).
     */
    public static LiveCounters start(String guest, Vcpu vcpu, PortBus ports) throws IOException {
        if (!IN_USE.compareAndSet(false, true)) return null;
        try {
            long pid = ProcessHandle.current().pid();
            Path file = CountersFile.pathFor(pid);
            LiveCounters live = new LiveCounters(file, CountersFile.create(file, pid, guest), vcpu, ports);
            live.sample();
            live.sampler.start();
            return live;
        } catch (IOException | RuntimeException e) {
            IN_USE.set(false);
            throw e;
        }
    }

    private static final java.util.concurrent.atomic.AtomicBoolean IN_USE = new java.util.concurrent.atomic.AtomicBoolean();

    /** Where the counters are ({@code jvmm stat PID} finds them there). */
    public Path file() {
        return file;
    }

    private void sampleUntilInterrupted() {
        try {
            while (true) {
                Thread.sleep(PERIOD_MILLIS);
                sample();
            }
        } catch (InterruptedException done) {
            // close()
        }
    }

    private synchronized void sample() {
        vcpu.sampleCounters(this::set);
        ports.accessCounts((device, n) -> {
            if (n != 0) set("io: " + device, n); // devices the guest never touched stay off the list
        });
    }

    private void set(String name, long value) {
        AtomicCounter c = byName.get(name);
        if (c == null) {
            if (counters.available() == 0) return; // full: the rest are not shown
            c = counters.newCounter(name);
            byName.put(name, c);
        }
        c.setRelease(value);
    }

    @Override
    public void close() {
        sampler.interrupt();
        try {
            sampler.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a stale file: jvmm stat says the process is gone
        }
        IN_USE.set(false);
    }
}
