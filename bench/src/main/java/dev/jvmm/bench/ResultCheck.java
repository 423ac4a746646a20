package dev.jvmm.bench;

import dev.jvmm.guests.Guest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Whether a run did what the catalogue says the guest does, and what jvmm said about it. */
public final class ResultCheck {
    /** jvmm's {@code --stats} line, e.g. {@code jvmm: instructions retired: 1,234,567}. */
    private static final Pattern RETIRED = Pattern.compile("instructions retired: ([\\d,]+)");

    private ResultCheck() {}

    /**
     * Null if {@code guest} exited with its expected status (isa-debug-exit's {@code (V << 1) | 1}, as
     * both jvmm and QEMU report it) and printed its expected output; otherwise why not, in one line.
     */
    public static String problem(Guest guest, int exitStatus, String serialOutput) {
        int expected = guest.expectedExitStatus() & 0xFF;
        if (exitStatus != expected) {
            return "exit status " + exitStatus + ", expected " + expected;
        }
        if (!guest.expectedOutput().matches(serialOutput)) {
            return "COM1 output \"" + Text.shorten(serialOutput, 60) + "\", expected \""
                    + Text.shorten(guest.expectedOutput().describe(), 60) + "\"";
        }
        return null;
    }

    /** The instruction count from a jvmm {@code --stats} stderr, or {@link RunResult#UNKNOWN}. */
    public static long instructionsRetired(String stderr) {
        Matcher m = RETIRED.matcher(stderr);
        if (!m.find()) return RunResult.UNKNOWN;
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    /**
     * The line of a process's stderr that best explains a failure: the first non-blank one that is not a
     * warning and not a {@code --stats} counter, or "" if there is none.
     */
    public static String explanation(String stderr) {
        for (String line : stderr.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.contains("warning:") || l.startsWith("jvmm: ---")) continue;
            return Text.shorten(l, 160);
        }
        return "";
    }
}
