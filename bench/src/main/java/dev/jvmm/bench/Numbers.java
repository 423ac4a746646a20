package dev.jvmm.bench;

import java.util.Locale;

/** How figures are written in reports; a missing figure (NaN) is an em dash, never a made-up zero. */
final class Numbers {
    static final String MISSING = "—";

    private Numbers() {}

    static String seconds(double s) {
        return Double.isNaN(s) ? MISSING : String.format(Locale.ROOT, "%.3f", s);
    }

    /** A ratio with three significant digits: 0.0123, 1.23, 12.3, 123. */
    static String ratio(double r) {
        if (Double.isNaN(r)) return MISSING;
        return significant(r) + "×";
    }

    static String mips(double m) {
        return Double.isNaN(m) ? MISSING : significant(m);
    }

    /** An axis tick: as short as it can be, {@code 0.01}, {@code 0.5}, {@code 20}. */
    static String tick(double v) {
        return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    static String significant(double v) {
        if (v == 0) return "0";
        int digits = Math.max(0, 2 - (int) Math.floor(Math.log10(Math.abs(v))));
        return String.format(Locale.ROOT, "%." + Math.min(digits, 6) + "f", v);
    }
}
