package dev.jvmm.core.irq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GsiRoutingTest {
    @Test
    void aGsiFansOutToEveryConnectedInputInOrder() {
        GsiRouting gsis = new GsiRouting(24);
        List<String> seen = new ArrayList<>();
        gsis.connect(4, level -> seen.add("pic " + level));
        gsis.connect(4, level -> seen.add("ioapic " + level));
        gsis.connect(5, level -> seen.add("other " + level));
        gsis.line(4).pulse();
        assertEquals(List.of("pic true", "ioapic true", "pic false", "ioapic false"), seen);
    }

    @Test
    void aLateInputSeesALineAlreadyHigh() {
        GsiRouting gsis = new GsiRouting(24);
        gsis.line(9).raise();
        boolean[] level = {false};
        gsis.connect(9, l -> level[0] = l);
        assertTrue(level[0]);
        assertTrue(gsis.level(9));
        gsis.line(9).lower();
        assertFalse(level[0]);
    }

    @Test
    void gsisOutsideTheTableAreRefused() {
        GsiRouting gsis = new GsiRouting(24);
        assertThrows(IllegalArgumentException.class, () -> gsis.line(24));
        assertThrows(IllegalArgumentException.class, () -> gsis.connect(-1, IrqLine.NONE));
        assertThrows(IllegalArgumentException.class, () -> new GsiRouting(0));
    }

    @Test
    void aSingleChipHasOneView() {
        IrqChip chip = IrqChip.single(InterruptController.NONE);
        assertEquals(1, chip.vcpuCount());
        assertEquals(InterruptController.NONE, chip.vcpu(0));
        assertThrows(IllegalArgumentException.class, () -> chip.vcpu(1));
    }
}
