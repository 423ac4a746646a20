package dev.jvmm.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command as a child process and measures it: wall time around the whole process (from the
 * bench's monotonic clock), CPU time from bash's {@code times} after the command was reaped (see
 * {@link ChildTimes}), and its peak memory where GNU time is installed. Stdin is empty, stdout discarded
 * (or kept in a file), stderr kept.
 */
public final class TimedProcess {
    /** How often sampled threads are read: 10 ms loses at most that much per thread at the end. */
    static final long SAMPLE_INTERVAL_MILLIS = 10;

    private final Path workDir;

    /** Scratch files go to {@code workDir}. */
    public TimedProcess(Path workDir) {
        this.workDir = workDir;
    }

    /** Runs {@code command} for at most {@code timeoutSeconds}. */
    public ProcessOutcome run(List<String> command, double timeoutSeconds) throws IOException, InterruptedException {
        return run(command, timeoutSeconds, null);
    }

    /**
     * Runs {@code command} for at most {@code timeoutSeconds}; with {@code sampleThreadsOf} (a process name,
     * e.g. {@code java}) the threads of that process are sampled while it runs ({@link ThreadCpuSampler}).
     */
    public ProcessOutcome run(List<String> command, double timeoutSeconds, String sampleThreadsOf) throws IOException, InterruptedException {
        return run(command, timeoutSeconds, sampleThreadsOf, null);
    }

    /** {@link #run(List, double, String)}, with the command's stdout written to {@code stdoutFile} (null: discarded). */
    public ProcessOutcome run(List<String> command, double timeoutSeconds, String sampleThreadsOf, Path stdoutFile)
            throws IOException, InterruptedException {
        Path timesFile = Files.createTempFile(workDir, "times-", ".txt");
        Path rssFile = Files.createTempFile(workDir, "rss-", ".txt");
        Path stderrFile = Files.createTempFile(workDir, "stderr-", ".txt");
        List<String> wrapped = new ArrayList<>(List.of("bash", "-c", ChildTimes.WRAPPER_SCRIPT, "bench-timer",
                timesFile.toString(), rssFile.toString()));
        wrapped.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(wrapped)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(stdoutFile == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stdoutFile.toFile()))
                .redirectError(stderrFile.toFile());
        try {
            long start = System.nanoTime();
            Process p = pb.start();
            ThreadCpuSampler sampler = sampleThreadsOf == null ? null
                    : ThreadCpuSampler.start(p.toHandle(), sampleThreadsOf, SAMPLE_INTERVAL_MILLIS);
            boolean finished = p.waitFor((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS);
            long end = System.nanoTime();
            ThreadCpu threads = sampler == null ? null : sampler.finish();
            if (!finished) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
                return new ProcessOutcome(-1, null, Text.read(stderrFile), true);
            }
            String stderr = Text.read(stderrFile);
            double[] userSys = ChildTimes.parse(Text.read(timesFile));
            long rss = ChildTimes.peakRssKilobytes(Text.read(rssFile));
            return new ProcessOutcome(p.exitValue(), new Timing((end - start) / 1e9, userSys[0], userSys[1], rss), stderr, false, threads);
        } finally {
            Files.deleteIfExists(timesFile);
            Files.deleteIfExists(rssFile);
            Files.deleteIfExists(stderrFile);
        }
    }
}
