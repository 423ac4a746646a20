package dev.jvmm.bench.linux;

import dev.jvmm.bench.HostInfo;
import dev.jvmm.bench.RunCommands;
import dev.jvmm.bench.Stats;
import dev.jvmm.guests.linux.LinuxGuest;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Markdown report of {@link LinuxBench}: medians per engine, ratios to QEMU TCG, the exact commands. */
final class LinuxReport {
    private static final Pattern UPTIME = Pattern.compile("userspace is up \\(([\\d.]+) s after boot\\)");

    private LinuxReport() {}

    static String render(String title, LinuxGuest.Prepared linux, String commandLine, RunCommands commands, Path initrd,
                         Map<LinuxBench.Engine, List<ConsoleRun>> results, Map<LinuxBench.Engine, String> failures,
                         List<LinuxBench.Engine> engines) {
        HostInfo host = HostInfo.probe();
        StringBuilder md = new StringBuilder();
        md.append("# Linux boot: ").append(title).append("\n\n");
        md.append(String.format("Kernel `%s` (Debian %s, %s), initramfs of busybox-static and jvmm's /init, %s RAM, command line `%s`.%n",
                linux.kernel().getFileName(), LinuxGuest.KERNEL_PACKAGE, linux.packageVersion(), RunCommands.GUEST_RAM, commandLine));
        md.append(String.format("Host: %s, %d cores. Figures are medians of the runs each engine passed; runs alternate between engines.%n%n",
                host.cpuModel(), host.cores()));
        List<ConsoleRun> qemu = results.get(LinuxBench.Engine.QEMU_TCG);
        double qemuCpu = qemu == null || qemu.isEmpty() ? Double.NaN : Stats.median(qemu.stream().map(c -> c.timing().cpuSeconds()).toList());
        double qemuWall = qemu == null || qemu.isEmpty() ? Double.NaN : Stats.median(qemu.stream().map(c -> c.timing().wallSeconds()).toList());
        md.append("| engine | runs | wall to first userspace line | guest uptime then | wall to power-off | CPU to power-off | CPU ÷ QEMU TCG | wall ÷ QEMU TCG |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (LinuxBench.Engine e : engines) {
            List<ConsoleRun> runs = results.get(e);
            String failed = failures.get(e);
            if (runs.isEmpty()) {
                md.append(String.format("| %s | 0 | FAILED: %s | | | | | |%n", e.label, failed == null ? "no run" : failed.replace('|', '/')));
                continue;
            }
            double mark = Stats.median(runs.stream().map(ConsoleRun::markSeconds).toList());
            double uptime = Stats.median(runs.stream().map(c -> uptime(c.console())).toList());
            double wall = Stats.median(runs.stream().map(c -> c.timing().wallSeconds()).toList());
            double cpu = Stats.median(runs.stream().map(c -> c.timing().cpuSeconds()).toList());
            md.append(String.format(Locale.ROOT, "| %s | %d%s | %.2f s | %.2f s | %.2f s | %.2f s | %s | %s |%n", e.label, runs.size(),
                    failed == null ? "" : " (then FAILED)", mark, uptime, wall, cpu, ratio(cpu, qemuCpu), ratio(wall, qemuWall)));
        }
        md.append("\nCommands (the same kernel, initramfs and command line for every engine; jvmm adds its TSC's rate, `tsc_early_khz`):\n\n```\n");
        for (LinuxBench.Engine e : engines) {
            md.append(String.join(" ", LinuxBench.command(e, commands, linux.kernel(), initrd, commandLine).stream()
                    .map(w -> w.contains(" ") ? "'" + w + "'" : w).toList())).append("\n");
        }
        md.append("```\n\nEach run's console must show the check script's results (`LinuxCheck`: uname, the CPU flags the kernel needs,"
                + " busybox applets computing known values, no Oops/WARNING/BUG/unchecked MSR in dmesg) and the run must power off"
                + " (QEMU through ACPI, status 0; jvmm without ACPI S5 halts after 'reboot: Power down', status 10); a run that does not is"
                + " reported FAILED and not timed. CPU is user + system time of the whole process tree (bash `times`).\n");
        return md.toString();
    }

    private static String ratio(double value, double baseline) {
        return Double.isNaN(baseline) ? "—" : String.format(Locale.ROOT, "%.2f×", value / baseline);
    }

    static double uptime(String console) {
        Matcher m = UPTIME.matcher(console);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }
}
