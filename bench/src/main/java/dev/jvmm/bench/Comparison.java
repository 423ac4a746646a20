package dev.jvmm.bench;

import dev.jvmm.guests.Guest;
import dev.jvmm.guests.GuestCatalog;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole-guest comparison: find which engines can run, then for each round run every guest on every
 * engine, alternating engines inside the round (and rotating their order from round to round) so a
 * burst of background load spreads over all engines instead of landing on one. Each guest gets its
 * {@link Workload}'s command line. When the jit runs, each round also times hello-pm32 on it (start-up),
 * and after the rounds an untimed diagnostic run per guest gives the {@link JitProfile}.
 */
public final class Comparison {
    /** The trivial guest whose jit runs measure start-up (500 instructions: JVM, jvmm and the PC, no work). */
    static final Guest STARTUP_GUEST = GuestCatalog.HELLO_PM32;

    private final BenchOptions options;
    private final List<Guest> guests;
    private final Workload workload;
    private final RunCommands commands;
    private final GuestRunner runner;
    private final PrintStream progress;
    private final Map<EngineId, String> unavailable = new LinkedHashMap<>();
    private final Map<EngineId, String> leftOut;

    /**
     * @param leftOut engines not in {@code options.engines()} with the reason they were left out, for the
     *                report's "Not run" list
     */
    public Comparison(BenchOptions options, List<Guest> guests, Workload workload, Map<EngineId, String> leftOut,
            RunCommands commands, Path workDir, PrintStream progress) {
        this.options = options;
        this.guests = guests;
        this.workload = workload;
        this.leftOut = leftOut;
        this.commands = commands;
        this.runner = new GuestRunner(commands, workDir, options.timeoutSeconds());
        this.progress = progress;
    }

    /** Probes the engines, runs every round and returns the report. */
    public ComparisonReport run(HostInfo host, String title) throws IOException, InterruptedException {
        List<EngineId> engines = availableEngines();
        unavailable.putAll(leftOut);
        EngineId baseline = chooseBaseline(options.baseline(), engines);
        List<String> notes = new ArrayList<>();
        if (options.baseline() != null && baseline != options.baseline()) {
            notes.add("the requested baseline " + options.baseline().id() + " did not run; ratios are against "
                    + (baseline == null ? "nothing" : baseline.id()));
        }
        Map<String, Map<EngineId, String>> notApplicable = new LinkedHashMap<>();
        for (Guest g : guests) {
            for (EngineId e : engines) {
                String why = null;
                if (e.isQemu() && !RunCommands.qemuCanBoot(g)) {
                    why = "QEMU's -kernel boots multiboot images (and ELF64 through the elf64-boot shim); this is " + g.format();
                } else if (e == EngineId.NATIVE && !Files.isExecutable(commands.nativeProgram(g))) {
                    why = "no host build of this guest (only coremark has one, made by the guest-images build)";
                }
                if (why != null) notApplicable.computeIfAbsent(g.name(), k -> new LinkedHashMap<>()).put(e, why);
            }
        }
        boolean profile = options.breakdown() && engines.contains(EngineId.JIT);
        List<RunResult> results = new ArrayList<>();
        List<RunResult> startupRuns = new ArrayList<>();
        for (int round = 1; round <= options.runs(); round++) {
            if (profile) {
                RunResult r = runner.run(STARTUP_GUEST, EngineId.JIT, round);
                startupRuns.add(r);
                printProgress(round, "(start-up) " + STARTUP_GUEST.name(), r);
            }
            List<EngineId> order = rotated(engines, round - 1);
            for (Guest g : guests) {
                for (EngineId e : order) {
                    if (notApplicable.getOrDefault(g.name(), Map.of()).containsKey(e)) continue;
                    if (e == EngineId.INTERP && round > options.interpRuns()) continue;
                    RunResult r = runner.run(g, e, round, workload.commandLine(g.name()));
                    results.add(r);
                    printProgress(round, g.name(), r);
                }
            }
        }
        Map<String, Guest> byName = new LinkedHashMap<>();
        for (Guest g : guests) byName.put(g.name(), g);
        OutputAgreement.Checked checked = OutputAgreement.check(results, workload.commandLines().keySet(),
                name -> byName.get(name).expectedOutput());
        for (int i = 0; i < results.size(); i++) {
            RunResult r = checked.results().get(i);
            if (results.get(i).succeeded() && !r.succeeded()) {
                progress.println("bench: " + r.guest() + " on " + r.engine().id() + ", round " + r.round() + ": FAILED: " + r.failure());
            }
        }
        results = checked.results();
        JitProfile jitProfile = profile ? jitProfile(startupRuns) : null;

        notes.add("Each figure is the median of the runs that gave the expected output and exit status; a run that"
                + " did not is FAILED and never timed. Engines alternate within each round, their order rotating"
                + " from round to round.");
        if (options.interpRuns() < options.runs() && engines.contains(EngineId.INTERP)) {
            notes.add("The interpreter ran in the first " + options.interpRuns() + " of the " + options.runs()
                    + " rounds only (--interp-runs " + options.interpRuns() + "): its figures are "
                    + (options.interpRuns() == 1 ? "from a single run, not medians" : "medians of " + options.interpRuns() + " runs") + ".");
        }
        notes.add("Whole processes: wall time includes JVM (or QEMU and SeaBIOS) start-up. CPU time is user+sys of"
                + " the process and all its threads, from bash's `times` after the process was reaped. Guest MIPS ="
                + " instructions retired / median wall time, start-up included.");
        notes.add("jvmm engines started " + (commands.launch() == LaunchMode.JAVA
                ? "with java directly, with ./jvmm's JVM flags (--launch java)" : "through ./jvmm run (--launch script)")
                + "; QEMU as `" + String.join(" ", commands.qemu(EngineId.QEMU_TCG, Path.of("IMAGE"), Path.of("OUT"))) + "`"
                + (workload.isDefault() ? "" : " plus `-append COMMANDLINE`, jvmm with `--append COMMANDLINE`")
                + "; an ELF64 guest on QEMU as `-kernel elf64-boot.elf -initrd IMAGE`, the shim that boots it as jvmm's"
                + " ELF64 loader does (guest-images/README.md), so QEMU's time includes the shim's few thousand instructions.");
        if (engines.contains(EngineId.NATIVE)) {
            notes.add("native: the guest's C built as a Linux program by the guest-images build ("
                    + RunCommands.NATIVE_DIR + "), COM1 output on stdout, the command line as its argument"
                    + nativeKinds() + ".");
        }
        notes.add("Peak RSS: the largest resident set of the process (GNU time's %M, ru_maxrss), the median over the"
                + " timed runs.");
        if (engines.stream().anyMatch(EngineId::isQemu)) notes.add("QEMU version: " + qemuVersion());
        List<String> names = guests.stream().map(Guest::name).toList();
        return new ComparisonReport(title, host, names, engines, unavailable, baseline,
                ComparisonReport.cells(names, engines, results, notApplicable), notes, workload, checked.references(), jitProfile);
    }

