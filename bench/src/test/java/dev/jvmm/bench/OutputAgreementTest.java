package dev.jvmm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.guests.ExpectedOutput;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OutputAgreementTest {
    private static final Timing T = new Timing(1, 1, 0);

    private static RunResult run(String guest, EngineId e, int round, String output) {
        return RunResult.ok(guest, e, round, T, RunResult.UNKNOWN, output);
    }

    @Test
    void qemuIsTheReferenceAndADifferingRunFailsWithoutTimes() {
        List<RunResult> results = List.of(
                run("sieve32", EngineId.JIT, 1, "bad\n"),
                run("sieve32", EngineId.INTERP, 1, "good\n"),
                run("sieve32", EngineId.QEMU_TCG, 1, "good\n"),
                run("sieve32", EngineId.JIT, 2, "good\n"));
        OutputAgreement.Checked c = OutputAgreement.check(results, Set.of("sieve32"));
        assertEquals(EngineId.QEMU_TCG, c.references().get("sieve32"));
        RunResult first = c.results().getFirst();
        assertFalse(first.succeeded());
        assertNull(first.timing());
        assertTrue(first.failure().contains("differs from qemu-tcg's"), first.failure());
        assertTrue(c.results().subList(1, 4).stream().allMatch(RunResult::succeeded));
    }

    @Test
    void withoutQemuTheInterpreterThenTheJitIsTheReference() {
        OutputAgreement.Checked c = OutputAgreement.check(List.of(
                run("sieve64", EngineId.JIT, 1, "a\n"), run("sieve64", EngineId.INTERP, 1, "b\n"),
                run("crc32", EngineId.JIT, 1, "c\n"), run("crc32", EngineId.JIT, 2, "d\n")), Set.of("sieve64", "crc32"));
        assertEquals(EngineId.INTERP, c.references().get("sieve64"));
        assertFalse(c.results().get(0).succeeded());
        assertEquals(EngineId.JIT, c.references().get("crc32"));
        assertTrue(c.results().get(2).succeeded());
        assertFalse(c.results().get(3).succeeded(), "the jit's runs must agree among themselves");
    }

    @Test
    void failedRunsAndGuestsNotCheckedPassThrough() {
        RunResult failed = RunResult.failed("sieve32", EngineId.QEMU_TCG, 1, "exit status 3, expected 1");
        RunResult other = run("hello-pm32", EngineId.JIT, 1, "x\n");
        OutputAgreement.Checked c = OutputAgreement.check(List.of(failed, run("sieve32", EngineId.JIT, 1, "y\n"), other),
                Set.of("sieve32"));
        assertEquals(EngineId.JIT, c.references().get("sieve32"), "a failed run is no reference");
        assertEquals(failed, c.results().get(0));
        assertEquals(other, c.results().get(2));
    }

    @Test
    void measurementLinesMayDifferBetweenEngines() {
        var expected = ExpectedOutput.measured("crc 0x1\ntook 5 ms\n", "took \\d+ ms");
        OutputAgreement.Checked c = OutputAgreement.check(List.of(
                run("coremark", EngineId.QEMU_TCG, 1, "crc 0x1\ntook 800 ms\n"),
                run("coremark", EngineId.JIT, 1, "crc 0x1\ntook 1500 ms\n"),
                run("coremark", EngineId.JIT, 2, "crc 0x2\ntook 1500 ms\n")), Set.of("coremark"), name -> expected);
        assertTrue(c.results().get(1).succeeded(), "only the time differs");
        assertFalse(c.results().get(2).succeeded(), "the result differs");
    }
}
