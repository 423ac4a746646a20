package dev.jvmm.bench;

import java.util.List;

/**
 * Every run of one guest on one engine, and the figures the report shows for them.
 *
 * @param guest          the guest's name
 * @param engine         the engine
 * @param runs           the timed runs (failed ones included), in round order
 * @param notApplicable  why the engine cannot run this guest at all (e.g. QEMU and an ELF64 image), or null
 */
public record Cell(String guest, EngineId engine, List<RunResult> runs, String notApplicable) {
    public Cell {
        runs = List.copyOf(runs);
    }

    public List<RunResult> succeeded() {
        return runs.stream().filter(RunResult::succeeded).toList();
    }

    public int failedCount() {
        return runs.size() - succeeded().size();
    }

    /** True if at least one run gave the expected result, so there are times to show. */
    public boolean hasTimes() {
        return !succeeded().isEmpty();
    }

    public double medianWall() {
        return hasTimes() ? Stats.median(succeeded().stream().map(r -> r.timing().wallSeconds()).toList()) : Double.NaN;
    }

    public double medianCpu() {
        return hasTimes() ? Stats.median(succeeded().stream().map(r -> r.timing().cpuSeconds()).toList()) : Double.NaN;
    }

    /** {@code {min, max}} CPU seconds of the successful runs. */
    public double[] cpuRange() {
        return hasTimes() ? Stats.range(succeeded().stream().map(r -> r.timing().cpuSeconds()).toList())
                : new double[] {Double.NaN, Double.NaN};
    }

    /** The median peak resident set size in KiB over the successful runs that measured it, or -1. */
    public long medianPeakRssKilobytes() {
        List<Double> known = succeeded().stream().filter(r -> r.timing().peakRssKilobytes() > 0)
                .map(r -> (double) r.timing().peakRssKilobytes()).toList();
        return known.isEmpty() ? -1 : Math.round(Stats.median(known));
    }

    /** The median of the guest's own score ({@link GuestScore}) over the successful runs, or NaN if it reports none. */
    public double medianScore() {
        List<Double> scores = succeeded().stream().map(r -> GuestScore.of(guest, r.output())).filter(d -> !Double.isNaN(d)).toList();
        return scores.isEmpty() ? Double.NaN : Stats.median(scores);
    }

    /** The instruction count the engine reported (the median over runs), or {@link RunResult#UNKNOWN}. */
    public long instructions() {
        List<Double> known = succeeded().stream().filter(r -> r.instructions() > 0)
                .map(r -> (double) r.instructions()).toList();
        return known.isEmpty() ? RunResult.UNKNOWN : Math.round(Stats.median(known));
    }

    /** The distinct failure reasons, in the order they first happened. */
    public List<String> failures() {
        return runs.stream().filter(r -> !r.succeeded()).map(RunResult::failure).distinct().toList();
    }
}
