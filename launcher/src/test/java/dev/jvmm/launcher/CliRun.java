package dev.jvmm.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code jvmm} in-process with COM1 captured to a file, as a test would from a shell. */
record CliRun(int status, String serial, String stdout, String stderr) {
    static CliRun of(Path tmp, String... args) throws IOException {
        Path serialFile = tmp.resolve("com1-" + System.nanoTime() + ".txt");
        List<String> words = new ArrayList<>(List.of(args));
        boolean isRun = !words.isEmpty() && words.getFirst().equals("run");
        if (isRun && words.stream().noneMatch(w -> w.startsWith("--serial"))) words.add("--serial=file:" + serialFile);
        StringWriter out = new StringWriter(), err = new StringWriter();
        int status = Main.execute(words.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        String serial = Files.exists(serialFile) ? Files.readString(serialFile, StandardCharsets.ISO_8859_1) : "";
        return new CliRun(status, serial, out.toString(), err.toString());
    }

    static Path write(Path dir, String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    /** A boot sector: {@code code} at its start, zeros, the 0x55 0xAA signature at offset 510 (what a flat image needs). */
    static byte[] bootSector(int... code) {
        return bootSector(bytes(code));
    }

    static byte[] bootSector(byte[] code) {
        byte[] b = java.util.Arrays.copyOf(code, Math.max(512, code.length));
        b[510] = 0x55;
        b[511] = (byte) 0xAA;
        return b;
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
        return b;
    }
}
