package dev.jvmm.launcher;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

/**
 * The {@code jvmm} command: {@code run} boots a guest, {@code list} shows the bundled guests.
 * QEMU's words ({@code -kernel}, {@code -m}, {@code -append}, {@code -serial}, {@code -accel} ...) are
 * accepted too, so {@code jvmm -kernel k.elf -nographic} works like {@code jvmm run --kernel k.elf}.
 * The words are parsed with Apache Commons CLI; this class also holds what the commands share: the
 * parser, {@code --help}/{@code --version}, help layout and the one way a usage error is reported.
 */
public final class Main {
    static final Option HELP = flag("h", "help", "Show this help message and exit.");
    static final Option VERSION = flag("V", "version", "Print version information and exit.");

    private static final String USAGE = """
            Usage: jvmm [-h] [-V] [COMMAND]
            A small, fast, teachable x86 virtual machine monitor in pure Java.
              -h, --help      Show this help message and exit.
              -V, --version   Print version information and exit.
            Commands:
              run   Boot a guest: a bundled one by NAME (see 'jvmm list'), or --kernel FILE.
              list  List the bundled guest images and the engines.
              stat  Watch a running jvmm's live counters (jvmm stat [PID]).
              help  Display help information about the specified command.
            Commands of the ./jvmm script in a source tree:
              build Build jvmm without running the tests.
              test  Build and run every test (what CI runs).
              bench Compare the engines (and QEMU) on CPU-bound guests; ./jvmm bench --help.
            Without a command, QEMU-style options mean run: jvmm -kernel k.elf -nographic""";

    /** Where help lines wrap. */
    private static final int WIDTH = 80;

    private Main() {}

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns the process status (for tests: no System.exit). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        List<String> words = Arrays.asList(args);
        String command = words.isEmpty() ? "help" : words.getFirst();
        List<String> rest = words.isEmpty() ? List.of() : words.subList(1, words.size());
        try {
            return switch (command) {
                case "run" -> RunCommand.execute(rest, out, err);
                case "list" -> ListCommand.execute(rest, out, err);
                case "stat" -> dev.jvmm.launcher.stat.StatCommand.execute(rest, out, err);
                case "help" -> help(rest.isEmpty() ? "" : rest.getFirst(), out, err);
                case "-h", "--help" -> help("", out, err);
                case "-V", "--version" -> { out.println(version()); yield ExitStatus.OK; }
                case "build", "test", "bench" -> usageError(err, null, "'" + command + "' is a command of the ./jvmm script"
                        + " in jvmm's source tree: ./jvmm " + command);
                default -> command.startsWith("-")
                        ? RunCommand.execute(words, out, err) // QEMU style: options only, no subcommand
                        : usageError(err, null, "unknown command '" + command + "'");
            };
        } catch (RuntimeException e) {
            err.println("jvmm: internal error: " + e);
            return ExitStatus.ENGINE_ERROR;
        }
    }

    /** {@code jvmm help [COMMAND]}. */
    private static int help(String command, PrintWriter out, PrintWriter err) {
        switch (command) {
            case "", "help" -> out.println(USAGE);
            case "run" -> RunCommand.printHelp(out);
            case "list" -> ListCommand.printHelp(out);
            case "stat" -> out.println(dev.jvmm.launcher.stat.StatCommand.HELP);
            default -> { return usageError(err, null, "unknown command '" + command + "'"); }
        }
        return ExitStatus.OK;
    }

    /**
     * {@code -h} or {@code -V} on a command's line: prints its help (with {@code printHelp}) or the
     * version and returns {@link ExitStatus#OK}; null when neither was given.
     */
    static Integer helpOrVersion(CommandLine cl, PrintWriter out, java.util.function.Consumer<PrintWriter> printHelp) {
        if (cl.hasOption(HELP)) {
            printHelp.accept(out);
            return ExitStatus.OK;
        }
        if (cl.hasOption(VERSION)) {
            out.println(version());
            return ExitStatus.OK;
        }
        return null;
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return "jvmm " + (v == null ? "(development build)" : v) + " on Java " + Runtime.version();
    }

    /** An option without a value ({@code --stats}); {@code shortName} may be null. */
    static Option flag(String shortName, String longName, String description) {
        return Option.builder(shortName).longOpt(longName).desc(description).get();
    }

    /** An option with one value, given as {@code --name VALUE} or {@code --name=VALUE}. */
    static Option valued(String shortName, String longName, String label, String description) {
        return Option.builder(shortName).longOpt(longName).hasArg().argName(label).desc(description).get();
    }

    /**
     * Parses {@code words} against {@code options}; words that are not options are left in
     * {@link CommandLine#getArgList()}. Throws with a message fit to print after "jvmm: ".
     */
    static CommandLine parse(Options options, List<String> words) throws ParseException {
        try {
            return new StrictParser().parse(options, words.toArray(String[]::new));
        } catch (UnrecognizedOptionException e) {
            throw new ParseException("unknown option '" + e.getOption() + "'");
        } catch (MissingArgumentException e) {
            throw new ParseException("option '" + name(e.getOption()) + "' needs a value (" + e.getOption().getArgName() + ")");
        }
    }

    /**
     * Commons CLI's parser without two conveniences that would misread QEMU words: a long option
     * abbreviated ({@code --mem} for {@code --memory}), and getopt-style clusters, where
     * {@code -machine} would mean {@code -m achine}. Both become unknown options.
     */
    private static final class StrictParser extends DefaultParser {
        StrictParser() {
            super(false); // no abbreviations
        }

        @Override
        protected void handleConcatenatedOptions(String token) throws ParseException {
            throw new UnrecognizedOptionException("Unrecognized option: " + token, token);
        }
    }

    /** How messages name an option: its long form. */
    static String name(Option o) {
        return o.getLongOpt() != null ? "--" + o.getLongOpt() : "-" + o.getOpt();
    }

    /** The usage error format of every command: what is wrong, then where to look. Returns {@link ExitStatus#USAGE}. */
    static int usageError(PrintWriter err, String command, String message) {
        err.println("jvmm: " + message);
        err.println("Try 'jvmm " + (command == null ? "" : command + " ") + "--help'.");
        return ExitStatus.USAGE;
    }

    /**
     * Help lines for {@code options}, in the order they were added, laid out by Commons CLI's
     * {@link HelpFormatter}: {@code "  -m,--memory=<SIZE>    Guest RAM..."}, wrapped at {@link #WIDTH}.
     */
    static void printOptions(PrintWriter out, Options options) {
        HelpFormatter help = HelpFormatter.builder().get();
        help.setOptionComparator(null); // declaration order
        help.setLongOptSeparator("=");
        help.printOptions(out, WIDTH, options, 2, 3);
    }
}
