package dev.jvmm.launcher;

import dev.jvmm.devices.serial.SerialSink;
import dev.jvmm.guests.ExpectedOutput;
import dev.jvmm.guests.Guest;
import dev.jvmm.guests.Need;

/**
 * Compares what a bundled guest printed on COM1 with its catalogue entry's expected output, so that a run
 * which ends with the guest's success status but printed something else (mandel32 drawing a blank picture
 * on an engine without x87: its own checks cannot know the right picture) does not end with the pass
 * status. Applies to a catalogue guest booted with its own command line and no typed input; the output is
 * kept up to {@link #LIMIT} bytes (every bundled guest prints far less).
 */
final class OutputCheck {
    /** More COM1 output than this is not kept: such a run cannot match any expected output here. */
    static final int LIMIT = 1 << 20;

    private final Guest guest;
    private final StringBuilder printed = new StringBuilder();
    private boolean overflowed;

    private OutputCheck(Guest guest) {
        this.guest = guest;
    }

    /** A check for this run, or null when there is nothing to compare against. */
    static OutputCheck forRun(Guest guest, String commandLine) {
        if (guest == null || !commandLine.isEmpty() || guest.needs().contains(Need.SERIAL_INPUT)) return null;
        return new OutputCheck(guest);
    }

    /** {@code sink} with every byte also kept here (called on the vCPU thread only). */
    SerialSink recording(SerialSink sink) {
        return new SerialSink() {
            @Override
            public void write(int b) {
                if (printed.length() < LIMIT) printed.append((char) (b & 0xFF));
                else overflowed = true;
                sink.write(b);
            }

            @Override
            public void flush() {
                sink.flush();
            }
        };
    }

    /** Null if the output is the expected one, otherwise one line saying where it differs. */
    String mismatch() {
        String actual = printed.toString();
        if (!overflowed && guest.expectedOutput().matches(actual)) return null;
        if (guest.expectedOutput() instanceof ExpectedOutput.Matching pattern) {
            return guest.name() + " printed other than its expected output (it does not match " + pattern.describe() + ")";
        }
        actual = guest.expectedOutput().results(actual); // without measurement lines, if it has any
        String expected = guest.expectedOutput().describe();
        int at = 0;
        while (at < actual.length() && at < expected.length() && actual.charAt(at) == expected.charAt(at)) at++;
        int line = 1 + (int) actual.substring(0, at).chars().filter(c -> c == '\n').count();
        return guest.name() + " printed other than its expected output (first difference on line " + line + ": "
                + excerpt(actual, at) + " where " + excerpt(expected, at) + " was expected)";
    }

    /** The rest of the line at {@code at}, quoted, or "the end". */
    private static String excerpt(String text, int at) {
        if (at >= text.length()) return "the end";
        int end = text.indexOf('\n', at);
        String rest = text.substring(at, end < 0 ? text.length() : end);
        if (rest.length() > 40) rest = rest.substring(0, 40) + "...";
        return "\"" + rest.replace("\r", "\\r") + "\"";
    }
}
