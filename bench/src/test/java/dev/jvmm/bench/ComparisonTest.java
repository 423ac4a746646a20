package dev.jvmm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTest {
    @Test
    void enginesRotateFromRoundToRound() {
        List<String> engines = List.of("a", "b", "c");
        assertEquals(List.of("a", "b", "c"), Comparison.rotated(engines, 0));
        assertEquals(List.of("b", "c", "a"), Comparison.rotated(engines, 1));
        assertEquals(List.of("a", "b", "c"), Comparison.rotated(engines, 3));
        assertEquals(List.of(), Comparison.rotated(List.of(), 2));
    }

    @Test
    void baselineIsTheRequestedOneIfItRuns() {
        assertEquals(EngineId.KVM, Comparison.chooseBaseline(EngineId.KVM, List.of(EngineId.QEMU_TCG, EngineId.KVM)));
    }

    @Test
    void defaultBaselineIsQemuTcgThenInterpThenTheFirstEngine() {
        assertEquals(EngineId.QEMU_TCG, Comparison.chooseBaseline(null, List.of(EngineId.INTERP, EngineId.QEMU_TCG)));
        assertEquals(EngineId.INTERP, Comparison.chooseBaseline(EngineId.QEMU_TCG, List.of(EngineId.KVM, EngineId.INTERP)));
        assertEquals(EngineId.KVM, Comparison.chooseBaseline(null, List.of(EngineId.KVM, EngineId.QEMU_KVM)));
        assertNull(Comparison.chooseBaseline(null, List.of()));
    }
}
