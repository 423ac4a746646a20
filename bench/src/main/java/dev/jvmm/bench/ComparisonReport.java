package dev.jvmm.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a finished comparison found, in the order to show it; rendered by {@link MarkdownReport}
 * and {@link SvgChart}.
 *
 * @param title       one line: when, and which command
 * @param host        the machine
 * @param guests      guest names, in run order
 * @param engines     the engines that ran, in the order asked for
 * @param unavailable engines asked for that could not run, with the reason and how to get them
 * @param baseline    the engine ratios are relative to, or null if none ran
 * @param cells       one per guest and engine that ran
 * @param notes       further lines for the reader (how times were taken)
 * @param workload    each guest's kernel command line
 * @param outputReferences for the guests run with a command line, whose output the others had to match
 *                    ({@link OutputAgreement})
 * @param jitProfile  what was measured to break the jit's time down, or null if nothing was
 */
public record ComparisonReport(String title, HostInfo host, List<String> guests, List<EngineId> engines,
        Map<EngineId, String> unavailable, EngineId baseline, List<Cell> cells, List<String> notes,
        Workload workload, Map<String, EngineId> outputReferences, JitProfile jitProfile) {

    public ComparisonReport {
        guests = List.copyOf(guests);
        engines = List.copyOf(engines);
        unavailable = new LinkedHashMap<>(unavailable);
        cells = List.copyOf(cells);
        notes = List.copyOf(notes);
        outputReferences = new LinkedHashMap<>(outputReferences);
    }

    /**
     * Where the median jit CPU time of {@code guest} goes, or null when the jit did not time it or no
     * profile was taken.
     */
    public JitBreakdown jitBreakdown(String guest) {
        Cell jit = cell(guest, EngineId.JIT);
        if (jitProfile == null || jit == null || !jit.hasTimes()) return null;
        JitDiagnostics d = jitProfile.guests().get(guest);
        if (d == null) return null;
        double startup = jitProfile.startup() != null ? jitProfile.startup().medianCpu() : Double.NaN;
        return JitBreakdown.of(jit.medianCpu(), startup, d, jitProfile.startupDiagnostics());
    }

    /** The cell of {@code guest} on {@code engine}, or null if that engine did not run. */
    public Cell cell(String guest, EngineId engine) {
        for (Cell c : cells) {
            if (c.guest().equals(guest) && c.engine() == engine) return c;
        }
        return null;
    }

    /**
     * The instruction count of {@code guest} to compute MIPS with for an engine that counts none: what a
     * jvmm engine counted for the same guest (the interpreter first). The guests are deterministic
     * programs, so the count is a property of the program, not of the engine that ran it.
     */
    public long referenceInstructions(String guest) {
        for (EngineId e : List.of(EngineId.INTERP, EngineId.JIT, EngineId.KVM)) {
            Cell c = cell(guest, e);
            if (c != null && c.instructions() > 0) return c.instructions();
        }
        return RunResult.UNKNOWN;
    }

    /** True if every run of every cell gave the expected result. */
    public boolean allSucceeded() {
        return cells.stream().allMatch(c -> c.failedCount() == 0);
    }

    /** Groups timed runs into cells, one per guest and engine in the given orders. */
    public static List<Cell> cells(List<String> guests, List<EngineId> engines, List<RunResult> results,
            Map<String, Map<EngineId, String>> notApplicable) {
        List<Cell> out = new ArrayList<>();
        for (String g : guests) {
            for (EngineId e : engines) {
                List<RunResult> runs = results.stream().filter(r -> r.guest().equals(g) && r.engine() == e).toList();
                String na = notApplicable.getOrDefault(g, Map.of()).get(e);
                out.add(new Cell(g, e, runs, na));
            }
        }
        return out;
    }
}
