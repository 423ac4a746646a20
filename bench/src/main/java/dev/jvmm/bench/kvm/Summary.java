package dev.jvmm.bench.kvm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The pure arithmetic of the report: medians, spread, the Java/C ratio and the target verdict. */
final class Summary {
    /** The target: Java's round trip at most 1.1 times C's. */
    static final double TARGET_RATIO = 1.1;

    private Summary() {}

    static double median(List<Double> values) {
        if (values.isEmpty()) throw new IllegalArgumentException("median of no values");
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }

    static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** java / c; NaN when c is not a positive number. */
    static double ratio(double java, double c) {
        return c > 0 ? java / c : Double.NaN;
    }

    /** Element-wise java[i] / c[i] for paired rounds. */
    static List<Double> pairedRatios(List<Double> java, List<Double> c) {
        if (java.size() != c.size()) throw new IllegalArgumentException("unpaired rounds");
        List<Double> r = new ArrayList<>();
        for (int i = 0; i < java.size(); i++) r.add(ratio(java.get(i), c.get(i)));
        return r;
    }

    static boolean targetMet(double ratio) {
        return !Double.isNaN(ratio) && ratio <= TARGET_RATIO;
    }

    /**
     * Why a pair of runs may not be timed, or null if both ran the same guest and their devices saw
     * exactly the expected writes: the same guest bytes, n data exits each, the same checksum, and
     * that checksum the one the guest must produce.
     */
    static String mismatch(int n, RoundTrip c, String cGuestHex, RoundTrip java, String javaGuestHex) {
        long expected = GuestLoop.expectedChecksum(n);
        if (!cGuestHex.equalsIgnoreCase(javaGuestHex)) {
            return "guest bytes differ: C ran " + cGuestHex + ", Java ran " + javaGuestHex;
        }
        if (c.n() != n || c.dataExits() != n) return "C saw " + c.dataExits() + " data exits of " + c.n() + ", wanted " + n;
        if (java.dataExits() != n) return "Java saw " + java.dataExits() + " data exits, wanted " + n;
        if (c.checksum() != java.checksum()) {
            return "checksums differ: C " + c.checksum() + ", Java " + java.checksum() + " (expected " + expected + ")";
        }
        if (c.checksum() != expected) return "both checksums are " + c.checksum() + ", expected " + expected;
        return null;
    }
}
