package dev.jvmm.bench.smp;

import dev.jvmm.bench.RunCommands;
import dev.jvmm.bench.Stats;
import dev.jvmm.bench.linux.ConsoleRun;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code jvmm bench smp}: the smp-work guest (guest-images/src/guest/smp-work: a fixed number of sieve rounds
 * shared out among the guest's CPUs) on one engine with {@code --smp 1}, {@code --smp 2}, ...: per run the
 * guest's own time for its parallel part (its TSC, so start-up and translation warm-up before it are left out),
 * the process's wall and CPU time. Runs alternate between CPU counts; a run whose guest did not report, or
 * reported another CPU count, is a failure and is not timed. The report gives the median rounds per second and
 * its ratio to one vCPU's, and the host's load average before and after, since several vCPU threads only help
 * while the host has idle cores. Writes {@code bench/results/smp/latest.md}.
 */
public final class SmpBench {
    static final String USAGE = """
            Usage: jvmm bench smp [--runs N] [--cpus 1,2] [--engine jit|interp] [--timeout S] [--out DIR]
              --runs N       timed runs per CPU count (default 3), alternating between counts
              --cpus LIST    the guest's CPU counts, 1 to 4 (default 1,2); ratios are to the first
              --engine E     jit (default) or interp
              --timeout S    a run still going after S seconds is killed and reported failed (default 600)
              --out DIR      where latest.md goes (default REPO/bench/results/smp)
            """;
    static final String GUEST = "/dev/jvmm/guests/smp-work.elf";

    private SmpBench() {}

    /** Runs the comparison; {@code args} are the words after {@code smp}. Status as {@code jvmm bench}'s. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Path repo = Path.of(".");
        Path outDir = null;
        int runs = 3;
        double timeout = 600;
        String engine = "jit";
        List<Integer> cpus = List.of(1, 2);
        try {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--repo" -> repo = Path.of(value(args, ++i, a));
                    case "--out" -> outDir = Path.of(value(args, ++i, a));
                    case "--runs" -> runs = Integer.parseInt(value(args, ++i, a));
                    case "--timeout" -> timeout = Double.parseDouble(value(args, ++i, a));
                    case "--engine" -> engine = value(args, ++i, a);
                    case "--cpus" -> cpus = cpuCounts(value(args, ++i, a));
                    case "-h", "--help" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + a + "'");
                }
            }
            if (runs < 1) throw new IllegalArgumentException("--runs must be at least 1");
            if (!engine.equals("jit") && !engine.equals("interp")) throw new IllegalArgumentException("--engine is jit or interp, not '" + engine + "'");
        } catch (IllegalArgumentException e) {
            err.println("jvmm bench smp: " + e.getMessage());
            return 2;
        }
        repo = repo.toAbsolutePath().normalize();
        if (outDir == null) outDir = repo.resolve("bench/results/smp");
        Path work = null;
        try {
            work = Files.createTempDirectory("jvmm-bench-smp-");
            Path kernel = work.resolve("smp-work.elf");
            try (InputStream in = SmpBench.class.getResourceAsStream(GUEST)) {
                if (in == null) throw new IOException("the smp-work guest is not on the class path (" + GUEST + "): build guest-images");
                Files.copy(in, kernel);
            }
            RunCommands commands = new RunCommands(repo, Path.of(System.getProperty("java.home"), "bin", "java"),
                    dev.jvmm.bench.LaunchMode.JAVA, "qemu-system-x86_64");
            String loadBefore = loadAverage();
            Map<Integer, List<Run>> results = new LinkedHashMap<>();
            Map<Integer, String> failures = new LinkedHashMap<>();
            for (int n : cpus) results.put(n, new ArrayList<>());
            for (int round = 0; round < runs; round++) {
                for (int n : cpus) {
                    if (failures.containsKey(n)) continue;
                    err.printf("bench: smp-work run %d/%d with %d vCPU(s) on %s%n", round + 1, runs, n, engine);
                    ConsoleRun run = ConsoleRun.run(command(commands, engine, kernel, n), "smp-work:", timeout, work);
                    Optional<SmpWorkResult> result = SmpWorkResult.parse(run.console());
                    String why = judge(run, result, n, timeout);
                    if (why != null) {
                        failures.put(n, why);
                        err.println("bench: -smp " + n + " FAILED: " + why);
                    } else {
                        results.get(n).add(new Run(result.get(), run));
                    }
                }
            }
            String loadAfter = loadAverage();
            List<String> shown = new ArrayList<>(args);
            int r = shown.indexOf("--repo");
            if (r >= 0) shown.subList(r, Math.min(r + 2, shown.size())).clear();
            String title = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(ZonedDateTime.now(ZoneOffset.UTC))
                    + " — `jvmm bench smp" + (shown.isEmpty() ? "" : " " + String.join(" ", shown)) + "`";
            String markdown = render(title, engine, results, failures, loadBefore, loadAfter);
            out.print(markdown);
            Files.createDirectories(outDir);
            Files.writeString(outDir.resolve("latest.md"), markdown);
            err.println("bench: wrote " + outDir.resolve("latest.md"));
            return failures.isEmpty() ? 0 : 1;
        } catch (IOException e) {
            err.println("jvmm bench smp: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } finally {
            if (work != null) deleteQuietly(work);
        }
    }

    /** One timed run: what the guest reported and what the process cost. */
    record Run(SmpWorkResult guest, ConsoleRun process) {}

    static List<Integer> cpuCounts(String list) {
        List<Integer> out = new ArrayList<>();
        for (String w : list.split(",")) {
            int n = Integer.parseInt(w.trim());
            if (n < 1 || n > 4) throw new IllegalArgumentException("the smp-work guest runs on 1 to 4 CPUs, not " + n);
            if (!out.contains(n)) out.add(n);
        }
        if (out.isEmpty()) throw new IllegalArgumentException("--cpus needs at least one count");
        return List.copyOf(out);
    }

    /** The command line of one run with {@code cpus} vCPUs. */
    static List<String> command(RunCommands commands, String engine, Path kernel, int cpus) {
        List<String> cmd = new ArrayList<>();
        cmd.add(commands.java().toString());
        cmd.addAll(RunCommands.LAUNCHER_JVM_FLAGS);
        if (engine.equals("jit")) cmd.addAll(commands.jitJvmFlags());
        Path aot = commands.repo().resolve(RunCommands.AOT_CACHE);
        if (Files.isRegularFile(aot)) {
            cmd.add("-XX:AOTCache=" + aot);
            cmd.addAll(RunCommands.AOT_FLAGS_AFTER_CACHE);
        }
        cmd.addAll(List.of("-cp", commands.launcherClassPath(), RunCommands.LAUNCHER_MAIN, "run", "--engine", engine,
                "--smp", Integer.toString(cpus), "-m", RunCommands.GUEST_RAM, "--serial", "stdio", "--kernel", kernel.toString()));
        return cmd;
    }

    /** Null if the run reported its rounds for {@code cpus} CPUs and exited through isa-debug-exit with 0; else why not. */
    static String judge(ConsoleRun run, Optional<SmpWorkResult> result, int cpus, double timeout) {
        if (run.status() < 0) return "still running after " + timeout + " s";
        if (result.isEmpty()) return "no smp-work report line; console: " + run.console().strip();
        if (result.get().cpus() != cpus) return "the guest saw " + result.get().cpus() + " CPUs, not " + cpus;
        if (run.status() != 1) return "exit status " + run.status() + " (the guest's failure code " + (run.status() >> 1) + "); console: "
                + run.console().strip();
        return null;
    }

    static String render(String title, String engine, Map<Integer, List<Run>> results, Map<Integer, String> failures,
                         String loadBefore, String loadAfter) {
        StringBuilder md = new StringBuilder("# SMP throughput: " + title + "\n\n");
        md.append("smp-work (sieve rounds shared out among the guest's CPUs) on jvmm ").append(engine)
                .append(". Guest time: the guest's TSC over its parallel part (start-up and warm-up before it left out);")
                .append(" rounds/s = rounds / guest time. Medians; the ratio is to the first CPU count's rounds/s.\n")
                .append("Host: ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs; load average (1, 5, 15 min) ")
                .append(loadBefore).append(" before, ").append(loadAfter).append(" after.\n\n");
        md.append("| vCPUs | runs | guest time s | rounds/s | vs first | wall s | CPU s |\n|---|---|---|---|---|---|---|\n");
        double base = -1;
        for (Map.Entry<Integer, List<Run>> e : results.entrySet()) {
            List<Run> runs = e.getValue();
            if (runs.isEmpty()) {
                md.append("| ").append(e.getKey()).append(" | 0 | FAILED: ").append(failures.getOrDefault(e.getKey(), "no run"))
                        .append(" | | | | |\n");
                continue;
            }
            double rate = Stats.median(runs.stream().map(x -> x.guest().roundsPerSecond()).toList());
            double guest = Stats.median(runs.stream().map(x -> x.guest().micros() / 1e6).toList());
            double wall = Stats.median(runs.stream().map(x -> x.process().timing().wallSeconds()).toList());
            double cpu = Stats.median(runs.stream().map(x -> x.process().timing().cpuSeconds()).toList());
            if (base < 0) base = rate;
            md.append(String.format("| %d | %d | %.2f | %.1f | %.2fx | %.2f | %.2f |%n", e.getKey(), runs.size(), guest, rate,
                    rate / base, wall, cpu));
        }
        for (Map.Entry<Integer, String> f : failures.entrySet()) {
            if (!results.get(f.getKey()).isEmpty()) md.append("\n-smp ").append(f.getKey()).append(" failed after some runs: ").append(f.getValue());
        }
        return md.append('\n').toString();
    }

    static String loadAverage() {
        try {
            String[] w = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
            return w[0] + ", " + w[1] + ", " + w[2];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "unknown";
        }
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) throw new IllegalArgumentException(option + " needs a value");
        return args.get(i);
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temporary directory left behind
        }
    }
}
