package dev.jvmm.bench;

import dev.jvmm.guests.Guest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Which catalogue guests a comparison runs. */
public final class GuestSelection {
    /** Name prefixes of the catalogue's CPU-bound guests: the ones whose time is spent computing, not booting. */
    public static final List<String> CPU_BOUND_PREFIXES = List.of("sieve", "crc", "sort", "matmul", "mixed", "coremark", "spectral");

    /** Used when the catalogue has no CPU-bound guest yet. */
    public static final String FALLBACK = "hello-pm32";

    private GuestSelection() {}

    /**
     * The guests called {@code names}, in that order; with no names, the CPU-bound guests of
     * {@code catalogue}, or {@link #FALLBACK} if there are none. An unknown name fails with the known ones.
     */
    public static List<Guest> resolve(List<String> names, List<Guest> catalogue) throws BenchUsageException {
        if (names.isEmpty()) {
            List<Guest> cpuBound = catalogue.stream()
                    .filter(g -> CPU_BOUND_PREFIXES.stream().anyMatch(p -> g.name().startsWith(p))).toList();
            if (!cpuBound.isEmpty()) return cpuBound;
            names = List.of(FALLBACK);
        }
        List<Guest> out = new ArrayList<>();
        for (String name : names) {
            Guest found = catalogue.stream().filter(g -> g.name().equals(name)).findFirst().orElse(null);
            if (found == null) {
                throw new BenchUsageException("unknown guest '" + name + "'; known guests: "
                        + catalogue.stream().map(Guest::name).collect(Collectors.joining(", ")));
            }
            out.add(found);
        }
        return List.copyOf(out);
    }
}
