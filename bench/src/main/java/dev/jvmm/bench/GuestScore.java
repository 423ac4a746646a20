package dev.jvmm.bench;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A benchmark guest's own figure of merit, read from what it printed: CoreMark's iterations per second
 * (its port's line {@code coremark: N iterations in T ms, R iterations/s}, see
 * {@code guest-images/src/guest/coremark/core_portme.c}). The guest measures it with its own clock
 * around its timed part only, so it leaves out start-up, unlike the bench's times.
 */
public final class GuestScore {
    /** The unit each scored guest reports, by guest name. */
    static final Map<String, String> UNITS = Map.of("coremark", "iterations/s");

    private static final Map<String, Pattern> LINES = Map.of("coremark",
            Pattern.compile("(?m)^coremark: \\d+ iterations in \\d+ ms, (\\d+(?:\\.\\d+)?) iterations/s$"));

    private GuestScore() {}

    /** The score {@code guest} printed in {@code output}, or NaN if it has none (or printed none). */
    public static double of(String guest, String output) {
        Pattern p = LINES.get(guest);
        if (p == null || output == null) return Double.NaN;
        Matcher m = p.matcher(output);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /** The unit of {@code guest}'s score, or null if it reports none. */
    public static String unit(String guest) {
        return UNITS.get(guest);
    }
}
