package dev.jvmm.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * The {@code jvmm bench} command line.
 *
 * @param repo           the jvmm checkout whose launcher runs the jvmm engines
 * @param guests         guest names as given (empty: the default CPU-bound set)
 * @param engines        engines to compare, in the order given
 * @param runs           timed runs per guest and engine
 * @param baseline       the engine ratios are computed against, or null for the default
 * @param timeoutSeconds a run taking longer is killed and reported as failed
 * @param launch         how jvmm engines are started
 * @param outDir         where latest.md and latest.svg go, or null for {@code <repo>/bench/results}
 * @param size           the workload size ({@link Workload.Size}); ignored when {@code append} is given
 * @param append         the kernel command line for every guest, or null
 * @param interpRuns     timed runs of the interpreter per guest, at most {@code runs}: it runs in the first
 *                       {@code interpRuns} rounds only
 * @param breakdown      whether to measure where the jit's time goes (start-up runs and diagnostic runs)
 */
public record BenchOptions(Path repo, List<String> guests, List<EngineId> engines, int runs, EngineId baseline,
        double timeoutSeconds, LaunchMode launch, Path outDir, Workload.Size size, String append, int interpRuns,
        boolean breakdown) {

    public static final int DEFAULT_RUNS = 5;
    public static final double DEFAULT_TIMEOUT_SECONDS = 300;
    /** With a command line (--size long, --append) a run may be long: the interpreter needs up to ~6 minutes for crc32 long. */
    public static final double DEFAULT_LONG_TIMEOUT_SECONDS = 1200;

    public static final String USAGE = """
            Usage: jvmm bench [options]
            Runs guests as whole processes on several engines, alternating engines within each round,
            and reports median wall and CPU (user+sys) times, ratios and guest MIPS.

              --guests a,b          guests to run (default: the CPU-bound guests of the catalogue)
              --engines e1,e2       interp, jit, kvm, qemu-tcg, qemu-kvm, native (default: all, but on
                                    PVM not kvm and qemu-kvm; missing ones are reported; native runs
                                    the guests built as host programs too, coremark)
              --runs N              timed runs per guest and engine (default: 5)
              --baseline ENGINE     ratios are relative to this engine (default: qemu-tcg if it runs, else interp)
              --timeout SECONDS     kill a run after this long and report it failed (default: 300;
                                    1200 with --size long or --append)
              --size default|1s|long|10s
                                    guest workload: default = the catalogue's runs (~0.1 s on QEMU TCG,
                                    mostly start-up); 1s, long, 10s = rounds=N per guest for ~1, ~4 or
                                    ~10 s CPU per QEMU TCG run (long: sieve* 750, crc32 10000, sort* 140,
                                    matmul* 700, mixed32 430, coremark 18000 iterations, spectral32 45, spectral64 450)
              --append STRING       kernel command line for every guest instead (e.g. rounds=50)
              --interp-runs N       run the interpreter in the first N rounds only (default: every
                                    round); at --size long one interp run takes 2-6 minutes per guest,
                                    so use 1, or leave interp out of --engines
              --breakdown on|off    where the jit's time goes: start-up runs of hello-pm32 and one
                                    untimed diagnostic run per guest (--stats, thread CPU); default on
              --launch java|script  start jvmm engines with java directly (default) or through ./jvmm run
              --repo DIR            the jvmm checkout (default: the current directory)
              --out DIR             where latest.md and latest.svg go (default: REPO/bench/results)
              --help                this text
            """;

    /** Parses {@code args}; throws with a one-line explanation for anything it does not accept. */
    public static BenchOptions parse(String... args) throws BenchUsageException {
        Path repo = Path.of("");
        List<String> guests = List.of();
        List<EngineId> engines = List.of(EngineId.values());
        int runs = DEFAULT_RUNS;
        EngineId baseline = null;
        Double timeout = null;
        LaunchMode launch = LaunchMode.JAVA;
        Path out = null;
        Workload.Size size = Workload.Size.DEFAULT;
        boolean sizeGiven = false;
        String append = null;
        Integer interpRuns = null;
        boolean breakdown = true;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg, inlineValue = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                inlineValue = arg.substring(eq + 1);
            }
            if (name.equals("--help") || name.equals("-h")) throw new HelpRequested();
            if (!name.startsWith("--")) throw new BenchUsageException("unexpected argument '" + arg + "' (options start with --; see --help)");
            String value;
            if (inlineValue != null) {
                value = inlineValue;
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new BenchUsageException(name + " needs a value");
            }
            switch (name) {
                case "--repo" -> repo = Path.of(value);
                case "--guests" -> guests = list(name, value);
                case "--engines" -> engines = engines(value);
                case "--runs" -> runs = positiveInt(name, value, 1000);
                case "--baseline" -> baseline = engine(value);
                case "--timeout" -> timeout = positiveSeconds(name, value);
                case "--launch" -> launch = launchMode(value);
                case "--out" -> out = Path.of(value);
                case "--size" -> {
                    size = Workload.Size.byId(value);
                    sizeGiven = true;
                }
                case "--append" -> append = commandLine(value);
                case "--interp-runs" -> interpRuns = positiveInt(name, value, 1000);
                case "--breakdown" -> breakdown = onOff(name, value);
                default -> throw new BenchUsageException("unknown option " + name + "; see --help");
            }
        }
        if (baseline != null && !engines.contains(baseline)) {
            throw new BenchUsageException("--baseline " + baseline.id() + " is not among the engines compared ("
                    + String.join(",", engines.stream().map(EngineId::id).toList()) + ")");
        }
        if (append != null && sizeGiven) {
            throw new BenchUsageException("give --size or --append, not both");
        }
        if (timeout == null) {
            timeout = append != null || size != Workload.Size.DEFAULT ? DEFAULT_LONG_TIMEOUT_SECONDS : DEFAULT_TIMEOUT_SECONDS;
        }
        return new BenchOptions(repo, guests, engines, runs, baseline, timeout, launch, out, size, append,
                interpRuns == null ? runs : Math.min(interpRuns, runs), breakdown);
    }

    /** These options with {@code engines} instead. */
    public BenchOptions withEngines(List<EngineId> engines) {
        return new BenchOptions(repo, guests, engines, runs, baseline, timeoutSeconds, launch, outDir, size, append,
                interpRuns, breakdown);
    }

    /** Thrown for {@code --help}: not an error, the caller prints {@link #USAGE} and exits 0. */
    public static final class HelpRequested extends BenchUsageException {
        HelpRequested() {
            super("help requested");
        }
    }

    /** The output directory: {@code --out}, or {@code <repo>/bench/results}. */
    public Path resultsDir() {
        return outDir != null ? outDir : repo.resolve("bench").resolve("results");
    }

    private static List<String> list(String option, String value) throws BenchUsageException {
        List<String> items = new ArrayList<>();
        for (String s : value.split(",")) {
            String t = s.trim();
            if (t.isEmpty()) throw new BenchUsageException(option + " has an empty item in '" + value + "'");
            if (items.contains(t)) throw new BenchUsageException(option + " names '" + t + "' twice");
            items.add(t);
        }
        return List.copyOf(items);
    }

    private static List<EngineId> engines(String value) throws BenchUsageException {
        LinkedHashSet<EngineId> out = new LinkedHashSet<>();
        for (String id : list("--engines", value)) out.add(engine(id));
        return List.copyOf(out);
    }

    private static EngineId engine(String id) throws BenchUsageException {
        try {
            return EngineId.byId(id.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BenchUsageException(e.getMessage());
        }
    }

    private static String commandLine(String value) throws BenchUsageException {
        if (value.isBlank()) throw new BenchUsageException("--append needs a command line, e.g. rounds=50");
        return value;
    }

    private static boolean onOff(String option, String value) throws BenchUsageException {
        return switch (value) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new BenchUsageException(option + " must be on or off, not '" + value + "'");
        };
    }

    private static LaunchMode launchMode(String value) throws BenchUsageException {
        return switch (value) {
            case "java" -> LaunchMode.JAVA;
            case "script" -> LaunchMode.SCRIPT;
            default -> throw new BenchUsageException("--launch must be java or script, not '" + value + "'");
        };
    }

    private static int positiveInt(String option, String value, int max) throws BenchUsageException {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= max) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BenchUsageException(option + " must be a whole number from 1 to " + max + ", not '" + value + "'");
    }

    private static double positiveSeconds(String option, String value) throws BenchUsageException {
        try {
            double d = Double.parseDouble(value.trim());
            if (d > 0 && Double.isFinite(d)) return d;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BenchUsageException(option + " must be a positive number of seconds, not '" + value + "'");
    }
}
