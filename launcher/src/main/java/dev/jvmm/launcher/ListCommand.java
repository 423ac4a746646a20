package dev.jvmm.launcher;

import dev.jvmm.guests.Guest;
import dev.jvmm.guests.GuestCatalog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jvmm list}: the bundled guest images and the engines. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the bundled guest images and the engines.")
final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        out.println("Guests (jvmm run NAME):");
        for (Guest g : GuestCatalog.all()) {
            out.printf("  %-16s %-15s %s%s%n", g.name(), g.format(), g.description(),
                    g.name().equals(GuestCatalog.DEFAULT.name()) ? "  [default]" : "");
        }
        out.println("Engines (--engine NAME):");
        for (Engines.Choice e : Engines.all()) {
            String why = e.unavailableReason();
            out.printf("  %-8s %s%s%n", e.name(), e.description(), why == null ? "" : "  [unavailable: " + why + "]");
        }
        return ExitStatus.OK;
    }
}
