package dev.jvmm.bench.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleRunTest {
    @TempDir
    Path work;

    @Test
    void aFinishedCommandGivesItsStatusConsoleMarkAndTimes() throws Exception {
        ConsoleRun run = ConsoleRun.run(List.of("bash", "-c", "echo booting; echo 'userspace is up'; exit 3"), "userspace is up", 30, work);
        assertEquals(3, run.status());
        assertEquals("booting\nuserspace is up\n", run.console());
        assertTrue(run.markSeconds() >= 0, "the marked line was seen");
        assertNotNull(run.timing());
        assertTrue(run.timing().wallSeconds() >= run.markSeconds());
    }

    @Test
    void aCommandThatNeverPrintsTheMarkHasNoMarkTime() throws Exception {
        ConsoleRun run = ConsoleRun.run(List.of("true"), "never printed", 30, work);
        assertEquals(0, run.status());
        assertEquals(-1, run.markSeconds());
    }

    @Test
    void aCommandPastItsTimeoutIsKilledAndUntimed() throws Exception {
        ConsoleRun run = ConsoleRun.run(List.of("sleep", "30"), "x", 0.5, work);
        assertEquals(-1, run.status());
        assertNull(run.timing());
    }
}
