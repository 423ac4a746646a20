package dev.jvmm.bench;

import dev.jvmm.guests.Guest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How much work each guest does: the kernel command line it gets ({@code jvmm run --append},
 * QEMU's {@code -append}), or none for the catalogue's default run.
 *
 * <p>At the default sizes QEMU TCG needs about 0.1 s CPU per guest and jvmm about 0.3 s before the guest
 * executes its first instruction (JVM start-up, HotSpot warming up), so a default comparison mostly
 * compares start-up. The other {@link Size}s give the guests that take {@code rounds=N} a round count at
 * which one QEMU TCG run takes about 1, 4 or 10 s CPU on the 2-core AMD EPYC VM the bench was written on.
 *
 * @param description   how the sizes were chosen, for the report: {@code --size long}, {@code --append '...'}
 *                      or {@code default}
 * @param commandLines  guest name to its kernel command line; a guest not in the map gets none
 */
public record Workload(String description, Map<String, String> commandLines) {

    /**
     * {@code --size}: the catalogue's default run, or a command line per guest at which one QEMU 7.2 TCG
     * run takes about 1, 4 or 10 s CPU on the 2-core AMD EPYC VM the bench was written on.
     */
    public enum Size {
        DEFAULT("default", Map.of()),
        ONE_SECOND("1s", roundsOf(170, 170, 2400, 31, 31, 155, 155, 100, 4000, 11, 110)),
        LONG("long", roundsOf(750, 750, 10_000, 140, 140, 700, 700, 430, 18_000, 45, 450)),
        TEN_SECONDS("10s", roundsOf(1870, 1870, 26_800, 340, 340, 1710, 1710, 1100, 45_000, 112, 1120));

        private final String id;
        private final Map<String, Integer> rounds;

        Size(String id, Map<String, Integer> rounds) {
            this.id = id;
            this.rounds = rounds;
        }

        public String id() {
            return id;
        }

        /** The {@code rounds=N} of each guest that takes one at this size (none at {@link #DEFAULT}). */
        public Map<String, Integer> rounds() {
            return rounds;
        }

        /**
         * The round counts come from QEMU 7.2 TCG's CPU time per round of each guest (in
         * {@code bench/results/design-measurements.md}); the ELF64 twins run the same C with the same count.
         */
        private static Map<String, Integer> roundsOf(int sieve32, int sieve64, int crc32, int sort32, int sort64,
                int matmul32, int matmul64, int mixed32, int coremark, int spectral32, int spectral64) {
            Map<String, Integer> m = new LinkedHashMap<>();
            m.put("sieve32", sieve32);
            m.put("sieve64", sieve64);
            m.put("crc32", crc32);
            m.put("sort32", sort32);
            m.put("sort64", sort64);
            m.put("matmul32", matmul32);
            m.put("matmul64", matmul64);
            m.put("mixed32", mixed32);
            m.put("coremark", coremark);
            m.put("spectral32", spectral32);
            m.put("spectral64", spectral64);
            return Collections.unmodifiableMap(m);
        }

        /** The size called {@code id}; an unknown one fails with the known ones. */
        public static Size byId(String id) throws BenchUsageException {
            for (Size s : values()) {
                if (s.id.equals(id)) return s;
            }
            throw new BenchUsageException("--size must be default, 1s, long or 10s, not '" + id + "'");
        }
    }

    /** The {@code rounds=N} of {@link Size#LONG}, per guest. */
    public static final Map<String, Integer> LONG_ROUNDS = Size.LONG.rounds();

    public Workload {
        commandLines = Collections.unmodifiableMap(new LinkedHashMap<>(commandLines));
    }

    /** No command line for anyone: the catalogue's default run, checked against its exact expected output. */
    public static Workload defaults() {
        return new Workload("default", Map.of());
    }

    /**
     * The workload of {@code guests}: {@code append} for every guest if it is not null, else the
     * command lines of {@code size}.
     */
    public static Workload of(Size size, String append, List<Guest> guests) {
        Map<String, String> lines = new LinkedHashMap<>();
        if (append != null) {
            for (Guest g : guests) lines.put(g.name(), append);
            return new Workload("--append '" + append + "'", lines);
        }
        if (size == Size.DEFAULT) return defaults();
        for (Guest g : guests) {
            Integer rounds = size.rounds().get(g.name());
            if (rounds != null) lines.put(g.name(), "rounds=" + rounds);
        }
        return new Workload("--size " + size.id(), lines);
    }

    /** The command line {@code guest} gets, or null for none (its default run). */
    public String commandLine(String guest) {
        return commandLines.get(guest);
    }

    /** True if no guest gets a command line. */
    public boolean isDefault() {
        return commandLines.isEmpty();
    }
}
