package dev.jvmm.bench;

import dev.jvmm.guests.ExpectedOutput;
import dev.jvmm.guests.Guest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Whether a run did what the catalogue says the guest does, and what jvmm said about it. */
public final class ResultCheck {
    /** jvmm's {@code --stats} line, e.g. {@code jvmm: instructions retired: 1,234,567}. */
    private static final Pattern RETIRED = Pattern.compile("instructions retired: ([\\d,]+)");
    /** A number in a guest's output: hexadecimal with 0x, or decimal. */
    private static final Pattern NUMBER = Pattern.compile("0x[0-9a-fA-F]+|\\d+");

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

    /**
     * Like {@link #problem(Guest, int, String)} for a run with kernel command line {@code commandLine}
     * (null: none). With a command line the catalogue's text (the default run's) no longer applies, so the
     * output need only have its {@linkplain #shapeOf shape}; {@link OutputAgreement} then checks that
     * every engine printed the same.
     */
    public static String problem(Guest guest, int exitStatus, String serialOutput, String commandLine) {
        if (commandLine == null) return problem(guest, exitStatus, serialOutput);
        int expected = guest.expectedExitStatus() & 0xFF;
        if (exitStatus != expected) {
            return "exit status " + exitStatus + ", expected " + expected;
        }
        Pattern shape = shapeOf(guest.expectedOutput());
        if (!shape.matcher(guest.expectedOutput().results(serialOutput)).matches()) {
            return "COM1 output \"" + Text.shorten(serialOutput, 60) + "\", expected the shape /"
                    + Text.shorten(shape.pattern(), 60) + "/";
        }
        return null;
    }

    /**
     * The expected output with its numbers left open: an exact text becomes a pattern in which every
     * hexadecimal {@code 0x...} and every decimal number may be any such number (a round count and the
     * checksums it changes), the rest literal; a pattern stays as it is; measured output is the shape of
     * its results (to be matched against {@link ExpectedOutput#results} of the output).
     */
    public static Pattern shapeOf(ExpectedOutput expected) {
        return switch (expected) {
            case ExpectedOutput.Matching m -> m.pattern();
            case ExpectedOutput.Exact e -> shapeOfText(e.text());
            case ExpectedOutput.Measured m -> shapeOfText(m.results(m.text()));
        };
    }

    private static Pattern shapeOfText(String text) {
        StringBuilder regex = new StringBuilder();
        Matcher number = NUMBER.matcher(text);
        int at = 0;
        while (number.find()) {
            if (number.start() > at) regex.append(Pattern.quote(text.substring(at, number.start())));
            regex.append(number.group().startsWith("0x") ? "0x[0-9a-fA-F]+" : "\\d+");
            at = number.end();
        }
        if (at < text.length()) regex.append(Pattern.quote(text.substring(at)));
        return Pattern.compile(regex.toString());
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
