package dev.jvmm.bench.smp;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The smp-work guest's report line, {@code smp-work: N CPUs, R rounds, T us}: N CPUs shared R sieve rounds and
 * the parallel part took T microseconds of the guest's TSC (jvmm's TSC runs at 1 GHz of the machine clock).
 */
record SmpWorkResult(int cpus, int rounds, long micros) {
    private static final Pattern LINE = Pattern.compile("^smp-work: (\\d+) CPUs, (\\d+) rounds, (\\d+) us$", Pattern.MULTILINE);

    /** The report line in {@code console}, if the guest printed one. */
    static Optional<SmpWorkResult> parse(String console) {
        Matcher m = LINE.matcher(console);
        if (!m.find()) return Optional.empty();
        return Optional.of(new SmpWorkResult(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Long.parseLong(m.group(3))));
    }

    /** Sieve rounds per second of guest time. */
    double roundsPerSecond() {
        return micros <= 0 ? 0 : rounds * 1e6 / micros;
    }
}
