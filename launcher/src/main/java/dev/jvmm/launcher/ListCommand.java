package dev.jvmm.launcher;

import dev.jvmm.guests.Guest;
import dev.jvmm.guests.GuestCatalog;
import dev.jvmm.guests.linux.LinuxGuest;
import java.io.PrintWriter;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/** {@code jvmm list}: the bundled guest images and the engines. */
final class ListCommand {
    private static final Options OPTIONS = new Options().addOption(Main.HELP).addOption(Main.VERSION);

    private ListCommand() {}

    static int execute(List<String> words, PrintWriter out, PrintWriter err) {
        try {
            CommandLine cl = Main.parse(OPTIONS, words);
            if (!cl.getArgList().isEmpty()) throw new ParseException("unexpected argument '" + cl.getArgList().getFirst() + "'");
            Integer done = Main.helpOrVersion(cl, out, ListCommand::printHelp);
            if (done != null) return done;
        } catch (ParseException e) {
            return Main.usageError(err, "list", e.getMessage());
        }
        out.println("Guests (jvmm run NAME):");
        List<String> engines = Engines.all().stream().map(Engines.Choice::name).toList();
        for (Guest g : GuestCatalog.all()) {
            List<String> cannot = EngineSupport.cannotPass(g, engines);
            out.printf("  %-16s %-15s %s%s%s%n", g.name(), g.format(), g.description(),
                    g.name().equals(GuestCatalog.DEFAULT.name()) ? "  [default]" : "",
                    cannot.isEmpty() ? "" : "  [cannot pass on " + String.join(", ", cannot) + "]");
        }
        out.printf("  %-16s %-15s %s%n", LinuxGuest.NAME, "LINUX",
                "Debian's stock kernel (" + LinuxGuest.KERNEL_PACKAGE + ") to a busybox shell; fetched with apt-get download"
                        + " into " + LinuxGuest.defaultCache() + " on first use");
        String noCoremark = GuestCatalog.coremarkMissing();
        if (noCoremark != null) out.printf("  %-16s [unavailable: %s]%n", GuestCatalog.COREMARK, noCoremark);
        out.println("Engines (--engine NAME):");
        for (Engines.Choice e : Engines.all()) {
            String why = e.unavailableReason();
            out.printf("  %-8s %s%s%n", e.name(), e.description(), why == null ? "" : "  [unavailable: " + why + "]");
        }
        return ExitStatus.OK;
    }

    static void printHelp(PrintWriter out) {
        out.println("Usage: jvmm list [-h] [-V]");
        out.println("List the bundled guest images and the engines.");
        Main.printOptions(out, OPTIONS);
    }
}
