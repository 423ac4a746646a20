package dev.jvmm.launcher;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.regex.Pattern;
import org.apache.commons.cli.Option;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The words of the command line: commands, help, version, both option forms, and every kind of usage error. */
class CommandLineTest {
    @TempDir
    Path tmp;

    /** mov al, 0x21 ; out 0xf4, al — a flat real-mode image that ends at once with status (0x21 << 1) | 1. */
    private String exitImage() throws Exception {
        return CliRun.write(tmp, "exit.bin", CliRun.bootSector(0xB0, 0x21, 0xE6, 0xF4)).toString();
    }

    /** A usage error prints exactly two lines on stderr, nothing on stdout, and returns 2. */
    private void assertUsageError(String message, String tryCommand, String... args) throws Exception {
        CliRun run = CliRun.of(tmp, args);
        assertEquals(ExitStatus.USAGE, run.status(), run.stderr());
        assertEquals("jvmm: " + message + "\nTry '" + tryCommand + "'.\n", run.stderr().replace("\r\n", "\n"));
        assertEquals("", run.stdout());
    }

    @Test
    void unknownOptionsAreUsageErrors() throws Exception {
        assertUsageError("unknown option '--bogus'", "jvmm run --help", "run", "--bogus");
        assertUsageError("unknown option '--bogus'", "jvmm list --help", "list", "--bogus");
        assertUsageError("unknown option '-bogus'", "jvmm run --help", "-bogus"); // QEMU style: no command means run
        assertUsageError("unknown option '--stats=yes'", "jvmm run --help", "run", "--stats=yes");
    }

    @Test
    void neitherAbbreviationsNorClustersAreGuessed() throws Exception {
        assertUsageError("unknown option '--mem'", "jvmm run --help", "run", "--mem", "64");
        // A QEMU word jvmm does not know must not become "-m onitor" or "-m 64".
        assertUsageError("unknown option '-monitor'", "jvmm run --help", "-monitor", "stdio");
        assertUsageError("unknown option '-m64'", "jvmm run --help", "run", "-m64");
    }

    @Test
    void anOptionWithoutItsValueIsAUsageError() throws Exception {
        assertUsageError("option '--kernel' needs a value (FILE)", "jvmm run --help", "run", "--kernel");
        assertUsageError("option '--memory' needs a value (SIZE)", "jvmm run --help", "run", "-m");
        assertUsageError("option '--engine' needs a value (ENGINE)", "jvmm run --help", "run", "--engine", "--stats");
    }

    @Test
    void badValuesExtraArgumentsAndRepeatsAreUsageErrors() throws Exception {
        assertUsageError("invalid value for option '--timeout': 'soon' is not a number", "jvmm run --help", "run", "--timeout", "soon");
        assertUsageError("invalid value for option '--timeout': 'soon' is not a number", "jvmm run --help", "run", "--timeout=soon");
        assertUsageError("unexpected argument 'hello-lm64' (one guest NAME at most)", "jvmm run --help", "run", "hello-pm32", "hello-lm64");
        assertUsageError("unexpected argument 'extra'", "jvmm list --help", "list", "extra");
        assertUsageError("option '--memory' should be given only once", "jvmm run --help", "run", "-m", "64", "--memory=32");
    }

    @Test
    void qemuWordsJvmmRefusesAreUsageErrors() throws Exception {
        assertUsageError("-display gtk: jvmm has no display; use -display none", "jvmm run --help", "-display", "gtk");
        assertUsageError("-kernel needs a value", "jvmm run --help", "-kernel");
        assertUsageError("-machine q35: jvmm has one machine, pc; it takes accel=tcg|kvm", "jvmm run --help", "-machine", "q35");
    }

    @Test
    void unknownCommandsAreUsageErrors() throws Exception {
        assertUsageError("unknown command 'bogus'", "jvmm --help", "bogus");
        assertUsageError("unknown command 'bogus'", "jvmm --help", "help", "bogus");
        assertUsageError("'bench' is a command of the ./jvmm script in jvmm's source tree: ./jvmm bench", "jvmm --help", "bench");
    }

    /** Issue 20, defect 12: the README lists unowned ports among --stats' counters; a run without any says so. */
    @Test
    void statsCountUnownedPorts() throws Exception {
        CliRun quiet = CliRun.of(tmp, "run", "--stats", "--kernel", exitImage());
        assertTrue(quiet.stderr().contains("jvmm: unowned ports: none accessed"), quiet.stderr());
        // in al, 0xe0 (no device there) ; mov al, 0x21 ; out 0xf4, al
        String probe = CliRun.write(tmp, "probe.bin", CliRun.bootSector(0xE4, 0xE0, 0xB0, 0x21, 0xE6, 0xF4)).toString();
        CliRun touched = CliRun.of(tmp, "run", "--stats", "--kernel", probe);
        assertTrue(touched.stderr().contains("jvmm: unowned port 0x00e0 accessed 1 times"), touched.stderr());
    }

