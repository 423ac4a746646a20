package dev.jvmm.launcher;

import static org.junit.jupiter.api.Assertions.*;

import dev.jvmm.guests.Guest;
import dev.jvmm.guests.Need;
import dev.jvmm.guests.GuestCatalog;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Every bundled guest boots through the real command line and prints what its catalogue entry says. */
class GuestBootTest {
    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everyGuestBootsOnTheInterpreter() {
        return GuestCatalog.all().stream().map(g -> DynamicTest.dynamicTest(g.name() + " on interp", () -> boot(g, "interp")));
    }

    @TestFactory
    Stream<DynamicTest> everyGuestBootsOnTheTranslator() {
        return GuestCatalog.all().stream().map(g -> DynamicTest.dynamicTest(g.name() + " on jit", () -> boot(g, "jit")));
    }

    /** The translator and the interpreter side by side: a divergence ends the run as an engine error. */
    @TestFactory
    Stream<DynamicTest> everyGuestAgreesInLockstep() {
        return GuestCatalog.all().stream().map(g -> DynamicTest.dynamicTest(g.name() + " in lockstep", () -> boot(g, "lockstep")));
    }

    private void boot(Guest guest, String engine) throws Exception {
        String missing = guest.needs().contains(Need.SERIAL_INPUT) ? guest.name() + " needs input typed on COM1; this test types none"
                : EngineSupport.missing(guest, engine);
        if (missing != null) {
            System.out.println("GuestBootTest skipped: " + missing);
            Assumptions.abort(missing);
        }
        CliRun run = CliRun.of(tmp, "run", guest.name(), "--engine", engine, "--clock", "virtual", "--timeout", "60");
        assertTrue(guest.expectedOutput().matches(run.serial()),
                guest.name() + " printed '" + run.serial() + "', expected " + guest.expectedOutput().describe() + "; stderr: " + run.stderr());
        assertEquals(ExitStatus.debugExit(guest.expectedExitValue()), run.status(), run.stderr());
    }
}
