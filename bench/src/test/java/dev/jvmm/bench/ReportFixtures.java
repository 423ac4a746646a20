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
                ComparisonReport.cells(guests, engines, results, na), List.of("measured somehow"), Workload.defaults(),
                Map.of(), null);
    }

    /** The stderr of a jit run of sieve32 rounds=100 with --stats (abridged). */
    static final String DIAGNOSTIC_STDERR = """
            jvmm: --- stats ---
            jvmm: engine jit, exit ExitRequested[], stop DebugExit[value=0]
            jvmm: instructions retired: 1,517,610,703
            jvmm: jit: 1517610703 instructions retired, 32695 interpreted outside units, 0 run by fallback inside units
            jvmm: jit: 6 units translated (324 guest instructions, 20010 bytecode bytes, 114.3 ms), 0 failed, 0 stale
            jvmm: jit: 369809 chained entries, 0 jump-cache hits, cache 169 hits, 635 hot entries without a unit, 0 invalidations (SMC), 0 flushes
            jvmm: jit: unit runs 369978, exits: branch=111 interpreted=0 fault=0 budget=369756 smc=0 tlb-miss=111
            jvmm: jit: 24 entry points cached
            jvmm: com1-uart-16550a: 69 bytes out, 0 in, 0 overruns, 0 input waiting
            """;

    /**
     * A --size long comparison of jit and qemu-tcg, interp left out: sieve32 (rounds=750; jit CPU 4, 5, 6 s,
     * qemu-tcg 3.9, 4.0, 4.1 s) and sieve64 (n/a on QEMU, its diagnostic run failed); start-up 0.3, 0.3,
     * 0.4 s; diagnostic runs (process CPU; main, compiler, translator threads): hello-pm32 0.30 s; 0.15, 0.10,
     * 0; sieve32 4.8 s; 3.2, 1.1, 0.12.
     */
    static ComparisonReport longReport() {
        List<EngineId> engines = List.of(EngineId.JIT, EngineId.QEMU_TCG);
        List<String> guests = List.of("sieve32", "sieve64");
        List<RunResult> results = new ArrayList<>();
        List<RunResult> startup = new ArrayList<>();
        for (int round = 1; round <= 3; round++) {
            results.add(ok("sieve32", EngineId.JIT, round, 5.0, 3.0 + round, 11_383_000_000L));
            results.add(ok("sieve32", EngineId.QEMU_TCG, round, 4.0, 3.8 + round / 10.0, RunResult.UNKNOWN));
            results.add(ok("sieve64", EngineId.JIT, round, 5.0, 6.0, 9_000_000_000L));
            startup.add(ok("hello-pm32", EngineId.JIT, round, 0.5, round == 3 ? 0.4 : 0.3, 513));
        }
        Map<String, Map<EngineId, String>> na = Map.of("sieve64", Map.of(EngineId.QEMU_TCG, "QEMU cannot boot ELF64"));
        Map<EngineId, String> unavailable = new LinkedHashMap<>();
        unavailable.put(EngineId.INTERP, "left out: not in --engines jit,qemu-tcg");
        Workload workload = new Workload("--size long", Map.of("sieve32", "rounds=750", "sieve64", "rounds=750"));
        JitDiagnostics hello = new JitDiagnostics(513, 513, 0, 0.0, 0, Map.of(), new ThreadCpu(0.15, 0.10, 0, 0.02), 0.30, null);
        JitDiagnostics sieve32 = new JitDiagnostics(11_383_000_000L, 32_695, 6, 100.0, 369_978,
                orderedExits(), new ThreadCpu(3.2, 1.1, 0.12, 0.3), 4.8, null);
        Map<String, JitDiagnostics> diagnostics = new LinkedHashMap<>();
        diagnostics.put("sieve32", sieve32);
        diagnostics.put("sieve64", JitDiagnostics.failed("exit status 70, expected 1"));
        JitProfile profile = new JitProfile(new Cell("hello-pm32", EngineId.JIT, startup, null), hello, diagnostics);
        return new ComparisonReport("2026-01-01 — `jvmm bench --size long`", HOST, guests, engines, unavailable,
                EngineId.QEMU_TCG, ComparisonReport.cells(guests, engines, results, na), List.of("measured somehow"),
                workload, Map.of("sieve32", EngineId.QEMU_TCG, "sieve64", EngineId.JIT), profile);
    }

    private static Map<String, Long> orderedExits() {
        Map<String, Long> exits = new LinkedHashMap<>();
        exits.put("branch", 111L);
        exits.put("interpreted", 0L);
        exits.put("budget", 369_756L);
        exits.put("tlb-miss", 111L);
        return exits;
    }
}
