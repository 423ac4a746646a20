package dev.jvmm.bench.kvm;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** Text of the benchmark's per-round lines and final summary. */
final class Report {
    private Report() {}

    static String roundLine(int round, RoundTrip c, RoundTrip java) {
        return String.format("%5d | %10s | %12.0f | %6s | %13.0f, %6.0f ns | %s", round,
                c == null ? "-" : String.format("%.0f", c.nanosPerExit()), java.nanosPerExit(),
                c == null ? "-" : String.format("%.3f", Summary.ratio(java.nanosPerExit(), c.nanosPerExit())),
                java.kvmRunNanosPerExit(), java.userNanosPerExit(),
                c == null ? "-" : String.format("%.0f, %.0f ns", c.kvmRunNanosPerExit(), c.userNanosPerExit()));
    }

    static String summary(List<RoundTrip> c, List<RoundTrip> java, long checksum) {
        StringBuilder sb = new StringBuilder();
        List<Double> jt = values(java, RoundTrip::nanosPerExit);
        sb.append(String.format("checksum %d matched in every run%n", checksum));
        sb.append(line("Java", jt));
        sb.append(String.format("  Java breakdown (medians): %.0f ns inside KVM_RUN, %.0f ns in Java per exit%n",
                Summary.median(values(java, RoundTrip::kvmRunNanosPerExit)),
                Summary.median(values(java, RoundTrip::userNanosPerExit))));
        if (c.isEmpty()) return sb.append("no C baseline: no ratio").toString();
        List<Double> ct = values(c, RoundTrip::nanosPerExit);
        sb.append(line("C", ct));
        sb.append(String.format("  C breakdown (medians): %.0f ns inside KVM_RUN, %.0f ns in C per exit%n",
                Summary.median(values(c, RoundTrip::kvmRunNanosPerExit)),
                Summary.median(values(c, RoundTrip::userNanosPerExit))));
        double ratio = Summary.ratio(Summary.median(jt), Summary.median(ct));
        List<Double> paired = Summary.pairedRatios(jt, ct);
        sb.append(String.format("Java/C = %.3f (ratio of medians; per-round ratios %.3f..%.3f, median %.3f): "
                        + "target <= %.1fx %s", ratio, Summary.min(paired), Summary.max(paired),
                Summary.median(paired), Summary.TARGET_RATIO, Summary.targetMet(ratio) ? "MET" : "NOT met"));
        return sb.toString();
    }

    private static String line(String who, List<Double> perExit) {
        return String.format("%-4s median %.0f ns/exit (min %.0f, max %.0f, %d runs)%n", who, Summary.median(perExit),
                Summary.min(perExit), Summary.max(perExit), perExit.size());
    }

    private static List<Double> values(List<RoundTrip> trips, ToDoubleFunction<RoundTrip> f) {
        return trips.stream().map(t -> f.applyAsDouble(t)).toList();
    }
}
