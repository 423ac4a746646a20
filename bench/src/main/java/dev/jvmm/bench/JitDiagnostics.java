package dev.jvmm.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one untimed diagnostic run of the jit engine showed: jvmm's {@code --stats} counters from its
 * stderr, the CPU time of its threads by kind ({@link ThreadCpuSampler}) and of the whole process. A
 * figure the run did not give (another jvmm version, no /proc) is -1, NaN or null and shows as a dash.
 *
 * @param instructions             instructions retired
 * @param interpretedOutsideUnits  of those, run by the interpreter outside translated units
 * @param unitsTranslated          translated units (regions of guest code turned into JVM classes)
 * @param translationMillis        the translator's own clock for its work, as --stats prints it
 * @param unitRuns                 times a unit was entered
 * @param exits                    unit exits by reason, as --stats names them, in its order
 * @param threads                  CPU seconds per kind of thread, or null if not sampled
 * @param processCpuSeconds        CPU seconds of the whole process (bash's {@code times})
 * @param failure                  why the run gave no figures, or null
 */
public record JitDiagnostics(long instructions, long interpretedOutsideUnits, long unitsTranslated,
        double translationMillis, long unitRuns, Map<String, Long> exits, ThreadCpu threads, double processCpuSeconds,
        String failure) {

    private static final Pattern RETIRED = Pattern.compile("instructions retired: ([\\d,]+)");
    private static final Pattern INTERPRETED = Pattern.compile("(\\d+) interpreted outside units");
    private static final Pattern TRANSLATED = Pattern.compile("(\\d+) units translated \\([^)]*?([\\d.]+) ms\\)");
    private static final Pattern UNIT_RUNS = Pattern.compile("unit runs (\\d+), exits:([^\\n]*)");
    private static final Pattern EXIT = Pattern.compile("([\\w-]+)=(\\d+)");

    public JitDiagnostics {
        exits = Collections.unmodifiableMap(new LinkedHashMap<>(exits));
    }

    /** A diagnostic run that gave nothing to read. */
    public static JitDiagnostics failed(String why) {
        return new JitDiagnostics(RunResult.UNKNOWN, RunResult.UNKNOWN, RunResult.UNKNOWN, Double.NaN, RunResult.UNKNOWN,
                Map.of(), null, Double.NaN, why);
    }

    /** Reads the counters from the stderr of {@code jvmm run --engine jit --stats}; {@code threads} and {@code processCpuSeconds} as measured. */
    public static JitDiagnostics parse(String stderr, ThreadCpu threads, double processCpuSeconds) {
        long retired = ResultCheck.instructionsRetired(stderr);
        long interpreted = number(INTERPRETED, stderr);
        long units = RunResult.UNKNOWN;
        double translation = Double.NaN;
        Matcher t = TRANSLATED.matcher(stderr);
        if (t.find()) {
            units = Long.parseLong(t.group(1));
            translation = Double.parseDouble(t.group(2));
        }
        long unitRuns = RunResult.UNKNOWN;
        Map<String, Long> exits = new LinkedHashMap<>();
        Matcher u = UNIT_RUNS.matcher(stderr);
        if (u.find()) {
            unitRuns = Long.parseLong(u.group(1));
            Matcher e = EXIT.matcher(u.group(2));
            while (e.find()) exits.put(e.group(1), Long.parseLong(e.group(2)));
        }
        return new JitDiagnostics(retired, interpreted, units, translation, unitRuns, exits, threads, processCpuSeconds, null);
    }

    /** The share of the instructions retired inside translated units, 0 to 1, or NaN if unknown. */
    public double inUnitsFraction() {
        if (instructions <= 0 || interpretedOutsideUnits < 0) return Double.NaN;
        return (double) (instructions - interpretedOutsideUnits) / instructions;
    }

    /** All unit exits, whatever the reason, or -1 if none were reported. */
    public long totalExits() {
        return exits.isEmpty() ? RunResult.UNKNOWN : exits.values().stream().mapToLong(Long::longValue).sum();
    }

    private static long number(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? Long.parseLong(m.group(1)) : RunResult.UNKNOWN;
    }
}
