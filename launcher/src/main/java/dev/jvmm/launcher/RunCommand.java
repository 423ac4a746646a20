package dev.jvmm.launcher;

import static dev.jvmm.launcher.Main.flag;
import static dev.jvmm.launcher.Main.valued;

import dev.jvmm.core.boot.BootRequest;
import dev.jvmm.guests.Guest;
import dev.jvmm.guests.GuestCatalog;
import dev.jvmm.guests.linux.FetchException;
import dev.jvmm.guests.linux.LinuxGuest;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * {@code jvmm run}: boot one guest and return the status its end maps to (see {@link ExitStatus}).
 * {@link #OPTIONS} declares the words; the constructor reads them from the parsed command line and
 * {@link #configure()} checks them into a {@link MachineConfig}.
 */
final class RunCommand {
    private static final String DEFAULT_MEMORY = "128M", DEFAULT_SERIAL = "stdio", DEFAULT_CLOCK = "host", DEFAULT_DECOMPRESS = "guest";

    /** The options of {@code jvmm run}, in the order {@code jvmm run --help} lists them. */
    static final Options OPTIONS = new Options()
            .addOption(valued(null, "kernel", "FILE", "Kernel image: a Linux bzImage, an ELF with a PVH note (vmlinux), multiboot ELF32, x86-64 ELF or a boot sector (0x55 0xAA at offset 510)."))
            .addOption(valued(null, "initrd", "FILE", "Initial RAM disk for a Linux kernel (e.g. a gzip'd cpio archive)."))
            .addOption(valued(null, "decompress", "WHO", "Who unpacks a bzImage's compressed kernel: guest (its own decompressor, as QEMU) or host (jvmm decodes the XZ payload and enters the ELF inside) (default: " + DEFAULT_DECOMPRESS + ")."))
            .addOption(valued(null, "kernel-format", "FORMAT", "auto (recognise multiboot, x86-64 ELF or a boot sector by its 0x55 0xAA signature) or flat (a real-mode binary without one, loaded at 0000:7C00) (default: auto)."))
            .addOption(valued(null, "engine", "ENGINE", "interp, jit, lockstep or kvm (default: " + Engines.DEFAULT + ")."))
            .addOption(flag(null, "lockstep", "Same as --engine lockstep: run the translator and the interpreter side by side and stop at the first divergence."))
            .addOption(valued("m", "memory", "SIZE", "Guest RAM: MiB, or with a K/M/G suffix (default: " + DEFAULT_MEMORY + ")."))
            .addOption(valued(null, "append", "ARGS", "Kernel command line."))
            .addOption(valued(null, "serial", "WHERE", "COM1: stdio, none or file:PATH (default: " + DEFAULT_SERIAL + ")."))
            .addOption(valued(null, "timeout", "SECONDS", "Stop the guest after this many wall-clock seconds."))
            .addOption(valued(null, "clock", "KIND", "host (real time) or virtual (time = retired instructions, reproducible) (default: " + DEFAULT_CLOCK + ")."))
            .addOption(valued(null, "rtc-start", "INSTANT", "The RTC's time at boot, e.g. 2026-01-01T00:00:00Z (default: now). With --clock virtual this makes a run fully reproducible."))
            .addOption(valued(null, "trace-file", "FILE", "Write the traces (--trace) to FILE instead of standard error, apart from the guest's serial output (QEMU's -D)."))
            .addOption(valued(null, "trace", "WHAT[,WHAT...]", "Comma-separated: boot (where the loader put the kernel), io (every port access), insn (every instruction, disassembled, by single-stepping), jit (every translated unit: each guest instruction with its bytecode), int (every interrupt and exception: vector, error code, CS:RIP), cpu (insn with the registers before each)."))
            .addOption(flag(null, "stats", "Print counters when the guest ends."))
            .addOption(flag(null, "no-reboot", "Accepted for QEMU compatibility; jvmm always stops on reset."))
            .addOption(valued(null, "device", "NAME", "Add a QEMU test device: pc-testdev or pci-testdev (repeatable); ? lists the devices."))
            .addOption(valued(null, "cpu", "MODEL[,+F,-F]", "QEMU's CPU words: the model name is accepted and ignored (jvmm has one CPU model); +/-x2apic and +/-tsc-deadline switch those local APIC features (default: both on)."))
            .addOption(valued(null, "smp", "N", "vCPUs (QEMU's -smp N or cpus=N; default 1): one thread each; vCPU 0 boots, the others wait for INIT/SIPI. interp and jit."))
            .addOption(valued(null, "gdb", "ADDRESS", "Serve the GDB remote protocol on tcp::PORT (any local address), tcp:HOST:PORT or PORT: gdb connects with 'target remote :PORT'."))
            .addOption(flag(null, "gdb-wait", "Stop before the first instruction until gdb connects (needs --gdb; QEMU's -S)."))
            .addOption(Main.HELP)
            .addOption(Main.VERSION);

    private static final String FOOTER = """

            Exit status: (V << 1) | 1 when the guest writes V to isa-debug-exit (port 0xf4,
            QEMU's convention); 2 bad usage or image, 10 halted with nothing to wake it,
            12 triple fault, 14 reset, 16 a bundled guest's output is not its
            expected output, 70 engine error, 124 timeout, 130 interrupted.
            QEMU words are accepted: -kernel -initrd -m -append -serial -nographic
            -display none -no-reboot -nodefaults -accel tcg|kvm -enable-kvm
            -machine accel=tcg|kvm -cpu MODEL[,+x2apic,-tsc-deadline...] -smp N
            -device isa-debug-exit,iobase=0xf4,iosize=0x4 -device pc-testdev
            -device pci-testdev -device '?' -s (= --gdb tcp::1234) -gdb ADDRESS
            -S (= --gdb-wait) -d in_asm,exec,int,cpu (= --trace jit,insn,int,cpu)
            -D FILE (= --trace-file FILE). The command line is QEMU's
            (qemu-system-x86_64), so kvm-unit-tests' x86/run can drive jvmm.""";

    enum Trace { BOOT, IO, INSN, JIT, INT, CPU }

    private final String guestName;
    private final String kernel;
    private final String kernelFormat;
    private final String initrd;
    private final String decompress;
    private String engine;
    private final boolean lockstep;
    private final String memory;
    private final String append;
    private final String serial;
    private final Double timeout;
    private final String clock;
    private final String rtcStart;
    private final List<String> trace = new ArrayList<>();
    private final String traceFile;
    private final boolean stats;
    private final List<String> devices = new ArrayList<>();
    private final String cpu;
    private final String smp;

    /** QEMU's {@code -smp [cpus=]N[,maxcpus=M,sockets=S,cores=C,threads=T]}: the number of CPUs present at boot. */
    static int smpCount(String smp) throws UsageException {
        try {
            for (String f : smp.split(",")) {
                if (f.startsWith("cpus=")) return Integer.parseInt(f.substring(5));
                if (!f.contains("=")) return Integer.parseInt(f);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--smp " + smp + ": not a number of vCPUs (N or cpus=N)");
    }
    private final String gdb;
    private final boolean gdbWait;

    /** {@code jvmm run WORDS}: parse, check, boot. QEMU words are rewritten first (see {@link QemuArgs}). */
    static int execute(List<String> words, PrintWriter out, PrintWriter err) {
        List<String> jvmmWords;
        try {
            jvmmWords = QemuArgs.translate(words);
        } catch (IllegalArgumentException e) {
            return Main.usageError(err, "run", e.getMessage());
        }
        try (InterruptHook interrupts = InterruptHook.install()) {
            MachineConfig config;
            try {
                CommandLine cl = Main.parse(OPTIONS, jvmmWords);
                Integer done = Main.helpOrVersion(cl, out, RunCommand::printHelp);
                if (done != null) return interrupts.finished(done);
                if (cl.hasOption("device") && List.of(cl.getOptionValues("device")).contains("?")) {
                    QemuArgs.DEVICE_LIST.forEach(out::println);
                    out.flush();
                    return interrupts.finished(0);
                }
                config = new RunCommand(cl).configure(err);
            } catch (ParseException e) {
                return interrupts.finished(Main.usageError(err, "run", e.getMessage()));
            } catch (UsageException e) {
                err.println("jvmm: " + e.getMessage());
                return interrupts.finished(ExitStatus.USAGE);
            } catch (KernelFile.TimedOut e) {
                err.println("jvmm: " + e.getMessage());
                return interrupts.finished(ExitStatus.TIMEOUT);
            }
            return interrupts.finished(new VirtualMachine(config, out, err, interrupts).boot());
        }
    }

    static void printHelp(PrintWriter out) {
        out.println("Usage: jvmm run [OPTIONS] [NAME]");
        out.println("Boot a guest: a bundled one by NAME (see 'jvmm list'), or --kernel FILE.");
        out.println("With neither, boots the default guest (" + GuestCatalog.DEFAULT.name() + ").");
        out.println("  NAME   A bundled guest image (jvmm list).");
        Main.printOptions(out, OPTIONS);
        out.println(FOOTER);
    }

    /** The words as given: only their form is checked here ({@link #configure()} checks their meaning). */
    private RunCommand(CommandLine cl) throws ParseException {
        Set<String> seen = new HashSet<>();
        for (Option o : cl.getOptions()) {
            if (!o.getLongOpt().equals("trace") && !o.getLongOpt().equals("device") && !seen.add(o.getLongOpt())) {
                throw new ParseException("option '" + Main.name(o) + "' should be given only once");
            }
        }
        List<String> names = cl.getArgList();
        if (names.size() > 1) throw new ParseException("unexpected argument '" + names.get(1) + "' (one guest NAME at most)");
        guestName = names.isEmpty() ? null : names.getFirst();
        kernel = cl.getOptionValue("kernel");
        kernelFormat = cl.getOptionValue("kernel-format", "auto");
        initrd = cl.getOptionValue("initrd");
        decompress = cl.getOptionValue("decompress", DEFAULT_DECOMPRESS);
        engine = cl.getOptionValue("engine", Engines.DEFAULT);
        lockstep = cl.hasOption("lockstep");
        memory = cl.getOptionValue("memory", DEFAULT_MEMORY);
        append = cl.getOptionValue("append", "");
        serial = cl.getOptionValue("serial", DEFAULT_SERIAL);
        try {
            timeout = cl.hasOption("timeout") ? Double.valueOf(cl.getOptionValue("timeout")) : null;
        } catch (NumberFormatException e) {
            throw new ParseException("invalid value for option '--timeout': '" + cl.getOptionValue("timeout") + "' is not a number");
        }
        clock = cl.getOptionValue("clock", DEFAULT_CLOCK);
        rtcStart = cl.getOptionValue("rtc-start");
        if (cl.hasOption("trace")) {
            for (String value : cl.getOptionValues("trace")) trace.addAll(List.of(value.split(",")));
        }
        traceFile = cl.getOptionValue("trace-file");
        stats = cl.hasOption("stats");
        if (cl.hasOption("device")) devices.addAll(List.of(cl.getOptionValues("device")));
        cpu = cl.getOptionValue("cpu", "");
        smp = cl.getOptionValue("smp", "1");
        gdb = cl.getOptionValue("gdb");
        gdbWait = cl.hasOption("gdb-wait");
    }

    private MachineConfig configure(PrintWriter err) throws UsageException, KernelFile.TimedOut {
        if (guestName != null && kernel != null) throw new UsageException("give a guest NAME or --kernel FILE, not both");
        byte[] image;
        String imageName;
        Guest guest = null;
        long ramBytes;
        try {
            ramBytes = SizeParser.parseBytes(memory);
        } catch (IllegalArgumentException e) {
            throw new UsageException("-m: " + e.getMessage());
        }
        if (timeout != null && !(timeout > 0)) throw new UsageException("--timeout must be a positive number of seconds");
        boolean flat = switch (kernelFormat) {
            case "auto" -> false;
            case "flat" -> true;
            default -> throw new UsageException("--kernel-format must be auto or flat, not '" + kernelFormat + "'");
        };
        if (flat && kernel == null) throw new UsageException("--kernel-format flat describes a --kernel FILE");
        byte[] linuxInitrd = null;
        String commandLine = append;
        if (kernel != null) {
            image = KernelFile.read("kernel", kernel, ramBytes, timeout, err);
            imageName = kernel;
        } else if (LinuxGuest.NAME.equals(guestName)) {
            LinuxGuest.Prepared linux;
            try {
                linux = LinuxGuest.prepare(LinuxGuest.defaultCache(), line -> System.err.println("jvmm: linux: " + line));
            } catch (FetchException e) {
                throw new UsageException("linux: " + e.getMessage());
            }
            image = KernelFile.read("kernel", linux.kernel().toString(), ramBytes, timeout, err);
            imageName = linux.kernel().toString();
            if (initrd == null) linuxInitrd = linux.initramfs();
            commandLine = LinuxGuest.commandLine(append, !isKvm(engine));
        } else {
            try {
                guest = guestName == null ? GuestCatalog.DEFAULT : GuestCatalog.byName(guestName);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            image = guest.bytes();
            imageName = guest.name();
        }
        byte[] ramDisk = initrd == null ? linuxInitrd : KernelFile.read("initrd", initrd, ramBytes, timeout, err);
        BootRequest.Unpacking unpacking = switch (decompress) {
            case "guest" -> BootRequest.Unpacking.GUEST;
            case "host" -> BootRequest.Unpacking.HOST;
            default -> throw new UsageException("--decompress must be guest or host, not " + decompress);
        };
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
        String cannotPass = guest == null ? null : EngineSupport.missing(guest, engine);
        if (cannotPass != null) err.println("jvmm: note: " + cannotPass + ": it is not expected to pass");
        EnumSet<Trace> traces = EnumSet.noneOf(Trace.class);
        for (String t : trace) {
            try {
                traces.add(Trace.valueOf(t.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--trace " + t + ": choose from boot, io, insn, jit, int, cpu");
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
        for (String d : devices) {
            if (!d.equals("pc-testdev") && !d.equals("pci-testdev")) {
                throw new UsageException("--device " + d + ": jvmm adds pc-testdev or pci-testdev (see --device ?)");
            }
        }
        boolean x2apic = true, tscDeadline = true;
        for (String f : cpu.isEmpty() ? new String[0] : cpu.split(",")) {
            switch (f) {
                case "+x2apic", "x2apic=on" -> x2apic = true;
                case "-x2apic", "x2apic=off" -> x2apic = false;
                case "+tsc-deadline", "tsc-deadline=on" -> tscDeadline = true;
                case "-tsc-deadline", "tsc-deadline=off" -> tscDeadline = false;
                default -> {} // the model name and other features: jvmm's CPU model is fixed
            }
        }
        int vcpus = smpCount(smp);
        if (vcpus < 1 || vcpus > dev.jvmm.devices.pc.PcBoard.MAX_CPUS) {
            throw new UsageException("--smp must be 1 to " + dev.jvmm.devices.pc.PcBoard.MAX_CPUS + ", not " + vcpus);
        }
        if (gdbWait && gdb == null) throw new UsageException("--gdb-wait (-S) waits for gdb: give --gdb ADDRESS (or -s) too");
        if (gdb != null) {
            try {
                dev.jvmm.launcher.gdb.GdbServer.parse(gdb);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--gdb: " + e.getMessage());
            }
        }
        return new MachineConfig(imageName, image, flat, ramDisk, unpacking, guest, commandLine, ramBytes, engineChoice, serialTarget, timeout,
                clock.equals("virtual"), rtc, traces, stats, Set.copyOf(devices), x2apic, tscDeadline, vcpus, gdb, gdbWait,
                traceFile == null ? null : java.nio.file.Path.of(traceFile));
    }

    /** The engine named runs the guest under /dev/kvm (its TSC is the host's). */
    private static boolean isKvm(String engine) {
        return engine.startsWith("kvm");
    }
}
