package dev.jvmm.guests;

import java.util.Objects;
import java.util.regex.Pattern;

/** What a guest is expected to print on COM1: exact text, or a pattern when the output varies (clocks). */
public sealed interface ExpectedOutput {

    /** Whether {@code actual}, everything the guest wrote to COM1, is what was expected. */
    boolean matches(String actual);

    /** The expected text, or the pattern's source, for messages. */
    String describe();

    /** Exactly {@code text}, byte for byte (each char one byte; the guests print ASCII). */
    static ExpectedOutput exactly(String text) {
        return new Exact(text);
    }

    /** Output that matches {@code regex} as a whole ({@link java.util.regex.Matcher#matches()}). */
    static ExpectedOutput matching(String regex) {
        return new Matching(Pattern.compile(regex));
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
}
