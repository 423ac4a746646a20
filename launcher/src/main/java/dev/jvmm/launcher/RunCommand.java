package dev.jvmm.launcher;

import dev.jvmm.guests.Guest;
import dev.jvmm.guests.GuestCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jvmm run}: boot one guest and return the status its end maps to (see {@link ExitStatus}). */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Boot a guest: a bundled one by NAME (see 'jvmm list'), or --kernel FILE.",
            "With neither, boots the default guest (" + "hello-pm32" + ")."},
        footer = {"", "Exit status: (V << 1) | 1 when the guest writes V to isa-debug-exit (port 0xf4, QEMU's convention);",
            "2 bad usage or image, 10 halted with nothing to wake it, 12 triple fault, 14 reset,",
            "70 engine error, 124 timeout, 130 interrupted.",
            "QEMU words are accepted: -kernel -m -append -serial -nographic -display none -no-reboot",
            "-device isa-debug-exit,iobase=0xf4,iosize=0x4 -accel tcg|kvm -enable-kvm."})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "A bundled guest image (jvmm list).")
    String guestName;

    @Option(names = "--kernel", paramLabel = "FILE", description = "Kernel image: multiboot ELF32, x86-64 ELF or a flat real-mode binary.")
    Path kernel;

    @Option(names = "--engine", paramLabel = "ENGINE", description = "interp, jit, lockstep or kvm (default: ${DEFAULT-VALUE}).")
    String engine = Engines.DEFAULT;

    @Option(names = "--lockstep", description = "Same as --engine lockstep: run the translator and the interpreter side by side and stop at the first divergence.")
    boolean lockstep;

    @Option(names = {"-m", "--memory"}, paramLabel = "SIZE", description = "Guest RAM: MiB, or with a K/M/G suffix (default: ${DEFAULT-VALUE}).")
    String memory = "128M";

    @Option(names = "--append", paramLabel = "ARGS", description = "Kernel command line.")
    String append = "";

    @Option(names = "--serial", paramLabel = "WHERE", description = "COM1: stdio, none or file:PATH (default: ${DEFAULT-VALUE}).")
    String serial = "stdio";

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Stop the guest after this many wall-clock seconds.")
    Double timeout;

    @Option(names = "--clock", paramLabel = "KIND", description = "host (real time) or virtual (time = retired instructions, reproducible) (default: ${DEFAULT-VALUE}).")
    String clock = "host";

    @Option(names = "--rtc-start", paramLabel = "INSTANT", description = "The RTC's time at boot, e.g. 2026-01-01T00:00:00Z (default: now). With --clock virtual this makes a run fully reproducible.")
    String rtcStart;

    @Option(names = "--trace", split = ",", paramLabel = "WHAT", description = "Comma-separated: boot (where the loader put the kernel), io (every port access), insn (every instruction, disassembled, by single-stepping).")
    List<String> trace = List.of();

    @Option(names = "--stats", description = "Print counters when the guest ends.")
    boolean stats;

    @Option(names = "--no-reboot", description = "Accepted for QEMU compatibility; jvmm always stops on reset.")
    boolean noReboot;

    enum Trace { BOOT, IO, INSN }

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        try {
            MachineConfig config = configure();
            return new VirtualMachine(config, spec.commandLine().getOut(), err).boot();
        } catch (UsageException e) {
            err.println("jvmm: " + e.getMessage());
            return ExitStatus.USAGE;
        }
    }

    private MachineConfig configure() throws UsageException {
        if (guestName != null && kernel != null) throw new UsageException("give a guest NAME or --kernel FILE, not both");
        byte[] image;
        String imageName;
        Guest guest = null;
        if (kernel != null) {
            try {
                image = Files.readAllBytes(kernel);
            } catch (NoSuchFileException e) {
                throw new UsageException("cannot read kernel " + kernel + ": no such file");
            } catch (IOException e) {
                throw new UsageException("cannot read kernel " + kernel + ": " + e.getMessage());
            }
            imageName = kernel.toString();
        } else {
            try {
                guest = guestName == null ? GuestCatalog.DEFAULT : GuestCatalog.byName(guestName);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            image = guest.bytes();
            imageName = guest.name();
        }
        long ramBytes;
        try {
            ramBytes = SizeParser.parseBytes(memory);
        } catch (IllegalArgumentException e) {
            throw new UsageException("-m: " + e.getMessage());
        }
        if (lockstep) {
            if (!engine.equals(Engines.DEFAULT) && !engine.equals("lockstep")) {
                throw new UsageException("--lockstep checks the translator against the interpreter; it cannot be combined with --engine " + engine);
            }
            engine = "lockstep";
        }
        Engines.Choice engineChoice;
        try {
            engineChoice = Engines.byName(engine);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        String unavailable = engineChoice.unavailableReason();
        if (unavailable != null) throw new UsageException("engine " + engine + " is not available: " + unavailable);
        if (timeout != null && !(timeout > 0)) throw new UsageException("--timeout must be a positive number of seconds");
        EnumSet<Trace> traces = EnumSet.noneOf(Trace.class);
        for (String t : trace) {
            try {
                traces.add(Trace.valueOf(t.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--trace " + t + ": choose from boot, io, insn");
            }
        }
        if (!clock.equals("host") && !clock.equals("virtual")) throw new UsageException("--clock must be host or virtual");
        SerialTarget serialTarget = SerialTarget.parse(serial);
        java.time.Instant rtc;
        try {
            rtc = rtcStart == null ? java.time.Instant.now() : java.time.Instant.parse(rtcStart);
        } catch (java.time.format.DateTimeParseException e) {
            throw new UsageException("--rtc-start " + rtcStart + ": not an instant like 2026-01-01T00:00:00Z");
        }
        return new MachineConfig(imageName, image, guest, append, ramBytes, engineChoice, serialTarget, timeout,
                clock.equals("virtual"), rtc, traces, stats);
    }
}
