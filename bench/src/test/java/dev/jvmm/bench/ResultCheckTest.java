package dev.jvmm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    private static final Guest SIEVE = new Guest("sieve32", "test guest", BootFormat.MULTIBOOT,
            ExpectedOutput.exactly("sieve32: 78498 primes below 1000000, checksum 0x23c97f2b, 10 rounds\n"), 0);

    @Test
    void withACommandLineTheOutputNeedsTheExpectedShape() {
        assertNull(ResultCheck.problem(SIEVE, 1, "sieve32: 78498 primes below 1000000, checksum 0x0badf00d, 750 rounds\n", "rounds=750"));
        String p = ResultCheck.problem(SIEVE, 1, "sieve32: bad rounds=N on the command line\n", "rounds=750");
        assertTrue(p.contains("expected the shape"), p);
        String status = ResultCheck.problem(SIEVE, 11, "sieve32: bad rounds=N on the command line\n", "rounds=x");
        assertTrue(status.contains("exit status 11, expected 1"), status);
    }

    @Test
    void withoutACommandLineTheTextIsExact() {
        assertNull(ResultCheck.problem(SIEVE, 1, "sieve32: 78498 primes below 1000000, checksum 0x23c97f2b, 10 rounds\n", null));
        assertTrue(ResultCheck.problem(SIEVE, 1, "sieve32: 78498 primes below 1000000, checksum 0x23c97f2b, 11 rounds\n", null)
                .contains("COM1 output"));
    }

    @Test
    void theShapeLeavesNumbersOpenAndKeepsTheRestLiteral() {
        var shape = ResultCheck.shapeOf(ExpectedOutput.exactly("crc32: check 0xcbf43926, 1048576 pseudo-random bytes 0x202250de\n"));
        assertTrue(shape.matcher("crc32: check 0xcbf43926, 655360000 pseudo-random bytes 0x223fc623\n").matches());
        assertFalse(shape.matcher("crc32: check 0xcbf43926, 655360000 pseudo-random bytes 0x223fc623").matches(), "newline kept");
        assertFalse(shape.matcher("crc32: check 0xcbf43926. 1 pseudo-random bytes 0x2\n").matches(), "punctuation kept");
        assertFalse(shape.matcher("crc32: check 0xcbf43926, 0x10 pseudo-random bytes 0x2\n").matches(), "decimal stays decimal");
        assertTrue(ResultCheck.shapeOf(ExpectedOutput.exactly("a.b (c)*\n")).matcher("a.b (c)*\n").matches(), "regex characters are literal");
        assertEquals("x\\d+", ResultCheck.shapeOf(ExpectedOutput.matching("x\\d+")).pattern());
    }
}
