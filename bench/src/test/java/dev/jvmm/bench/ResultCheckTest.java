package dev.jvmm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.guests.BootFormat;
import dev.jvmm.guests.ExpectedOutput;
import dev.jvmm.guests.Guest;
import org.junit.jupiter.api.Test;

class ResultCheckTest {
    private static final Guest HELLO = new Guest("hello", "test guest", BootFormat.MULTIBOOT,
            ExpectedOutput.exactly("Hi\n"), 0);

    @Test
    void expectedStatusAndOutputIsNoProblem() {
        assertNull(ResultCheck.problem(HELLO, 1, "Hi\n"));
    }

    @Test
    void aWrongExitStatusIsAProblem() {
        String p = ResultCheck.problem(HELLO, 12, "Hi\n");
        assertTrue(p.contains("exit status 12, expected 1"), p);
    }

    @Test
    void wrongOutputIsAProblemEvenWithTheRightStatus() {
        String p = ResultCheck.problem(HELLO, 1, "Hj\n");
        assertTrue(p.contains("Hj\\n"), p);
    }

    @Test
    void instructionCountIsReadFromTheStatsLine() {
        String stderr = "jvmm: --- stats ---\njvmm: engine interp, exit X\njvmm: instructions retired: 12,345,678\n";
        assertEquals(12_345_678L, ResultCheck.instructionsRetired(stderr));
        assertEquals(RunResult.UNKNOWN, ResultCheck.instructionsRetired("qemu: nothing to say"));
    }

    @Test
    void explanationSkipsWarningsAndBlankLines() {
        String stderr = "\nqemu-system-x86_64: warning: host doesn't support requested feature\n"
                + "qemu-system-x86_64: failed to initialize kvm: No such file\n";
        assertEquals("qemu-system-x86_64: failed to initialize kvm: No such file", ResultCheck.explanation(stderr));
        assertEquals("", ResultCheck.explanation("  \n"));
    }
}
