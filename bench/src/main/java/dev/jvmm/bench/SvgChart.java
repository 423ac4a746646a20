package dev.jvmm.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A grouped bar chart of median CPU time: one group per guest, one bar per engine, value labels on the
 * bars and a legend. When the bars span more than {@link #LOG_SCALE_SPREAD} times, the axis is
 * logarithmic (said on the axis), or the fast engines' bars would vanish.
 */
public final class SvgChart {
    static final double LOG_SCALE_SPREAD = 20;
    private static final String[] COLOURS = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#b07aa1"};
    private static final int BAR = 34, BAR_GAP = 6, GROUP_GAP = 48, LEFT = 78, RIGHT = 24, TOP = 92, PLOT_HEIGHT = 300;

    private static final String TITLE = "Median CPU time (user + sys) per guest run — lower is better";

    private SvgChart() {}

    /** A generous estimate of how wide {@code s} is drawn in a sans-serif font of {@code size} pixels. */
    static int textWidth(String s, int size, boolean bold) {
        return (int) Math.ceil(s.length() * size * (bold ? 0.62 : 0.56));
    }

    private static int legendWidth(ComparisonReport r) {
        int w = 0;
        for (EngineId e : r.engines()) w += legendEntryWidth(MarkdownReport.engineLabel(e, r.host()));
        return w;
    }

    private static int legendEntryWidth(String label) {
        return 16 + textWidth(label, 12, false) + 14;
    }

    public static String render(ComparisonReport r) {
        List<EngineId> engines = r.engines();
        int groupWidth = Math.max(1, engines.size()) * (BAR + BAR_GAP) - BAR_GAP;
        int groups = Math.max(1, r.guests().size());
        String notRun = r.unavailable().isEmpty() ? null
                : "Not run: " + String.join(", ", r.unavailable().keySet().stream().map(EngineId::id).toList()) + " (reasons in latest.md)";
        int width = Math.max(640, LEFT + RIGHT + Math.max(groups * (groupWidth + GROUP_GAP), Math.max(legendWidth(r),
                Math.max(textWidth(TITLE, 16, true), Math.max(textWidth(r.host().describe(), 11, false), textWidth(r.title(), 11, false))))));
        // The groups share the whole width, so a long title does not leave the bars huddled on the left.
        int plotWidth = width - LEFT - RIGHT;
        int slot = plotWidth / groups;
        int height = TOP + PLOT_HEIGHT + (notRun == null ? 70 : 88);
        double[] extent = extent(r);
        Scale scale = extent == null ? new Scale(false, 0, 1) : Scale.fit(extent[0], extent[1]);

        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
                width, height, width, height));
        svg.append(String.format("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        text(svg, LEFT, 22, "start", 16, "bold", TITLE);
        text(svg, LEFT, 40, "start", 11, "normal", r.host().describe());
        legend(svg, r, LEFT, 62);

        int baseY = TOP + PLOT_HEIGHT;
        for (double tick : scale.ticks()) {
            double y = baseY - scale.fraction(tick) * PLOT_HEIGHT;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#dddddd\"/>%n",
                    LEFT, y, LEFT + plotWidth, y));
            text(svg, LEFT - 6, y + 4, "end", 11, "normal", Numbers.tick(tick) + " s");
        }
        svg.append(String.format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", LEFT, TOP, LEFT, baseY));
        svg.append(String.format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", LEFT, baseY, LEFT + plotWidth, baseY));
        String axis = "CPU seconds" + (scale.log() ? " (log scale)" : "");
        svg.append(String.format(Locale.ROOT,
                "<text x=\"16\" y=\"%d\" transform=\"rotate(-90 16 %d)\" text-anchor=\"middle\" font-size=\"11\">%s</text>%n",
                TOP + PLOT_HEIGHT / 2, TOP + PLOT_HEIGHT / 2, escape(axis)));

        for (int g = 0; g < r.guests().size(); g++) {
            String guest = r.guests().get(g);
            int groupX = LEFT + g * slot + (slot - groupWidth) / 2;
            for (int e = 0; e < engines.size(); e++) {
                Cell c = r.cell(guest, engines.get(e));
                int x = groupX + e * (BAR + BAR_GAP);
                double cx = x + BAR / 2.0;
                if (c == null || c.notApplicable() != null) {
                    text(svg, cx, baseY - 6, "middle", 10, "normal", "n/a");
                } else if (!c.hasTimes()) {
                    text(svg, cx, baseY - 6, "middle", 10, "bold", "FAILED");
                } else {
                    double v = c.medianCpu();
                    double h = Math.max(1, scale.fraction(v) * PLOT_HEIGHT);
                    svg.append(String.format(Locale.ROOT,
                            "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"><title>%s on %s: %s s CPU, %s s wall</title></rect>%n",
                            x, baseY - h, BAR, h, colour(engines.get(e)), escape(guest),
                            escape(MarkdownReport.engineLabel(engines.get(e), r.host())),
                            Numbers.seconds(v), Numbers.seconds(c.medianWall())));
                    text(svg, cx, baseY - h - 4, "middle", 10, "normal", Numbers.tick(Double.parseDouble(Numbers.significant(v))));
                }
            }
            text(svg, groupX + groupWidth / 2.0, baseY + 18, "middle", 12, "bold", guest);
        }
        text(svg, LEFT, baseY + 44, "start", 11, "normal", r.title());
        if (notRun != null) text(svg, LEFT, baseY + 62, "start", 11, "normal", notRun);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void legend(StringBuilder svg, ComparisonReport r, int x, int y) {
        for (EngineId e : r.engines()) {
            String label = MarkdownReport.engineLabel(e, r.host());
            svg.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>%n", x, y - 10, colour(e)));
            text(svg, x + 16, y, "start", 12, "normal", label);
            x += legendEntryWidth(label);
        }
    }

    static String colour(EngineId e) {
        return COLOURS[e.ordinal() % COLOURS.length];
    }

    /** {@code {min, max}} of the medians that will be drawn, or null if there is none. */
    private static double[] extent(ComparisonReport r) {
        double min = Double.POSITIVE_INFINITY, max = 0;
        for (Cell c : r.cells()) {
            if (c.notApplicable() == null && c.hasTimes()) {
                min = Math.min(min, c.medianCpu());
                max = Math.max(max, c.medianCpu());
            }
        }
        return max > 0 ? new double[] {Math.max(min, 1e-3), max} : null;
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, int size, String weight, String s) {
        svg.append(String.format(Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\" font-weight=\"%s\">%s</text>%n",
                x, y, anchor, size, weight, escape(s)));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** The value axis: linear from 0, or logarithmic between two powers of ten. */
    record Scale(boolean log, double low, double high) {
        static Scale fit(double min, double max) {
            if (max / min > LOG_SCALE_SPREAD) {
                return new Scale(true, Math.pow(10, Math.floor(Math.log10(min))), Math.pow(10, Math.ceil(Math.log10(max))));
            }
            return new Scale(false, 0, niceStep(max) * Math.ceil(max / niceStep(max)));
        }

        /** Where {@code v} sits between the bottom (0) and the top (1) of the plot. */
        double fraction(double v) {
            if (log) return (Math.log10(v) - Math.log10(low)) / (Math.log10(high) - Math.log10(low));
            return v / high;
        }

        List<Double> ticks() {
            List<Double> out = new ArrayList<>();
            if (log) {
                for (double t = low; t <= high * 1.0001; t *= 10) out.add(t);
            } else {
                double step = niceStep(high);
                for (int i = 0; i * step <= high * 1.0001; i++) out.add(i * step);
            }
            return out;
        }

        /** A 1, 2 or 5 times a power of ten giving about five ticks up to {@code max}. */
        static double niceStep(double max) {
            double raw = max / 5;
            double p = Math.pow(10, Math.floor(Math.log10(raw)));
            double m = raw / p;
            return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
        }
    }
}
