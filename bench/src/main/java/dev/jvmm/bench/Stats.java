package dev.jvmm.bench;

import java.util.Arrays;
import java.util.Collection;

/** The little arithmetic a benchmark report needs: medians and ratios. */
public final class Stats {
    private Stats() {}

    /**
     * The median of {@code values}: the middle one, or the mean of the two middle ones for an even count.
     * The median, not the mean, because one run disturbed by another process should not move the result.
     */
    public static double median(Collection<Double> values) {
        if (values.isEmpty()) throw new IllegalArgumentException("median of no values");
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /**
     * How many times longer {@code value} took than {@code baseline}: 2.0 means twice as slow,
     * 0.5 twice as fast. NaN when the baseline is zero or missing (NaN), so no ratio is invented.
     */
    public static double ratio(double value, double baseline) {
        if (Double.isNaN(value) || Double.isNaN(baseline) || baseline <= 0) return Double.NaN;
        return value / baseline;
    }

    /** Millions of instructions per second; NaN when either figure is unknown or the time is zero. */
    public static double mips(long instructions, double seconds) {
        if (instructions < 0 || Double.isNaN(seconds) || seconds <= 0) return Double.NaN;
        return instructions / seconds / 1e6;
    }

    /** The smallest and largest value, for a spread column. */
    public static double[] range(Collection<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        if (v.length == 0) throw new IllegalArgumentException("range of no values");
        Arrays.sort(v);
        return new double[] {v[0], v[v.length - 1]};
    }
}
