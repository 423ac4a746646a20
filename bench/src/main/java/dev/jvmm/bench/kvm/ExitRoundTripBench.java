package dev.jvmm.bench.kvm;

import dev.jvmm.core.kvm.KvmEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * I/O exit round trip (guest {@code out} -> device -> back in the guest) through jvmm's Java KVM
 * engine versus a small C program doing the same loop, in one run. Rounds alternate C and Java
 * (which goes first alternates too); medians, spread, the Java/C ratio and the 1.1x target are printed.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp "bench/target/classes:bench/target/lib/*" \
 *     dev.jvmm.bench.kvm.ExitRoundTripBench [--exits 20000] [--rounds 5] [--warmup 2] [--c-source PATH]
 * </pre>
 * Exit status: 0 measured, 1 a result did not match (not timed), 2 cannot run here / bad arguments.
 */
public final class ExitRoundTripBench {
    private ExitRoundTripBench() {}

    public static void main(String[] args) throws Exception {
        int n = 20_000, rounds = 5, warmup = 2;
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
            System.out.printf("warm-up %d: Java %.0f ns/exit%n", w + 1, j.nanosPerExit());
        }
        if (c != null && warmup > 0) System.out.printf("warm-up: C %.0f ns/exit%n", c.run(n).trip().nanosPerExit());
        List<RoundTrip> cs = new ArrayList<>(), javas = new ArrayList<>();
        System.out.println("round |  C ns/exit | Java ns/exit | Java/C | Java: in KVM_RUN, in Java per exit | C: in KVM_RUN, in C per exit");
        for (int r = 0; r < rounds; r++) {
            CBaseline.Output co = null;
            RoundTrip java;
            if (r % 2 == 0) {
                if (c != null) co = c.run(n);
                java = JavaSide.run(n);
            } else {
                java = JavaSide.run(n);
                if (c != null) co = c.run(n);
            }
            String bad = co != null ? Summary.mismatch(n, co.trip(), co.guestHex(), java, javaHex)
                    : java.dataExits() != n || java.checksum() != GuestLoop.expectedChecksum(n)
                            ? "Java saw " + java.dataExits() + " exits, checksum " + java.checksum() : null;
            if (bad != null) {
                System.out.println("FAIL (round " + (r + 1) + ", not timed): " + bad);
                return 1;
            }
            javas.add(java);
            if (co != null) cs.add(co.trip());
            System.out.println(Report.roundLine(r + 1, co == null ? null : co.trip(), java));
        }
        System.out.println(Report.summary(cs, javas, GuestLoop.expectedChecksum(n)));
        return 0;
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
