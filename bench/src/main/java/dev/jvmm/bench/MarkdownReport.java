package dev.jvmm.bench;

import java.util.Map;

/** Renders a {@link ComparisonReport} as Markdown: a header, one table, what did not run, what failed. */
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
        String base = r.baseline() == null ? null : r.baseline().id();
        md.append("| guest | engine | runs ok | median wall s | median CPU s | CPU min–max s | CPU vs ")
                .append(base == null ? "baseline" : base).append(" | wall vs ").append(base == null ? "baseline" : base)
                .append(" | guest MIPS |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        boolean borrowedCount = false;
        for (String guest : r.guests()) {
            Cell baseCell = r.baseline() == null ? null : r.cell(guest, r.baseline());
            for (EngineId e : r.engines()) {
                Cell c = r.cell(guest, e);
                if (c == null) continue;
                md.append("| ").append(guest).append(" | ").append(engineLabel(e, r.host())).append(" | ");
                if (c.notApplicable() != null) {
                    md.append("n/a | ").append(c.notApplicable().replace("|", "\\|")).append(" | | | | | |\n");
                    continue;
                }
                md.append(c.succeeded().size()).append('/').append(c.runs().size());
                if (!c.hasTimes()) {
                    md.append(" | **FAILED** | | | | | |\n");
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
                        .append(" |\n");
            }
        }
        md.append('\n');
        if (borrowedCount) {
            md.append("† this engine counts no instructions; MIPS uses the count a jvmm engine retired for the same guest.\n\n");
        }
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
}