    private void printProgress(int round, String what, RunResult r) {
        progress.printf("bench: round %d/%d  %-12s %-9s %s%n", round, options.runs(), what, r.engine().id(),
                r.succeeded() ? String.format("%s s wall, %s s CPU", Numbers.seconds(r.timing().wallSeconds()),
                        Numbers.seconds(r.timing().cpuSeconds())) : "FAILED: " + r.failure());
    }

    /** The untimed diagnostic jit runs: hello-pm32, then every guest with its command line. */
    private JitProfile jitProfile(List<RunResult> startupRuns) throws IOException, InterruptedException {
        JitDiagnostics startup = runner.diagnose(STARTUP_GUEST, null);
        progress.println("bench: diagnostic jit run of " + STARTUP_GUEST.name() + (startup.failure() == null ? ": done" : ": FAILED: " + startup.failure()));
        Map<String, JitDiagnostics> diagnostics = new LinkedHashMap<>();
        for (Guest g : guests) {
            JitDiagnostics d = runner.diagnose(g, workload.commandLine(g.name()));
            diagnostics.put(g.name(), d);
            progress.println("bench: diagnostic jit run of " + g.name() + (d.failure() == null ? ": done" : ": FAILED: " + d.failure()));
        }
        return new JitProfile(new Cell(STARTUP_GUEST.name(), EngineId.JIT, startupRuns, null), startup, diagnostics);
    }

    /** What the native programs are (their build writes NAME-native.txt beside each), for the notes. */
    private String nativeKinds() {
        StringBuilder out = new StringBuilder();
        for (Guest g : guests) {
            Path about = commands.nativeProgram(g).resolveSibling(g.name() + "-native.txt");
            try {
                if (Files.isRegularFile(about)) out.append("; ").append(g.name()).append(": ").append(Files.readString(about).strip());
            } catch (IOException e) {
                out.append("; ").append(g.name()).append(": ").append(e.getMessage());
            }
        }
        return out.toString();
    }

    private List<EngineId> availableEngines() throws IOException, InterruptedException {
        var qemu = EngineAvailability.onPath(EngineAvailability.QEMU_BINARY, System.getenv("PATH"));
        List<EngineId> ok = new ArrayList<>();
        for (EngineId e : options.engines()) {
            String why = EngineAvailability.missing(e, commands, qemu, Path.of("/dev/kvm"));
            if (why == null && e == EngineId.NATIVE) {
                // There is nothing to probe: a guest has a host build or it has not.
                if (guests.stream().noneMatch(g -> Files.isExecutable(commands.nativeProgram(g)))) {
                    why = "none of these guests has a host build (coremark has one once guest-images is built)";
                }
            } else if (why == null) {
                why = runner.probe(GuestCatalog.DEFAULT, e);
            }
            if (why == null) {
                ok.add(e);
                progress.println("bench: " + e.id() + ": ready");
            } else {
                unavailable.put(e, why);
                progress.println("bench: " + e.id() + ": not run: " + why);
            }
        }
        return ok;
    }

    /** The requested baseline if it runs; otherwise qemu-tcg, else interp, else the first engine that runs. */
    static EngineId chooseBaseline(EngineId requested, List<EngineId> running) {
        if (requested != null && running.contains(requested)) return requested;
        if (running.contains(EngineId.QEMU_TCG)) return EngineId.QEMU_TCG;
        if (running.contains(EngineId.INTERP)) return EngineId.INTERP;
        return running.isEmpty() ? null : running.getFirst();
    }

    /** {@code list} rotated left by {@code by}: round 1 runs a, b, c; round 2 b, c, a; ... */
    static <T> List<T> rotated(List<T> list, int by) {
        if (list.isEmpty()) return list;
        List<T> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) out.add(list.get((i + by) % list.size()));
        return out;
    }

    /** The first line of {@code qemu-system-x86_64 --version}, e.g. "QEMU emulator version 7.2.22 (...)". */
    private String qemuVersion() {
        try {
            Process p = new ProcessBuilder(commands.qemu(), "--version").redirectErrorStream(true).start();
            String first = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .findFirst().orElse("unknown");
            p.waitFor();
            return first;
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    static Path newWorkDir() throws IOException {
        return Files.createTempDirectory("jvmm-bench-");
    }
}
