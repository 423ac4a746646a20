package dev.jvmm.bench.kvm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The C side: finds {@code kvm_exit_roundtrip.c}, compiles it with gcc into a temporary directory,
 * runs it and reads its one line of {@code key=value} output.
 */
final class CBaseline {
    static final String SOURCE_NAME = "kvm_exit_roundtrip.c";
    /** Where the source is looked for, relative to the working directory (the clone or bench/). */
    static final List<Path> SOURCE_CANDIDATES = List.of(
            Path.of("bench", "src", "main", "c", SOURCE_NAME), Path.of("src", "main", "c", SOURCE_NAME));
    static final Path KVM_HEADER = Path.of("/usr/include/linux/kvm.h");

    /**
     * What the C program printed: the measurement, the guest bytes it ran (hex) and, when asked
     * for, the time per no-op ioctl (NaN otherwise).
     */
    record Output(RoundTrip trip, String guestHex, double nullIoctlNanos) {}

    private final Path executable;

    private CBaseline(Path executable) {
        this.executable = executable;
    }

    /** Compiles the C program into {@code dir}; the exception's message says what is missing. */
    static CBaseline compile(Path source, Path dir) throws IOException, InterruptedException {
        if (!Files.isRegularFile(source)) throw new IOException("no C source at " + source.toAbsolutePath());
        if (!Files.isRegularFile(KVM_HEADER)) {
            throw new IOException(KVM_HEADER + " is missing (install the Linux kernel headers: linux-libc-dev)");
        }
        Path exe = dir.resolve("kvm_exit_roundtrip");
        List<String> gcc = List.of("gcc", "-O2", "-Wall", "-o", exe.toString(), source.toString());
        Process p;
        try {
            p = new ProcessBuilder(gcc).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("gcc is not installed or not on PATH (" + e.getMessage() + ")");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IOException(String.join(" ", gcc) + " failed:\n" + out);
        return new CBaseline(exe);
    }

    /** The first existing candidate, or null. */
    static Path findSource(List<Path> candidates) {
        for (Path c : candidates) if (Files.isRegularFile(c)) return c;
        return null;
    }

    /** Runs the compiled program once for {@code n} exits. */
    Output run(int n) throws IOException, InterruptedException {
        return run(n, 0);
    }

    /** Runs the compiled program once: {@code nullIoctls} timed no-op ioctls, then {@code n} exits. */
    Output run(int n, int nullIoctls) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(executable.toString(), Integer.toString(n), Integer.toString(nullIoctls)).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("the C program did not finish");
        }
        if (p.exitValue() != 0) throw new IOException("the C program failed (" + p.exitValue() + "): " + err.strip());
        return parse(out);
    }

    /** Parses {@code n=... total_ns=... checksum=... ... guest=...}; throws IllegalArgumentException if a key is missing. */
    static Output parse(String stdout) {
        Map<String, String> kv = new HashMap<>();
        for (String token : stdout.strip().split("\\s+")) {
            int eq = token.indexOf('=');
            if (eq > 0) kv.put(token.substring(0, eq), token.substring(eq + 1));
        }
        RoundTrip trip = new RoundTrip(number(kv, "n"), number(kv, "total_ns"), number(kv, "checksum"),
                number(kv, "data_exits"), number(kv, "exits"), number(kv, "kvm_run_ns"), number(kv, "loop_ns"));
        String guest = kv.get("guest");
        if (guest == null || guest.isEmpty()) throw new IllegalArgumentException("no guest= in C output: " + stdout);
        double nullIoctl = Double.NaN;
        if (kv.containsKey("null_ioctls")) nullIoctl = (double) number(kv, "null_ioctl_ns") / number(kv, "null_ioctls");
        return new Output(trip, guest, nullIoctl);
    }

    private static long number(Map<String, String> kv, String key) {
        String v = kv.get(key);
        if (v == null) throw new IllegalArgumentException("no " + key + "= in the C program's output");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + v + " is not a number");
        }
    }
}
