package dev.jvmm.bench.linux;

import dev.jvmm.bench.ChildTimes;
import dev.jvmm.bench.Timing;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One timed boot: the command runs under bash's {@code times} (CPU of the whole process tree, see
 * {@link ChildTimes}) with the guest console on its standard output, which is read line by line as it
 * comes, so the wall time at which a given line appears (the first userspace line) is known as well as the
 * time of the whole process.
 *
 * @param status        the process's exit status, -1 if it was killed at the timeout
 * @param timing        the whole process (null if it timed out)
 * @param markSeconds   wall seconds from start until the marked line appeared, or -1 if it never did
 * @param console       everything the process printed on standard output
 */
public record ConsoleRun(int status, Timing timing, double markSeconds, String console) {
    public static ConsoleRun run(List<String> command, String mark, double timeoutSeconds, Path workDir) throws IOException, InterruptedException {
        Path timesFile = Files.createTempFile(workDir, "times-", ".txt");
        Path rssFile = Files.createTempFile(workDir, "rss-", ".txt");
        List<String> wrapped = new ArrayList<>(List.of("bash", "-c", ChildTimes.WRAPPER_SCRIPT, "bench-timer", timesFile.toString(),
                rssFile.toString()));
        wrapped.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(wrapped).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true);
        try {
            long start = System.nanoTime();
            Process p = pb.start();
            StringBuilder console = new StringBuilder();
            long[] markAt = {-1};
            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.ISO_8859_1))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        if (markAt[0] < 0 && line.contains(mark)) markAt[0] = System.nanoTime();
                        synchronized (console) {
                            console.append(line).append('\n');
                        }
                    }
                } catch (IOException ignored) {
                    // the process was killed
                }
            });
            boolean finished = p.waitFor((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS);
            long end = System.nanoTime();
            if (!finished) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
            }
            reader.join(5000);
            // The reader may see the last lines only after the process ended: they were printed before.
            double markSeconds = markAt[0] < 0 ? -1 : (Math.min(markAt[0], end) - start) / 1e9;
            String text;
            synchronized (console) {
                text = console.toString();
            }
            if (!finished) return new ConsoleRun(-1, null, markSeconds, text);
            double[] userSys = ChildTimes.parse(Files.readString(timesFile));
            long rss = ChildTimes.peakRssKilobytes(Files.readString(rssFile));
            return new ConsoleRun(p.exitValue(), new Timing((end - start) / 1e9, userSys[0], userSys[1], rss), markSeconds, text);
        } finally {
            Files.deleteIfExists(timesFile);
            Files.deleteIfExists(rssFile);
        }
    }
}
