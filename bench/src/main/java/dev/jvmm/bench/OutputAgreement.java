package dev.jvmm.bench;

import dev.jvmm.guests.ExpectedOutput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The output check for guests run with a kernel command line. The catalogue records the output of the
 * default run only, so such a run is first checked for its exit status and the output's shape
 * ({@link ResultCheck#shapeOf}); then every run of the guest must print exactly what the most trusted
 * engine printed: QEMU's (an independent implementation of x86), else the guest's C run as a host program,
 * else jvmm's interpreter (the reference engine), else /dev/kvm's, else the translator's own first run. A
 * run that differs is failed and not timed.
 */
public final class OutputAgreement {
    /** Whose output the others must match, first choice first. */
    public static final List<EngineId> TRUST_ORDER =
            List.of(EngineId.QEMU_TCG, EngineId.QEMU_KVM, EngineId.NATIVE, EngineId.INTERP, EngineId.KVM, EngineId.JIT);

    private OutputAgreement() {}

    /**
     * @param results    the runs, succeeded ones with their output
     * @param references for each guest checked, the engine whose output was the reference (absent if none
     *                   of its runs succeeded)
     */
    public record Checked(List<RunResult> results, Map<String, EngineId> references) {}

    /** Checks the runs of {@code guests} in {@code results}; runs of other guests pass through unchanged. */
    public static Checked check(List<RunResult> results, Set<String> guests) {
        return check(results, guests, name -> ExpectedOutput.exactly(""));
    }

    /**
     * {@link #check(List, Set)} comparing only the {@linkplain ExpectedOutput#results results} in each
     * output, as the guest's {@code expected} output (by guest name) defines them: a guest that prints
     * how long it took (CoreMark) agrees with another run on everything else.
     */
    public static Checked check(List<RunResult> results, Set<String> guests, Function<String, ExpectedOutput> expected) {
        Map<String, RunResult> reference = new LinkedHashMap<>();
        for (String g : guests) {
            for (EngineId e : TRUST_ORDER) {
                RunResult first = results.stream()
                        .filter(r -> r.guest().equals(g) && r.engine() == e && r.succeeded() && r.output() != null)
                        .findFirst().orElse(null);
                if (first != null) {
                    reference.put(g, first);
                    break;
                }
            }
        }
        List<RunResult> out = new ArrayList<>(results.size());
        for (RunResult r : results) {
            RunResult ref = reference.get(r.guest());
            ExpectedOutput e = ref == null ? null : expected.apply(r.guest());
            if (ref != null && r.succeeded() && r.output() != null && !e.results(r.output()).equals(e.results(ref.output()))) {
                out.add(r.failedBecause("COM1 output \"" + Text.shorten(r.output(), 70) + "\" differs from "
                        + ref.engine().id() + "'s \"" + Text.shorten(ref.output(), 70) + "\""));
            } else {
                out.add(r);
            }
        }
        Map<String, EngineId> engines = new LinkedHashMap<>();
        reference.forEach((g, r) -> engines.put(g, r.engine()));
        return new Checked(out, engines);
    }
}
