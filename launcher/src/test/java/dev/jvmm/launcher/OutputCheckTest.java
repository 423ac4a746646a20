package dev.jvmm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.devices.serial.SerialSink;
import dev.jvmm.guests.BootFormat;
import dev.jvmm.guests.ExpectedOutput;
import dev.jvmm.guests.Guest;
import dev.jvmm.guests.GuestCatalog;
import dev.jvmm.guests.Need;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bundled guest that passes its own checks but prints the wrong thing does not pass, and {@code jvmm list}
 * names the engines a guest cannot pass on (issue 20, defect 11: mandel32 drew a blank picture on engines
 * without x87 and still ended with status 1; the list offered it without a word).
 */
class OutputCheckTest {
    @TempDir
    Path tmp;

    private static final Guest PICTURE = new Guest("picture", "draws", BootFormat.MULTIBOOT,
            ExpectedOutput.exactly("picture:\n#..#\n.##.\ndone\n"), 0);

    private static String printing(OutputCheck check, String text) {
        StringBuilder passedOn = new StringBuilder();
        SerialSink sink = check.recording(b -> passedOn.append((char) b));
        text.chars().forEach(sink::write);
        assertEquals(text, passedOn.toString(), "every byte still reaches the serial target");
        return check.mismatch();
    }

    @Test
    void theExpectedOutputPassesAnythingElseSaysWhereItDiffers() {
        assertNull(printing(OutputCheck.forRun(PICTURE, ""), "picture:\n#..#\n.##.\ndone\n"));
        assertEquals("picture printed other than its expected output (first difference on line 2: \"....\" where \"#..#\" was expected)",
                printing(OutputCheck.forRun(PICTURE, ""), "picture:\n....\n....\ndone\n"));
        assertEquals("picture printed other than its expected output (first difference on line 4: the end where \"done\" was expected)",
                printing(OutputCheck.forRun(PICTURE, ""), "picture:\n#..#\n.##.\n"));
    }

    @Test
    void aPatternIsNamed() {
        Guest clock = new Guest("clock", "tells the time", BootFormat.MULTIBOOT, ExpectedOutput.matching("time \\d+\n"), 0);
        assertNull(printing(OutputCheck.forRun(clock, ""), "time 12\n"));
        assertEquals("clock printed other than its expected output (it does not match /time \\d+\n/)",
                printing(OutputCheck.forRun(clock, ""), "time ?\n"));
    }

    @Test
    void runsThatCannotBeComparedAreNotChecked() {
        assertNull(OutputCheck.forRun(null, ""), "a --kernel file has no expected output");
        assertNull(OutputCheck.forRun(PICTURE, "rounds=3"), "its own command line may change what it prints");
        Guest echo = new Guest("echo", "echoes", BootFormat.MULTIBOOT, ExpectedOutput.exactly("HI"), 0, Set.of(Need.SERIAL_INPUT));
        assertNull(OutputCheck.forRun(echo, ""), "what it prints depends on what is typed");
    }

    @Test
    void aBundledGuestThatPrintsTheExpectedOutputStillPasses() throws Exception {
        CliRun run = CliRun.of(tmp, "run", "hello-pm32", "--engine", "interp");
        assertEquals(GuestCatalog.HELLO_PM32.expectedExitStatus(), run.status(), run.stderr());
        assertEquals("", run.stderr());
    }

    @Test
    void theListNamesTheEnginesAGuestCannotPassOn() throws Exception {
        String list = CliRun.of(tmp, "list").stdout();
        String a20 = list.lines().filter(l -> l.startsWith("  a20-gate ")).findFirst().orElseThrow();
        assertTrue(a20.endsWith("  [cannot pass on kvm]"), a20);
        String hello = list.lines().filter(l -> l.startsWith("  hello-pm32 ")).findFirst().orElseThrow();
        assertTrue(!hello.contains("cannot pass"), hello);
        CliRun onKvm = CliRun.of(tmp, "run", "a20-gate", "--engine", "kvm", "--timeout", "20");
        if (new Engines.Choice("kvm", "", dev.jvmm.kvm.KvmEngine::new).unavailableReason() == null) {
            assertTrue(onKvm.stderr().startsWith("jvmm: note: a20-gate needs an A20 gate (KVM has none), which kvm lacks here:"
                    + " it is not expected to pass"), onKvm.stderr());
        }
    }
}
