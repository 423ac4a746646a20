package dev.jvmm.launcher.stat;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.agrona.concurrent.status.CountersReader;

/**
 * {@code jvmm stat [PID] [--interval SECONDS] [--count N]}: reads a running jvmm's live counters
 * from its counters file, as AeronStat reads Aeron's, and prints them every interval (default 1 s)
 * with their rate since the last print and the guest's MIPS, until that jvmm ends (or N prints).
 * Without a PID it watches the one jvmm running, if there is exactly one.
 */
public final class StatCommand {
    public static final String HELP = """
            Usage: jvmm stat [PID] [--interval SECONDS] [--count N] [--dir DIR]
            Print a running jvmm's live counters (instructions, translator units and exits, KVM exits,
            port I/O per device) once a second, with rates and the guest's MIPS, until it ends.
              PID                  the jvmm process (default: the only one running)
              --interval SECONDS   time between prints (default 1)
              --count N            stop after N prints
              --dir DIR            where the counters files are (default $JVMM_STAT_DIR, else $TMPDIR/jvmm-stat)
            A running jvmm keeps its counters there in PID.counters, an Agrona counters file.""";

    private StatCommand() {}

    /** Returns the exit status: 0 when the jvmm ended or N prints were made, 2 for bad usage or nothing to watch. */
    public static int execute(List<String> words, PrintWriter out, PrintWriter err) {
        Long pid = null;
        double interval = 1;
        long count = Long.MAX_VALUE;
        Path dir = CountersFile.directory();
        try {
            for (int i = 0; i < words.size(); i++) {
                String w = words.get(i);
                switch (w) {
                    case "-h", "--help" -> {
                        out.println(HELP);
                        return 0;
                    }
                    case "--interval" -> interval = Double.parseDouble(value(words, ++i, w));
                    case "--count" -> count = Long.parseLong(value(words, ++i, w));
                    case "--dir" -> dir = Path.of(value(words, ++i, w));
                    default -> {
                        if (w.startsWith("-") || pid != null) return usage(err, "unexpected argument '" + w + "'");
                        pid = Long.parseLong(w);
                    }
                }
            }
        } catch (NumberFormatException e) {
            return usage(err, "not a number: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        if (!(interval > 0) || count <= 0) return usage(err, "--interval and --count must be positive");
        Path file;
        try {
            file = pid != null ? dir.resolve(CountersFile.fileName(pid)) : onlyRunning(dir);
        } catch (IOException e) {
            err.println("jvmm stat: " + e.getMessage());
            return 2;
        }
        if (!Files.exists(file)) {
            err.println("jvmm stat: no counters for pid " + pid + " in " + dir + " (is it a running jvmm?)");
            return 2;
        }
        try {
            return watch(CountersFile.open(file), file, interval, count, out);
        } catch (IOException e) {
            err.println("jvmm stat: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            return 130;
        }
    }

    private static int watch(CountersFile f, Path file, double interval, long count, PrintWriter out) throws InterruptedException {
        CountersReader reader = new CountersReader(f.metadata, f.values);
        Map<String, Long> last = new LinkedHashMap<>();
        long lastNanos = 0;
        for (long n = 0; n < count; n++) {
            if (n > 0) Thread.sleep((long) (interval * 1000));
            if (!alive(f.pid()) || !Files.exists(file)) {
                out.println("jvmm stat: pid " + f.pid() + " has ended");
                out.flush();
                return 0;
            }
            long now = System.nanoTime();
            double seconds = (now - lastNanos) / 1e9;
            out.printf("jvmm stat: pid %d, guest %s, up %.1f s%n", f.pid(), f.guest(), (System.currentTimeMillis() - f.startMillis()) / 1000.0);
            Map<String, Long> current = new LinkedHashMap<>();
            reader.forEach((id, label) -> current.put(label, reader.getCounterValue(id)));
            for (Map.Entry<String, Long> e : current.entrySet()) {
                Long before = last.get(e.getKey());
                String rate = before == null ? "" : String.format("%,14.0f/s", (e.getValue() - before) / seconds);
                out.printf("  %-34s %,20d %s%n", e.getKey(), e.getValue(), rate);
            }
            Long insns = current.get("instructions retired"), before = last.get("instructions retired");
            if (insns != null && before != null) out.printf("  %-34s %20.1f%n", "guest MIPS", (insns - before) / seconds / 1e6);
            out.flush();
            last = current;
            lastNanos = now;
        }
        return 0;
    }

    /** The counters file of the one running jvmm; a one-line reason if there is none or several. */
    private static Path onlyRunning(Path dir) throws IOException {
        List<Path> running = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.filter(p -> p.getFileName().toString().endsWith(".counters")).toList()) {
                    String name = p.getFileName().toString();
                    try {
                        if (alive(Long.parseLong(name.substring(0, name.length() - ".counters".length())))) running.add(p);
                    } catch (NumberFormatException notOurs) {
                        // some other file
                    }
                }
            }
        }
        if (running.isEmpty()) throw new IOException("no running jvmm has counters in " + dir);
        if (running.size() > 1) throw new IOException("several jvmm processes are running; name one: jvmm stat "
                + String.join(" | ", running.stream().map(p -> p.getFileName().toString().replace(".counters", "")).toList()));
        return running.getFirst();
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static String value(List<String> words, int i, String option) {
        if (i >= words.size()) throw new IllegalArgumentException(option + " needs a value");
        return words.get(i);
    }

    private static int usage(PrintWriter err, String message) {
        err.println("jvmm stat: " + message);
        err.println("Try 'jvmm stat --help'.");
        return 2;
    }
}
