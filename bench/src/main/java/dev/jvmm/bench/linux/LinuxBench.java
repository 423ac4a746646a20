package dev.jvmm.bench.linux;

import dev.jvmm.bench.RunCommands;
import dev.jvmm.guests.linux.FetchException;
import dev.jvmm.guests.linux.LinuxCheck;
import dev.jvmm.guests.linux.LinuxGuest;
import java.io.IOException;
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

/**
 * {@code jvmm bench linux}: Debian's kernel booted to its busybox shell and powered off, on jvmm's jit
 * (the bzImage decompressing itself, and unpacked on the host) and on QEMU TCG started as its users start
 * it ({@code -kernel -initrd -append -nographic}, SeaBIOS included), the same kernel file, initramfs and
 * command line for all. Per run: wall time to the first userspace line, wall and CPU time of the whole
 * process. Runs alternate between engines; every run's console must pass {@link LinuxCheck} or the run is
 * reported failed and not timed. Writes {@code bench/results/linux/latest.md}.
 */
public final class LinuxBench {
    static final String USAGE = """
            Usage: jvmm bench linux [--runs N] [--engines jit,jit-host,qemu-tcg] [--append WORDS] [--timeout S] [--out DIR]
              --runs N        timed runs per engine (default 3), alternating between engines
              --engines LIST  jit (the bzImage's own decompressor), jit-host (--decompress host), interp,
                              interp-host, qemu-tcg (default: jit,jit-host,qemu-tcg)
              --append WORDS  added to the kernel command line of every engine
              --timeout S     a run still going after S seconds is killed and reported failed (default 600)
              --out DIR       where latest.md goes (default REPO/bench/results/linux)
            """;

    /** An engine of this comparison and how its command line is made. */
    enum Engine {
        JIT("jit", "jvmm jit", "jit", "guest"),
        JIT_HOST("jit-host", "jvmm jit, unpacked on the host", "jit", "host"),
        INTERP("interp", "jvmm interp", "interp", "guest"),
        INTERP_HOST("interp-host", "jvmm interp, unpacked on the host", "interp", "host"),
        QEMU_TCG("qemu-tcg", "QEMU tcg", null, null);

        final String id, label, jvmmEngine, decompress;

        Engine(String id, String label, String jvmmEngine, String decompress) {
            this.id = id;
            this.label = label;
            this.jvmmEngine = jvmmEngine;
            this.decompress = decompress;
        }

        static Engine byId(String id) {
            for (Engine e : values()) if (e.id.equals(id)) return e;
            throw new IllegalArgumentException("unknown engine '" + id + "'; choose jit, jit-host, interp, interp-host, qemu-tcg");
        }
    }

    private LinuxBench() {}

