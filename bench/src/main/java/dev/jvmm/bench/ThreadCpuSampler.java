package dev.jvmm.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Watches the threads of a running process from outside: every {@code interval} it reads Linux's
 * {@code /proc/PID/task/TID/schedstat} (the first field is the nanoseconds the thread has run on a CPU)
 * and {@code comm} (its name) for each thread of the first descendant of {@code root} called
 * {@code processName}, and keeps the last value seen per thread.
 *
 * <p>Why from outside: HotSpot's own figures ({@code -XX:+CITime}) are elapsed time per compilation,
 * which on a busy 2-core machine counts the time a compiler thread waited for a CPU — more compile
 * "time" than the whole process had CPU time at small sizes. schedstat is CPU time, per thread, in
 * nanoseconds. What it misses: a thread that ends between two samples loses the time since the last
 * one, and every thread the time after the last sample before the process exits (one interval at most).
 * The polling costs the machine a little CPU, so it is used only for untimed diagnostic runs.
 */
final class ThreadCpuSampler implements AutoCloseable {
    private final ProcessHandle root;
    private final String processName;
    private final long intervalMillis;
    /** Thread id -> last name and nanoseconds seen; touched by the poller thread only until it is joined. */
    private final Map<Long, String> names = new HashMap<>();
    private final Map<Long, Long> nanos = new HashMap<>();
    private final java.lang.Thread poller;
    private volatile boolean stopped;

    private ThreadCpuSampler(ProcessHandle root, String processName, long intervalMillis) {
        this.root = root;
        this.processName = processName;
        this.intervalMillis = intervalMillis;
        this.poller = java.lang.Thread.ofPlatform().daemon().name("bench-thread-cpu").unstarted(this::poll);
    }

    /** Starts sampling the descendant of {@code root} whose name is {@code processName} (e.g. {@code java}). */
    static ThreadCpuSampler start(ProcessHandle root, String processName, long intervalMillis) {
        ThreadCpuSampler s = new ThreadCpuSampler(root, processName, intervalMillis);
        s.poller.start();
        return s;
    }

    /** Stops sampling and returns what was seen, or null if the process was never found (e.g. no /proc). */
    ThreadCpu finish() throws InterruptedException {
        stopped = true;
        poller.join();
        if (nanos.isEmpty()) return null;
        List<ThreadCpu.Thread> threads = new ArrayList<>();
        nanos.forEach((tid, ns) -> threads.add(new ThreadCpu.Thread(names.getOrDefault(tid, "?"), ns / 1e9)));
        return ThreadCpu.of(threads);
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        poller.join();
    }

    /** The nanoseconds on a CPU from a schedstat line ({@code "run_ns wait_ns timeslices"}), or -1. */
    static long runNanos(String schedstat) {
        String[] fields = schedstat.trim().split("\\s+");
        try {
            return Long.parseLong(fields[0]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void poll() {
        Path tasks = null;
        while (!stopped) {
            if (tasks == null) {
                tasks = find().map(pid -> Path.of("/proc", Long.toString(pid), "task")).orElse(null);
            }
            if (tasks != null) sample(tasks);
            try {
                java.lang.Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Optional<Long> find() {
        return root.descendants().map(ProcessHandle::pid)
                .filter(pid -> processName.equals(read(Path.of("/proc", Long.toString(pid), "comm")))).findFirst();
    }

    private void sample(Path tasks) {
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(tasks)) {
            for (Path task : dir) {
                long tid = Long.parseLong(task.getFileName().toString());
                long ns = runNanos(read(task.resolve("schedstat")));
                if (ns < 0) continue;
                // A new thread is called like its parent ("java") until it names itself: read again until it has.
                String name = names.get(tid);
                if (name == null || name.equals(processName)) {
                    String now = read(task.resolve("comm"));
                    if (!now.isEmpty()) names.put(tid, now);
                }
                nanos.merge(tid, ns, Math::max);
            }
        } catch (IOException | RuntimeException e) {
            // the process ended (or has no /proc): keep what was seen
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
