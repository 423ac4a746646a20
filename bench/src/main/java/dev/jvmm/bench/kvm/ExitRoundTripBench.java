package dev.jvmm.bench.kvm;

import dev.jvmm.kvm.KvmEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * I/O exit round trip (guest {@code out} -> device -> back in the guest) through jvmm's Java KVM
 * engine versus a small C program doing the same loop, in one run; a third contender, the C loop
 * ported line for line to raw FFM ({@link RawFfmLoop}), separates the JVM's share from the engine's.
 * Rounds alternate the three (who goes first rotates); medians, spread, the Java/C ratio and the
 * 1.1x target are printed. The verdict uses the median of the per-round engine/C ratios: the host's
 * speed drifts between rounds (other load on 2 cores changes an exit's cost severalfold), and a ratio of
 * two runs seconds apart cancels most of that drift; the ratio of the medians is printed beside it.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp "bench/target/classes:bench/target/lib/*" \
 *     dev.jvmm.bench.kvm.ExitRoundTripBench [--exits 20000] [--rounds 5] [--warmup 5] [--c-source PATH]
 * </pre>
 * Exit status: 0 measured, 1 a result did not match (not timed), 2 cannot run here / bad arguments.
 */
public final class ExitRoundTripBench {
    private ExitRoundTripBench() {}

    public static void main(String[] args) throws Exception {
        int n = 20_000, rounds = 5, warmup = 5; // KvmVcpu.run()'s loop reaches C2 (OSR) only after ~4 runs
        Path source = CBaseline.findSource(CBaseline.SOURCE_CANDIDATES);
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--exits" -> n = positive(args[i], value);
                case "--rounds" -> rounds = positive(args[i], value);
                case "--warmup" -> warmup = Integer.parseInt(require(args[i], value));
                case "--c-source" -> source = Path.of(require(args[i], value));
                default -> usage("unknown argument " + args[i]);
            }
            i++;
        }
        String unavailable = new KvmEngine().unavailableReason();
        if (unavailable != null) {
            System.out.println("KVM exit round trip: cannot run: " + unavailable);
            System.exit(2);
        }
        System.out.printf("KVM I/O exit round trip (guest OUT -> device -> guest), %d exits per run, %d rounds%n", n, rounds);
        System.out.println("host: /dev/kvm is " + KvmEngine.describeHost() + "; Java " + Runtime.version());
        Path tmp = Files.createTempDirectory("jvmm-kvm-exit-");
        try {
            CBaseline c = compile(source, tmp);
            System.exit(measure(c, n, rounds, warmup));
        } finally {
            try (Stream<Path> files = Files.walk(tmp)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static CBaseline compile(Path source, Path dir) throws InterruptedException {
        if (source == null) {
            System.out.println("C baseline unavailable: " + CBaseline.SOURCE_NAME + " not found under "
                    + CBaseline.SOURCE_CANDIDATES + " (run from the clone or pass --c-source); Java only");
            return null;
        }
        try {
            return CBaseline.compile(source, dir);
        } catch (IOException e) {
            System.out.println("C baseline unavailable: " + e.getMessage() + "; Java only");
            return null;
        }
    }

    private static int measure(CBaseline c, int n, int rounds, int warmup) throws IOException, InterruptedException {
        String javaHex = GuestLoop.hex(GuestLoop.code(n));
        for (int w = 0; w < warmup; w++) {
            RoundTrip j = JavaSide.run(n);
            RoundTrip raw = RawFfmLoop.run(n);
            System.out.printf("warm-up %d: engine %.0f ns/exit (%.0f ns inside KVM_RUN, %.0f ns in Java), raw FFM %.0f ns/exit%n",
                    w + 1, j.nanosPerExit(), j.kvmRunNanosPerExit(), j.userNanosPerExit(), raw.nanosPerExit());
        }
        if (c != null && warmup > 0) System.out.printf("warm-up: C %.0f ns/exit%n", c.run(n).trip().nanosPerExit());
        List<RoundTrip> cs = new ArrayList<>(), raws = new ArrayList<>(), javas = new ArrayList<>();
        System.out.println(Report.HEADER);
        for (int r = 0; r < rounds; r++) {
            CBaseline.Output co = null;
            RoundTrip java = null, raw = null;
            for (int k = 0; k < 3; k++) { // the order rotates: C first, then the engine first, then raw first
                switch ((k + 3 - r % 3) % 3) {
                    case 0 -> co = c == null ? null : c.run(n);
                    case 1 -> raw = RawFfmLoop.run(n);
                    default -> java = JavaSide.run(n);
                }
            }
            String bad = check(n, co, javaHex, java, raw);
            if (bad != null) {
                System.out.println("FAIL (round " + (r + 1) + ", not timed): " + bad);
                return 1;
            }
            javas.add(java);
            raws.add(raw);
            if (co != null) cs.add(co.trip());
            System.out.println(Report.roundLine(r + 1, co == null ? null : co.trip(), raw, java));
        }
        System.out.println(Report.summary(cs, raws, javas, GuestLoop.expectedChecksum(n)));
        downcallCost(c);
        return 0;
    }

    /** Why this round may not be timed, or null: every contender ran the same guest and saw the same writes. */
    private static String check(int n, CBaseline.Output c, String javaHex, RoundTrip java, RoundTrip raw) {
        if (c == null) {
            RoundTrip expected = new RoundTrip(n, 1, GuestLoop.expectedChecksum(n), n, 0, 0, 0);
            String bad = Summary.mismatch(n, expected, javaHex, java, javaHex);
            return bad != null ? bad : Summary.mismatch(n, expected, javaHex, raw, javaHex);
        }
        String bad = Summary.mismatch(n, c.trip(), c.guestHex(), java, javaHex);
        return bad != null ? "engine: " + bad
                : (bad = Summary.mismatch(n, c.trip(), c.guestHex(), raw, javaHex)) != null ? "raw FFM: " + bad : null;
    }

    /** The cost of one no-op ioctl from C and from Java (three ways), fastest of 3 batches each. */
    private static void downcallCost(CBaseline c) throws IOException, InterruptedException {
        int calls = 200_000;
        double cNanos = c == null ? Double.NaN : Double.MAX_VALUE;
        for (int r = 0; c != null && r < 3; r++) cNanos = Math.min(cNanos, c.run(1, calls).nullIoctlNanos());
        try {
            DowncallCost.measure(calls, 1); // warm-up
            DowncallCost.Result j = DowncallCost.measure(calls, 3);
            System.out.println(Report.downcallLine(cNanos, j));
        } catch (Throwable t) {
            System.out.println("downcall cost: not measured: " + t);
        }
    }

    private static int positive(String flag, String value) {
        int v = Integer.parseInt(require(flag, value));
        if (v < 1) usage(flag + " must be at least 1");
        return v;
    }

    private static String require(String flag, String value) {
        if (value == null) usage(flag + " needs a value");
        return value;
    }

    private static void usage(String why) {
        System.err.println(why + "\nusage: ExitRoundTripBench [--exits N] [--rounds R] [--warmup W] [--c-source PATH]");
        System.exit(2);
    }
}