    /** Runs the comparison; {@code args} are the words after {@code linux}. Status as {@code jvmm bench}'s. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Path repo = Path.of(".");
        Path outDir = null;
        int runs = 3;
        double timeout = 600;
        String extra = "";
        List<Engine> engines = List.of(Engine.JIT, Engine.JIT_HOST, Engine.QEMU_TCG);
        try {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--repo" -> repo = Path.of(value(args, ++i, a));
                    case "--out" -> outDir = Path.of(value(args, ++i, a));
                    case "--runs" -> runs = Integer.parseInt(value(args, ++i, a));
                    case "--timeout" -> timeout = Double.parseDouble(value(args, ++i, a));
                    case "--append" -> extra = value(args, ++i, a);
                    case "--engines" -> {
                        List<Engine> chosen = new ArrayList<>();
                        for (String id : value(args, ++i, a).split(",")) chosen.add(Engine.byId(id.trim()));
                        engines = List.copyOf(chosen);
                    }
                    case "-h", "--help" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + a + "'");
                }
            }
            if (runs < 1) throw new IllegalArgumentException("--runs must be at least 1");
        } catch (IllegalArgumentException e) {
            err.println("jvmm bench linux: " + e.getMessage());
            return 2;
        }
        repo = repo.toAbsolutePath().normalize();
        if (outDir == null) outDir = repo.resolve("bench/results/linux");
        Path work = null;
        try {
            LinuxGuest.Prepared linux = LinuxGuest.prepare(LinuxGuest.defaultCache(), line -> err.println("bench: " + line));
            work = Files.createTempDirectory("jvmm-bench-linux-");
            Path initrd = work.resolve("initrd.gz");
            Files.write(initrd, linux.initramfs());
            String commandLine = LinuxGuest.COMMAND_LINE + " " + LinuxGuest.CHECK_WORD + (extra.isBlank() ? "" : " " + extra.strip());
            RunCommands commands = new RunCommands(repo, Path.of(System.getProperty("java.home"), "bin", "java"),
                    dev.jvmm.bench.LaunchMode.JAVA, "qemu-system-x86_64");
            Map<Engine, List<ConsoleRun>> results = new LinkedHashMap<>();
            Map<Engine, String> failures = new LinkedHashMap<>();
            for (Engine e : engines) results.put(e, new ArrayList<>());
            for (int round = 0; round < runs; round++) {
                for (Engine e : engines) {
                    if (failures.containsKey(e)) continue;
                    List<String> cmd = command(e, commands, linux.kernel(), initrd, commandLine);
                    err.printf("bench: linux run %d/%d on %s%n", round + 1, runs, e.id);
                    ConsoleRun run = ConsoleRun.run(cmd, LinuxCheck.USERSPACE_LINE, timeout, work);
                    String why = judge(e, run, linux.release(), timeout);
                    if (why != null) {
                        failures.put(e, why);
                        err.println("bench: " + e.id + " FAILED: " + why);
                        Files.createDirectories(outDir);
                        Files.writeString(outDir.resolve(e.id + "-failed.txt"), run.console());
                        err.println("bench: its console is in " + outDir.resolve(e.id + "-failed.txt"));
                    } else {
                        results.get(e).add(run);
                    }
                }
            }
            List<String> shown = new ArrayList<>(args);
            int r = shown.indexOf("--repo");
            if (r >= 0) shown.subList(r, Math.min(r + 2, shown.size())).clear();
            String title = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(ZonedDateTime.now(ZoneOffset.UTC))
                    + " — `jvmm bench linux" + (shown.isEmpty() ? "" : " " + String.join(" ", shown)) + "`";
            String markdown = LinuxReport.render(title, linux, commandLine, commands, initrd, results, failures, engines);
            out.print(markdown);
            Files.createDirectories(outDir);
            Files.writeString(outDir.resolve("latest.md"), markdown);
            err.println("bench: wrote " + outDir.resolve("latest.md"));
            return failures.isEmpty() ? 0 : 1;
        } catch (FetchException e) {
            err.println("jvmm bench linux: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("jvmm bench linux: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } finally {
            if (work != null) deleteQuietly(work);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temporary directory left behind
        }
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) throw new IllegalArgumentException(option + " needs a value");
        return args.get(i);
    }

    /** The command line of one run of {@code e}. */
    static List<String> command(Engine e, RunCommands commands, Path kernel, Path initrd, String commandLine) {
        List<String> cmd = new ArrayList<>();
        if (e == Engine.QEMU_TCG) {
            cmd.addAll(List.of(commands.qemu(), "-accel", "tcg", "-m", RunCommands.GUEST_RAM, "-nographic", "-no-reboot",
                    "-kernel", kernel.toString(), "-initrd", initrd.toString(), "-append", commandLine));
            return cmd;
        }
        cmd.add(commands.java().toString());
        cmd.addAll(RunCommands.LAUNCHER_JVM_FLAGS);
        if (e.jvmmEngine.equals("jit")) cmd.addAll(commands.jitJvmFlags());
        Path aot = commands.repo().resolve(RunCommands.AOT_CACHE);
        if (Files.isRegularFile(aot)) {
            cmd.add("-XX:AOTCache=" + aot);
            cmd.addAll(RunCommands.AOT_FLAGS_AFTER_CACHE);
        }
        cmd.addAll(List.of("-cp", commands.launcherClassPath(), RunCommands.LAUNCHER_MAIN, "run", "--engine", e.jvmmEngine,
                "--decompress", e.decompress, "-m", RunCommands.GUEST_RAM, "--serial", "stdio",
                "--kernel", kernel.toString(), "--initrd", initrd.toString(), "--append", jvmmCommandLine(commandLine)));
        return cmd;
    }

    /**
     * What jvmm's runs boot with: {@code commandLine} and the rate of jvmm's TSC, as {@code jvmm run linux} passes
     * it ({@link LinuxGuest#SOFTWARE_TSC_KHZ} says why); QEMU's TSC rate is its host's, which its kernel calibrates.
     */
    static String jvmmCommandLine(String commandLine) {
        return commandLine + " tsc_early_khz=" + LinuxGuest.SOFTWARE_TSC_KHZ;
    }

    /** Null if the run booted, passed the checks and powered off; else why not. */
    static String judge(Engine e, ConsoleRun run, String release, double timeout) {
        if (run.status() < 0) return "still running after " + timeout + " s";
        List<String> problems = LinuxCheck.problems(run.console(), release);
        if (!problems.isEmpty()) return String.join("; ", problems);
        // QEMU powers off through ACPI (status 0); jvmm without ACPI S5 reports the kernel's final halt (status 10).
        boolean poweredOff = run.status() == 0 || e != Engine.QEMU_TCG && run.status() == 10 && run.console().contains("reboot: Power down");
        return poweredOff ? null : "ended with status " + run.status() + " instead of powering off";
    }
}
