package dev.jvmm.bench.kvm;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** Text of the benchmark's per-round lines and final summary. */
final class Report {
    private Report() {}

    static final String HEADER = "round |  C ns/exit | raw FFM | engine | engine/C | engine: in KVM_RUN, in Java"
            + " per exit | raw FFM: in KVM_RUN, in Java | C: in KVM_RUN, in C";

    static String roundLine(int round, RoundTrip c, RoundTrip raw, RoundTrip java) {
        return String.format("%5d | %10s | %7.0f | %6.0f | %8s | %13.0f, %6.0f ns | %s | %s", round,
                c == null ? "-" : String.format("%.0f", c.nanosPerExit()), raw.nanosPerExit(), java.nanosPerExit(),
                c == null ? "-" : String.format("%.3f", Summary.ratio(java.nanosPerExit(), c.nanosPerExit())),
                java.kvmRunNanosPerExit(), java.userNanosPerExit(), split(raw), c == null ? "-" : split(c));
    }

    private static String split(RoundTrip t) {
        return String.format("%.0f, %.0f ns", t.kvmRunNanosPerExit(), t.userNanosPerExit());
    }

    static String summary(List<RoundTrip> c, List<RoundTrip> raw, List<RoundTrip> java, long checksum) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("checksum %d matched in every run%n", checksum));
        List<Double> jt = values(java, RoundTrip::nanosPerExit);
        sb.append(line("engine (jvmm KvmEngine)", java));
        sb.append(line("raw FFM loop", raw));
        if (c.isEmpty()) return sb.append("no C baseline: no ratio").toString();
        sb.append(line("C", c));
        List<Double> ct = values(c, RoundTrip::nanosPerExit);
        double ratio = Summary.ratio(Summary.median(jt), Summary.median(ct));
        List<Double> paired = Summary.pairedRatios(jt, ct);
        sb.append(String.format("raw FFM/C = %.3f%n", Summary.ratio(Summary.median(values(raw, RoundTrip::nanosPerExit)),
                Summary.median(ct))));
        double pairedMedian = Summary.median(paired);
        sb.append(String.format("engine/C = %.3f (median of the per-round ratios, which span %.3f..%.3f; ratio of "
                        + "medians %.3f): target <= %.1fx %s", pairedMedian, Summary.min(paired), Summary.max(paired),
                ratio, Summary.TARGET_RATIO, Summary.targetMet(pairedMedian) ? "MET" : "NOT met"));
        return sb.toString();
    }

    static String downcallLine(double c, DowncallCost.Result j) {
        return String.format("no-op ioctl (KVM_GET_API_VERSION), fastest of 3 x 200000: C %s; Java via the engine's "
                + "LibC.ioctl %.0f ns, with errno captured into a fixed buffer %.0f ns, without errno capture %.0f ns",
                Double.isNaN(c) ? "not run" : String.format("%.0f ns", c), j.libc(), j.fixedCapture(), j.plain());
    }

    /** Median ns per exit with its spread, and the medians of the KVM_RUN / user-space split. */
    private static String line(String who, List<RoundTrip> trips) {
        List<Double> perExit = values(trips, RoundTrip::nanosPerExit);
        return String.format("%-24s median %6.0f ns/exit (min %.0f, max %.0f, %d runs); per exit %.0f ns inside "
                        + "KVM_RUN, %.0f ns outside%n", who, Summary.median(perExit), Summary.min(perExit),
                Summary.max(perExit), perExit.size(), Summary.median(values(trips, RoundTrip::kvmRunNanosPerExit)),
                Summary.median(values(trips, RoundTrip::userNanosPerExit)));
    }

    private static List<Double> values(List<RoundTrip> trips, ToDoubleFunction<RoundTrip> f) {
        return trips.stream().map(t -> f.applyAsDouble(t)).toList();
    }
}
