package dev.jvmm.launcher;

import static dev.jvmm.launcher.ConsoleEscapes.Action.EXIT;
import static dev.jvmm.launcher.ConsoleEscapes.Action.HELP;
import static dev.jvmm.launcher.ConsoleEscapes.Action.NO_MONITOR;
import static dev.jvmm.launcher.ConsoleEscapes.Action.SWALLOWED;
import static dev.jvmm.launcher.ConsoleEscapes.Action.TO_GUEST;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console's keys, as QEMU's -nographic has them (issue 20, defect 10: C-a h and C-a c did nothing). */
class ConsoleEscapesTest {
    private static List<ConsoleEscapes.Action> type(int... bytes) {
        ConsoleEscapes keys = new ConsoleEscapes();
        List<ConsoleEscapes.Action> actions = new ArrayList<>();
        for (int b : bytes) actions.add(keys.typed(b));
        return actions;
    }

    @Test
    void ctrlCAndEnterGoToTheGuest() {
        assertEquals(List.of(TO_GUEST, TO_GUEST, TO_GUEST), type(0x03, '\r', 'a'));
    }

    @Test
    void ctrlAEscapes() {
        assertEquals(List.of(SWALLOWED, HELP), type(1, 'h'));
        assertEquals(List.of(SWALLOWED, NO_MONITOR), type(1, 'c'));
        assertEquals(List.of(SWALLOWED, EXIT), type(1, 'x'));
        assertEquals(List.of(SWALLOWED, TO_GUEST, TO_GUEST), type(1, 1, 'x'), "C-a C-a is one C-a; then x is just x");
        assertEquals(List.of(SWALLOWED, SWALLOWED, TO_GUEST), type(1, 'q', 'x'), "an unknown escape is dropped");
    }
}
