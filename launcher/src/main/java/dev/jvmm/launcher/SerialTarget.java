package dev.jvmm.launcher;

import java.nio.file.Path;

/** Where COM1 goes: {@code stdio}, {@code none} or {@code file:PATH}. */
sealed interface SerialTarget {
    record Stdio() implements SerialTarget {}

    record None() implements SerialTarget {}

    record File(Path path) implements SerialTarget {}

    static SerialTarget parse(String text) throws UsageException {
        if (text.equals("stdio") || text.equals("mon:stdio")) return new Stdio();
        if (text.equals("none") || text.equals("null")) return new None();
        if (text.startsWith("file:") && text.length() > 5) return new File(Path.of(text.substring(5)));
        throw new UsageException("--serial " + text + ": choose stdio, none or file:PATH");
    }
}
