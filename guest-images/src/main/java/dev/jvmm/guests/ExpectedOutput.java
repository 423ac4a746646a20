package dev.jvmm.guests;

import java.util.Objects;
import java.util.regex.Pattern;

/** What a guest is expected to print on COM1: exact text, or a pattern when the output varies (clocks). */
public sealed interface ExpectedOutput {

    /** Whether {@code actual}, everything the guest wrote to COM1, is what was expected. */
    boolean matches(String actual);

    /** The expected text, or the pattern's source, for messages. */
    String describe();

    /**
     * The part of {@code actual} that is the guest's result: what must be the same on every engine and
     * every run. All of it, except for {@link #measured} output, which also prints times.
     */
    default String results(String actual) {
        return actual;
    }

    /** Exactly {@code text}, byte for byte (each char one byte; the guests print ASCII). */
    static ExpectedOutput exactly(String text) {
        return new Exact(text);
    }

    /** Output that matches {@code regex} as a whole ({@link java.util.regex.Matcher#matches()}). */
    static ExpectedOutput matching(String regex) {
        return new Matching(Pattern.compile(regex));
    }

    /**
     * Output whose lines matching {@code measurementLine} report measurements (elapsed time, a rate):
     * they differ from run to run and are left out of {@link #results}, which must equal the results of
     * {@code text}, a recorded run (for CoreMark, its native run).
     */
    static ExpectedOutput measured(String text, String measurementLine) {
        return new Measured(text, Pattern.compile(measurementLine));
    }

    /** Output that must equal {@code text}. */
    record Exact(String text) implements ExpectedOutput {
        public Exact {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public boolean matches(String actual) {
            return text.equals(actual);
        }

        @Override
        public String describe() {
            return text;
        }
    }

    /** Output that must match {@code pattern} in full. */
    record Matching(Pattern pattern) implements ExpectedOutput {
        public Matching {
            Objects.requireNonNull(pattern, "pattern");
        }

        @Override
        public boolean matches(String actual) {
            return pattern.matcher(actual).matches();
        }

        @Override
        public String describe() {
            return "/" + pattern.pattern() + "/";
        }
    }

    /** Output that must equal {@code text} once the lines matching {@code measurementLine} are left out of both. */
    record Measured(String text, Pattern measurementLine) implements ExpectedOutput {
        public Measured {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(measurementLine, "measurementLine");
        }

        @Override
        public boolean matches(String actual) {
            return results(text).equals(results(actual));
        }

        @Override
        public String describe() {
            return results(text);
        }

        @Override
        public String results(String actual) {
            StringBuilder kept = new StringBuilder();
            for (String line : actual.split("(?<=\n)")) {
                String bare = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
                if (!measurementLine.matcher(bare).matches()) kept.append(line);
            }
            return kept.toString();
        }
    }
}
