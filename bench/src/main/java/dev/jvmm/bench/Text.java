package dev.jvmm.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading process output and guest serial output, whatever bytes they contain. */
final class Text {
    private Text() {}

    /** The file's bytes as ISO-8859-1 (one char per byte, never fails); missing file: empty string. */
    static String read(Path file) throws IOException {
        if (!Files.exists(file)) return "";
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    }

    /** {@code s} cut to {@code max} chars with an ellipsis, newlines shown as \n: for one-line messages. */
    static String shorten(String s, int max) {
        String flat = s.replace("\r", "\\r").replace("\n", "\\n");
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }
}
