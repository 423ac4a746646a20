package dev.jvmm.launcher;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code jvmm} command: {@code run} boots a guest, {@code list} shows the bundled guests.
 * QEMU's words ({@code -kernel}, {@code -m}, {@code -append}, {@code -serial}, {@code -accel} ...) are
 * accepted too, so {@code jvmm -kernel k.elf -nographic} works like {@code jvmm run --kernel k.elf}.
 */
@Command(name = "jvmm", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "A small, fast, teachable x86 virtual machine monitor in pure Java.",
        subcommands = {RunCommand.class, ListCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns the process status (for tests: no System.exit). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        List<String> words = new ArrayList<>(Arrays.asList(args));
        if (!words.isEmpty() && words.getFirst().startsWith("-") && !isTopLevelOption(words.getFirst())) {
            words.addFirst("run"); // QEMU style: options only, no subcommand
        }
        try {
            if (!words.isEmpty() && words.getFirst().equals("run")) {
                List<String> rest = QemuArgs.translate(words.subList(1, words.size()));
                words = new ArrayList<>(rest);
                words.addFirst("run");
            }
        } catch (IllegalArgumentException e) {
            err.println("jvmm: " + e.getMessage());
            return ExitStatus.USAGE;
        }
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setPosixClusteredShortOptionsAllowed(false);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("jvmm: " + ex.getMessage());
            err.println("Try 'jvmm " + (ex.getCommandLine().getCommandName().equals("jvmm") ? "" : ex.getCommandLine().getCommandName() + " ")
                    + "--help'.");
            return ExitStatus.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            err.println("jvmm: internal error: " + ex);
            return ExitStatus.ENGINE_ERROR;
        });
        return cl.execute(words.toArray(String[]::new));
    }

    private static boolean isTopLevelOption(String word) {
        return word.equals("-h") || word.equals("--help") || word.equals("-V") || word.equals("--version");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"jvmm " + (v == null ? "(development build)" : v) + " on Java " + Runtime.version()};
        }
    }
}