    @Test
    void bothOptionFormsMeanTheSame() throws Exception {
        String image = exitImage();
        CliRun spaced = CliRun.of(tmp, "run", "--kernel", image, "--engine", "interp", "-m", "64", "--trace", "insn");
        CliRun joined = CliRun.of(tmp, "run", "--kernel=" + image, "--engine=interp", "-m=64", "--trace=insn");
        assertEquals(ExitStatus.debugExit(0x21), spaced.status(), spaced.stderr());
        assertEquals(ExitStatus.debugExit(0x21), joined.status(), joined.stderr());
        assertTrue(spaced.stderr().contains("mov    al,0x21"), "--trace insn was read: " + spaced.stderr());
        assertEquals(spaced.stderr(), joined.stderr());
    }

    @Test
    void traceTakesACommaSeparatedListAndMayBeRepeated() throws Exception {
        String image = exitImage();
        CliRun list = CliRun.of(tmp, "run", "--kernel", image, "--engine", "interp", "--trace", "boot,insn");
        CliRun repeated = CliRun.of(tmp, "run", "--kernel", image, "--engine", "interp", "--trace", "boot", "--trace=insn");
        assertTrue(list.stderr().contains("jvmm: boot: flat real-mode image"), list.stderr());
        assertTrue(list.stderr().contains("jvmm: insn "), list.stderr());
        assertEquals(list.stderr(), repeated.stderr());
    }

    @Test
    void qemuStyleWithoutACommandRuns() throws Exception {
        CliRun run = CliRun.of(tmp, "-kernel", exitImage(), "-serial", "file:" + tmp.resolve("com1.txt"), "-display", "none", "-no-reboot");
        assertEquals(ExitStatus.debugExit(0x21), run.status(), run.stderr());
    }

    @Test
    void topLevelHelpListsTheCommands() throws Exception {
        String help = CliRun.of(tmp, "--help").stdout();
        assertTrue(help.startsWith("Usage: jvmm "), help);
        for (String command : new String[] {"run", "list", "help", "build", "test", "bench"}) { // the last 3: issue 20, 12
            assertTrue(help.contains("\n  " + command + " "), command + " in: " + help);
        }
        for (String[] same : new String[][] {{"-h"}, {"help"}, {}}) {
            CliRun run = CliRun.of(tmp, same);
            assertEquals(ExitStatus.OK, run.status());
            assertEquals(help, run.stdout(), String.join(" ", same));
            assertEquals("", run.stderr());
        }
    }

    @Test
    void versionNamesJvmmAndTheJava() throws Exception {
        for (String[] args : new String[][] {{"--version"}, {"-V"}, {"run", "--version"}, {"list", "-V"}}) {
            CliRun run = CliRun.of(tmp, args);
            assertEquals(ExitStatus.OK, run.status(), String.join(" ", args));
            assertTrue(run.stdout().matches("jvmm .* on Java " + Pattern.quote(Runtime.version().toString()) + "\\R"), run.stdout());
        }
    }

    @Test
    void runHelpShowsEveryOptionWithItsDescriptionDefaultAndTheFooter() throws Exception {
        CliRun run = CliRun.of(tmp, "help", "run");
        assertEquals(ExitStatus.OK, run.status());
        String help = run.stdout();
        assertEquals(help, CliRun.of(tmp, "run", "--help").stdout());
        assertEquals(help, CliRun.of(tmp, "run", "-h").stdout());
        assertTrue(help.startsWith("Usage: jvmm run [OPTIONS] [NAME]"), help);
        assertTrue(help.contains("boots the default guest (hello-pm32)"), help);
        String unwrapped = help.replaceAll("\\R +", " ");
        for (Option o : RunCommand.OPTIONS.getOptions()) {
            assertTrue(help.contains("--" + o.getLongOpt() + (o.hasArg() ? "=<" + o.getArgName() + ">" : "")), o.getLongOpt());
            assertTrue(unwrapped.contains(o.getDescription()), "description of --" + o.getLongOpt() + " in: " + help);
        }
        assertTrue(help.contains("  -m,--memory=<SIZE> "), help);
        assertTrue(unwrapped.contains("(default: 128M)") && unwrapped.contains("(default: jit)"), help);
        assertTrue(help.contains("Exit status:") && help.contains("QEMU words are accepted:"), help);
        assertTrue(help.lines().allMatch(l -> l.length() <= 80), "fits 80 columns:\n" + help);
    }

    @Test
    void listHelp() throws Exception {
        CliRun run = CliRun.of(tmp, "help", "list");
        assertEquals(ExitStatus.OK, run.status());
        assertTrue(run.stdout().startsWith("Usage: jvmm list"), run.stdout());
        assertEquals(run.stdout(), CliRun.of(tmp, "list", "--help").stdout());
    }
}
