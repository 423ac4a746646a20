package dev.jvmm.bench;

import dev.jvmm.guests.Guest;
import dev.jvmm.guests.GuestCatalog;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code jvmm bench}: compares execution engines on whole guest runs and writes
 * {@code bench/results/latest.md} and {@code latest.svg}. Exit status: 0 if every run gave the
 * expected result, 1 if some failed or no engine could run, 2 for a bad command line.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        BenchOptions options;
        List<Guest> guests;
        try {
            options = BenchOptions.parse(args);
            guests = GuestSelection.resolve(options.guests(), GuestCatalog.all());
        } catch (BenchOptions.HelpRequested help) {
            out.print(BenchOptions.USAGE);
            return 0;
        } catch (BenchUsageException e) {
            err.println("jvmm bench: " + e.getMessage());
            return 2;
        }
        Path workDir = null;
        try {
            workDir = Comparison.newWorkDir();
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            String qemu = EngineAvailability.onPath(EngineAvailability.QEMU_BINARY, System.getenv("PATH"))
                    .map(Path::toString).orElse(EngineAvailability.QEMU_BINARY);
            RunCommands commands = new RunCommands(options.repo().toAbsolutePath().normalize(), java, options.launch(), qemu);
            String title = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(ZonedDateTime.now(ZoneOffset.UTC))
                    + " — `jvmm bench" + (args.length == 0 ? "" : " " + String.join(" ", args)) + "`";
            HostInfo host = HostInfo.probe();
            options = leaveOutPvmByDefault(options, args, host, err);
            ComparisonReport report = new Comparison(options, guests, commands, workDir, err).run(host, title);
            String markdown = MarkdownReport.render(report);
            out.print(markdown);
            Path dir = options.resultsDir();
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("latest.md"), markdown);
            Files.writeString(dir.resolve("latest.svg"), SvgChart.render(report));
            err.println("bench: wrote " + dir.resolve("latest.md") + " and " + dir.resolve("latest.svg"));
            return report.engines().isEmpty() || !report.allSucceeded() ? 1 : 0;
        } catch (IOException e) {
            err.println("jvmm bench: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("jvmm bench: interrupted");
            return 130;
        } finally {
            if (workDir != null) deleteQuietly(workDir);
        }
    }

    /**
     * On PVM every guest instruction is emulated by the host kernel (~1 us): a default run with the two
     * /dev/kvm engines would take over half an hour and say nothing about hardware virtualization. So
     * unless {@code --engines} names them, they are left out there, and the report says so.
     */
    static BenchOptions leaveOutPvmByDefault(BenchOptions options, String[] args, HostInfo host, PrintStream err) {
        if (java.util.Arrays.asList(args).contains("--engines") || !HostInfo.KVM_PVM.equals(host.kvmKind())) return options;
        List<EngineId> engines = options.engines().stream()
                .filter(e -> e == options.baseline() || e != EngineId.KVM && e != EngineId.QEMU_KVM).toList();
        if (engines.size() == options.engines().size()) return options;
        err.println("bench: kvm and qemu-kvm left out: /dev/kvm here is PVM (software, ~1 us per guest instruction);"
                + " name them with --engines to include them");
        return new BenchOptions(options.repo(), options.guests(), engines, options.runs(), options.baseline(),
                options.timeoutSeconds(), options.launch(), options.outDir());
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
