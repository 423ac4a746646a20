package dev.jvmm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.guests.GuestCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GuestRunner against stand-in "qemu" and "jvmm" scripts that print and exit as told. */
class GuestRunnerTest {
    @TempDir
    Path dir;

    /** A script that writes {@code output} to the file named by its {@code file:} argument and exits {@code status}. */
    private Path fake(String name, String output, int status, String stderr) throws Exception {
        Path script = dir.resolve(name);
        Files.writeString(script, """
                #!/bin/bash
                for a in "$@"; do case "$a" in file:*) printf '%b' OUT > "${a#file:}";; esac; done
                printf '%b' ERR >&2
                exit STATUS
                """.replace("OUT", "'" + output + "'").replace("ERR", "'" + stderr + "'").replace("STATUS", "" + status));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private GuestRunner qemuRunner(Path fakeQemu) {
        return new GuestRunner(new RunCommands(dir, Path.of("java"), LaunchMode.JAVA, fakeQemu.toString()), dir, 30);
    }

    @Test
    void theExpectedOutputAndStatusGiveATimedRun() throws Exception {
        Path qemu = fake("qemu", "Hello from 32-bit protected mode!\\n", 1, "");
        RunResult r = qemuRunner(qemu).run(GuestCatalog.HELLO_PM32, EngineId.QEMU_TCG, 1);
        assertNull(r.failure());
        assertNotNull(r.timing());
        assertEquals(RunResult.UNKNOWN, r.instructions());
    }

    @Test
    void wrongOutputIsAFailureWithoutTimes() throws Exception {
        Path qemu = fake("qemu", "Hello from 16-bit real mode!\\n", 1, "");
        RunResult r = qemuRunner(qemu).run(GuestCatalog.HELLO_PM32, EngineId.QEMU_TCG, 1);
        assertTrue(r.failure().contains("COM1 output"), r.failure());
        assertNull(r.timing());
    }

    @Test
    void aWrongStatusIsAFailureThatQuotesStderr() throws Exception {
        Path qemu = fake("qemu", "", 1 + 1, "qemu: could not load kernel");
        RunResult r = qemuRunner(qemu).run(GuestCatalog.HELLO_PM32, EngineId.QEMU_KVM, 2);
        assertTrue(r.failure().contains("exit status 2, expected 1"), r.failure());
        assertTrue(r.failure().contains("could not load kernel"), r.failure());
    }

    @Test
    void jvmmRunsReportTheInstructionCount() throws Exception {
        fake("jvmm", "Hello from 32-bit protected mode!\\n", 1, "jvmm: --- stats ---\\njvmm: instructions retired: 1,513\\n");
        var runner = new GuestRunner(new RunCommands(dir, Path.of("java"), LaunchMode.SCRIPT, "qemu"), dir, 30);
        RunResult r = runner.run(GuestCatalog.HELLO_PM32, EngineId.INTERP, 1);
        assertNull(r.failure());
        assertEquals(1513, r.instructions());
    }

    @Test
    void aProbeOfAnEngineJvmmRefusesSaysWhy() throws Exception {
        fake("jvmm", "", 2, "jvmm: engine jit is not available: the translator is not built yet\\n");
        var runner = new GuestRunner(new RunCommands(dir, Path.of("java"), LaunchMode.SCRIPT, "qemu"), dir, 30);
        assertEquals("engine jit is not available: the translator is not built yet",
                runner.probe(GuestCatalog.HELLO_PM32, EngineId.JIT));
    }
}
