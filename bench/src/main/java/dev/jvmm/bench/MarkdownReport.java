package dev.jvmm.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link ComparisonReport} as Markdown: a header, the workload, one table, where the jit's time
 * goes, what did not run, what failed.
 */
public final class MarkdownReport {
    private MarkdownReport() {}

    /** The name shown for an engine; engines on /dev/kvm say what kind of /dev/kvm it is. */
    public static String engineLabel(EngineId engine, HostInfo host) {
        return engine.usesKvm() ? engine.label() + " [" + host.kvmKind() + "]" : engine.label();
    }

    public static String render(ComparisonReport r) {
        StringBuilder md = new StringBuilder();
        md.append("# jvmm engine comparison\n\n");
        md.append(r.title()).append("\n\n");
        md.append("Machine: ").append(r.host().describe()).append("\n\n");
        md.append("Engines: ").append(r.engines().isEmpty() ? "none ran"
                : String.join(", ", r.engines().stream().map(e -> engineLabel(e, r.host())).toList()));
        if (!r.unavailable().isEmpty()) {
            md.append("; **not run: ").append(String.join(", ", r.unavailable().keySet().stream().map(EngineId::id).toList()))
                    .append("** (why: below)");
        }
        md.append("\n\n");
        workload(md, r);
        String base = r.baseline() == null ? null : r.baseline().id();
        md.append("| guest | engine | runs ok | median wall s | median CPU s | CPU min–max s | CPU vs ")
                .append(base == null ? "baseline" : base).append(" | wall vs ").append(base == null ? "baseline" : base)
                .append(" | guest MIPS | peak RSS MiB | guest's own score |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        boolean borrowedCount = false;
        for (String guest : r.guests()) {
            Cell baseCell = r.baseline() == null ? null : r.cell(guest, r.baseline());
            for (EngineId e : r.engines()) {
                Cell c = r.cell(guest, e);
                if (c == null) continue;
                md.append("| ").append(guest).append(" | ").append(engineLabel(e, r.host())).append(" | ");
                if (c.notApplicable() != null) {
                    md.append("n/a | ").append(c.notApplicable().replace("|", "\\|")).append(" | | | | | | | |\n");
                    continue;
                }
                md.append(c.succeeded().size()).append('/').append(c.runs().size());
                if (!c.hasTimes()) {
                    md.append(" | **FAILED** | | | | | | | |\n");
                    continue;
                }
                double[] range = c.cpuRange();
                double baseCpu = baseCell == null ? Double.NaN : baseCell.medianCpu();
                double baseWall = baseCell == null ? Double.NaN : baseCell.medianWall();
                long count = c.instructions();
                String mark = "";
                if (count <= 0) {
                    count = r.referenceInstructions(guest);
                    if (count > 0) {
                        mark = " †";
                        borrowedCount = true;
                    }
                }
                md.append(c.failedCount() > 0 ? " (**" + c.failedCount() + " FAILED**)" : "")
                        .append(" | ").append(Numbers.seconds(c.medianWall()))
                        .append(" | ").append(Numbers.seconds(c.medianCpu()))
                        .append(" | ").append(Numbers.seconds(range[0])).append("–").append(Numbers.seconds(range[1]))
                        .append(" | ").append(Numbers.ratio(Stats.ratio(c.medianCpu(), baseCpu)))
                        .append(" | ").append(Numbers.ratio(Stats.ratio(c.medianWall(), baseWall)))
                        .append(" | ").append(Numbers.mips(Stats.mips(count, c.medianWall()))).append(mark)
                        .append(" | ").append(c.medianPeakRssKilobytes() > 0
                                ? String.format(Locale.ROOT, "%.0f", c.medianPeakRssKilobytes() / 1024.0) : Numbers.MISSING)
                        .append(" | ").append(score(c))
                        .append(" |\n");
            }
        }
        md.append('\n');
        if (borrowedCount) {
            md.append("† this engine counts no instructions; MIPS uses the count a jvmm engine retired for the same guest.\n\n");
        }
        jitBreakdown(md, r);
        if (!r.unavailable().isEmpty()) {
            md.append("Not run:\n\n");
            for (Map.Entry<EngineId, String> u : r.unavailable().entrySet()) {
                md.append("- ").append(u.getKey().id()).append(": ").append(u.getValue()).append('\n');
            }
            md.append('\n');
        }
        boolean anyFailure = false;
        for (Cell c : r.cells()) {
            for (String f : c.failures()) {
                if (!anyFailure) md.append("Failures (never timed):\n\n");
                anyFailure = true;
                md.append("- ").append(c.guest()).append(" on ").append(c.engine().id()).append(": ").append(f.replace("|", "\\|")).append('\n');
            }
        }
        if (anyFailure) md.append('\n');
        if (!r.notes().isEmpty()) {
            md.append("How it was measured:\n\n");
            for (String n : r.notes()) md.append("- ").append(n).append('\n');
            md.append('\n');
        }
        return md.toString();
    }

    /** The guest's own median score with its unit, e.g. {@code 4,733.7 iterations/s}, or blank. */
    private static String score(Cell c) {
        double s = c.medianScore();
        return Double.isNaN(s) ? "" : String.format(Locale.ROOT, "%,.1f %s", s, GuestScore.unit(c.guest()));
    }

    /** Each guest's command line, instruction count and what its output was checked against. */
    private static void workload(StringBuilder md, ComparisonReport r) {
        md.append("Workload: ").append(r.workload().description())
                .append(" — the kernel command line of each guest (`jvmm run --append`, QEMU `-append`):\n\n");
        md.append("| guest | command line | instructions retired | output checked against |\n|---|---|---:|---|\n");
        for (String guest : r.guests()) {
            String line = r.workload().commandLine(guest);
            EngineId ref = r.outputReferences().get(guest);
            String check = line == null ? "the catalogue's text, exactly"
                    : ref == null ? "its shape only (no run succeeded)"
                    : "its shape, and " + engineLabel(ref, r.host()) + "'s output: every run printed the same";
            md.append("| ").append(guest).append(" | ")
                    .append(line == null ? "none (the default run)" : "`" + line.replace("|", "\\|") + "`").append(" | ")
                    .append(count(r.referenceInstructions(guest))).append(" | ").append(check).append(" |\n");
        }
        md.append('\n');
    }

    /** The jit's CPU time split into start-up and the CPU time of each kind of thread, plus its counters. */
    private static void jitBreakdown(StringBuilder md, ComparisonReport r) {
        JitProfile p = r.jitProfile();
        if (p == null) return;
        md.append("## Where the jit's time goes\n\n");
        Cell startup = p.startup();
        JitDiagnostics sd = p.startupDiagnostics();
        md.append("The median CPU time of the timed jit runs, by what spends it"
                + " (CPU time including start-up; jvmm aims at jit ÷ qemu-tcg below 1 and interp ÷ jit of 20 or more):\n\n");
        md.append("- **start-up**: ").append(Comparison.STARTUP_GUEST.name()).append(" (500 instructions) on jit, ")
                .append(startup != null && startup.hasTimes()
                        ? Numbers.seconds(startup.medianCpu()) + " s CPU (" + runs(startup.succeeded().size()) + ")"
                        : "FAILED")
                .append(": the JVM, jvmm and the PC before any work;\n");
        md.append("- then the CPU time of each kind of thread in one untimed diagnostic run per guest (Linux schedstat,"
                + " sampled every " + TimedProcess.SAMPLE_INTERVAL_MILLIS + " ms), less the same in a diagnostic run of ")
                .append(Comparison.STARTUP_GUEST.name()).append(sd.failure() != null ? " (FAILED: " + sd.failure() + ")" : "")
                .append(": **vCPU** = the main thread running the guest (translated units, the interpreter, unit exits,"
                        + " devices); **C1+C2** = HotSpot's compiler threads (the generated units and jvmm's own hot code);"
                        + " **translator** = jvmm's translator thread; **other** = the JVM's other threads (VM thread and"
                        + " serial GC) and time the sampling missed. These come from another run than the median, so"
                        + " start-up plus parts (the column Σ) can differ from it a little.\n\n");
        md.append("| guest | jit CPU s | start-up | vCPU | C1+C2 | translator | other | Σ | jit ÷ qemu-tcg | interp ÷ jit |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String guest : r.guests()) {
            JitBreakdown b = r.jitBreakdown(guest);
            md.append("| ").append(guest).append(" | ");
            if (b == null) {
                md.append("no jit times | | | | | | | | |\n");
                continue;
            }
            md.append(Numbers.seconds(b.total()));
            for (double part : new double[] {b.startup(), b.vcpu(), b.compiling(), b.translation(), b.other()}) {
                md.append(" | ").append(Numbers.seconds(part));
                if (!Double.isNaN(part)) md.append(" (").append(percent(b.share(part), 0)).append(")");
            }
            md.append(" | ").append(Numbers.seconds(b.partsSum()))
                    .append(" | ").append(versus(r, guest, EngineId.JIT, EngineId.QEMU_TCG))
                    .append(" | ").append(versus(r, guest, EngineId.INTERP, EngineId.JIT)).append(" |\n");
        }
        md.append('\n');
        md.append("The diagnostic runs: jvmm's `--stats` counters (translating ms: the translator's own clock) and"
                + " CPU seconds of the whole run and of its vCPU and compiler threads, start-up included:\n\n");
        md.append("| guest | instructions | in units | units translated | translating ms | unit runs | unit exits by reason | CPU s | vCPU | C1+C2 |\n");
        md.append("|---|---:|---:|---:|---:|---:|---|---:|---:|---:|\n");
        List<String> rows = new ArrayList<>(r.guests());
        rows.add(Comparison.STARTUP_GUEST.name() + " (start-up)");
        for (String row : rows) {
            JitDiagnostics d = row.endsWith(" (start-up)") ? sd : p.guests().get(row);
            md.append("| ").append(row).append(" | ");
            if (d == null || d.failure() != null) {
                md.append("**FAILED**: ").append(d == null ? "not run" : d.failure().replace("|", "\\|")).append(" | | | | | | | | |\n");
                continue;
            }
            ThreadCpu t = d.threads();
            md.append(count(d.instructions())).append(" | ").append(percent(d.inUnitsFraction(), 2)).append(" | ")
                    .append(count(d.unitsTranslated())).append(" | ")
                    .append(Double.isNaN(d.translationMillis()) ? Numbers.MISSING : String.format(Locale.ROOT, "%.1f", d.translationMillis()))
                    .append(" | ").append(count(d.unitRuns())).append(" | ")
                    .append(exits(d.exits())).append(" | ").append(Numbers.seconds(d.processCpuSeconds()))
                    .append(" | ").append(t == null ? Numbers.MISSING : Numbers.seconds(t.mainSeconds()))
                    .append(" | ").append(t == null ? Numbers.MISSING : Numbers.seconds(t.compilerSeconds())).append(" |\n");
        }
        md.append('\n');
    }

    /**
     * Median CPU of {@code engine} ÷ that of {@code other} on {@code guest}: "not run" if either engine did
     * not run at all, "n/a" if one cannot run this guest, a dash if one has no times.
     */
    static String versus(ComparisonReport r, String guest, EngineId engine, EngineId other) {
        Cell a = r.cell(guest, engine), b = r.cell(guest, other);
        if (a == null || b == null) return (a == null ? engine : other).id() + " not run";
        if (a.notApplicable() != null || b.notApplicable() != null) return "n/a";
        return Numbers.ratio(Stats.ratio(a.medianCpu(), b.medianCpu()));
    }

    /** Non-zero exit counts, largest first: {@code budget 369,756, branch 111}. */
    private static String exits(Map<String, Long> exits) {
        if (exits.isEmpty()) return Numbers.MISSING;
        List<String> parts = exits.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getKey() + " " + count(e.getValue())).toList();
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    /** An instruction or event count: {@code 513}, {@code 369,978}, and millions as {@code 1,518 M}. */
    static String count(long n) {
        if (n < 0) return Numbers.MISSING;
        if (n >= 10_000_000) return String.format(Locale.ROOT, "%,d M", Math.round(n / 1e6));
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String runs(int n) {
        return n == 1 ? "1 run" : "median of " + n + " runs";
    }

    private static String percent(double fraction, int decimals) {
        return Double.isNaN(fraction) ? Numbers.MISSING : String.format(Locale.ROOT, "%." + decimals + "f%%", fraction * 100);
    }
}
