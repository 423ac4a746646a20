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
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        List<String> words = List.of(args);
        int linux = words.indexOf("linux");
        if (linux == 0 || linux == 2 && words.getFirst().equals("--repo")) { // jvmm bench linux ...: its own comparison
            List<String> rest = new java.util.ArrayList<>(words);
            rest.remove(linux);
            return dev.jvmm.bench.linux.LinuxBench.run(rest, out, err);
        }
        int smp = words.indexOf("smp");
        if (smp == 0 || smp == 2 && words.getFirst().equals("--repo")) { // jvmm bench smp ...: 1 vCPU against 2
            List<String> rest = new java.util.ArrayList<>(words);
            rest.remove(smp);
            return dev.jvmm.bench.smp.SmpBench.run(rest, out, err);
        }
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
            BenchOptions asked = options;
            options = leaveOutPvmByDefault(options, args, host, err);
            Workload workload = Workload.of(options.size(), options.append(), guests);
            ComparisonReport report = new Comparison(options, guests, workload, leftOut(asked, options), commands,
                    workDir, err).run(host, title);
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
        if (enginesNamed(args) || !HostInfo.KVM_PVM.equals(host.kvmKind())) return options;
        List<EngineId> engines = options.engines().stream()
                .filter(e -> e == options.baseline() || e != EngineId.KVM && e != EngineId.QEMU_KVM).toList();
        if (engines.size() == options.engines().size()) return options;
        err.println("bench: kvm and qemu-kvm left out: " + PVM_LEFT_OUT);
        return options.withEngines(engines);
    }

    static final String PVM_LEFT_OUT = "/dev/kvm here is PVM (software, ~1 us per guest instruction);"
            + " name them with --engines to include them";

    /**
     * The engines that will not run because nobody asked for them, and why: left out of {@code --engines}
     * (e.g. the interpreter at long sizes), or left out by default on PVM ({@code asked} had them,
     * {@code effective} does not). The report lists them, so a missing column is never a mystery.
     */
    static Map<EngineId, String> leftOut(BenchOptions asked, BenchOptions effective) {
        Map<EngineId, String> out = new LinkedHashMap<>();
        for (EngineId e : EngineId.values()) {
            if (effective.engines().contains(e)) continue;
            out.put(e, asked.engines().contains(e) ? "left out by default: " + PVM_LEFT_OUT
                    : "left out: not in --engines " + String.join(",", asked.engines().stream().map(EngineId::id).toList()));
        }
        return out;
    }

    private static boolean enginesNamed(String[] args) {
        return Arrays.stream(args).anyMatch(a -> a.equals("--engines") || a.startsWith("--engines="));
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
