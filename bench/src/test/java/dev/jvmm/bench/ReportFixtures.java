package dev.jvmm.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small hand-made comparison for the report renderers' tests. */
final class ReportFixtures {
    static final HostInfo HOST = new HostInfo("Test CPU", 2, "OpenJDK 25", HostInfo.KVM_PVM);

    private ReportFixtures() {}

    static RunResult ok(String guest, EngineId e, int round, double wall, double cpu, long instructions) {
        return RunResult.ok(guest, e, round, new Timing(wall, cpu * 0.75, cpu * 0.25), instructions);
    }

    /**
     * sieve32: interp (3 ok, 100 M instructions), qemu-tcg (3 ok), kvm (all failed);
     * hello-elf64: n/a on QEMU. jit unavailable.
     */
    static ComparisonReport report(String guest1) {
        List<EngineId> engines = List.of(EngineId.INTERP, EngineId.KVM, EngineId.QEMU_TCG);
        List<RunResult> results = new ArrayList<>();
        for (int round = 1; round <= 3; round++) {
            results.add(ok(guest1, EngineId.INTERP, round, 2.0 + round, 4.0 + round, 100_000_000));
            results.add(ok(guest1, EngineId.QEMU_TCG, round, 0.1, 0.05 * round, RunResult.UNKNOWN));
            results.add(RunResult.failed(guest1, EngineId.KVM, round, "exit status 70, expected 1"));
            results.add(ok("hello-elf64", EngineId.INTERP, round, 1.0, 1.5, 2000));
            results.add(ok("hello-elf64", EngineId.KVM, round, 1.0, 3.0, RunResult.UNKNOWN));
        }
        Map<String, Map<EngineId, String>> na = Map.of("hello-elf64", Map.of(EngineId.QEMU_TCG, "QEMU cannot boot ELF64"));
        List<String> guests = List.of(guest1, "hello-elf64");
        Map<EngineId, String> unavailable = new LinkedHashMap<>();
        unavailable.put(EngineId.JIT, "engine jit is not available: not built yet");
        return new ComparisonReport("2026-01-01 — `jvmm bench`", HOST, guests, engines, unavailable, EngineId.QEMU_TCG,
                ComparisonReport.cells(guests, engines, results, na), List.of("measured somehow"));
    }
}
