package dev.jvmm.bench;

import dev.jvmm.guests.BootFormat;
import dev.jvmm.guests.Guest;
import dev.jvmm.guests.GuestCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs one guest on one engine as a whole process and judges the result against the catalogue. */
public final class GuestRunner {
    /** What Linux calls the JVM process jvmm runs in (and the launcher's main thread). */
    static final String JVM_PROCESS_NAME = "java";

    private final RunCommands commands;
    private final TimedProcess process;
    private final Path workDir;
    private final double timeoutSeconds;

    public GuestRunner(RunCommands commands, Path workDir, double timeoutSeconds) {
        this.commands = commands;
        this.process = new TimedProcess(workDir);
        this.workDir = workDir;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** One timed run of the guest's default workload; a wrong exit status or output makes it a failed run without times. */
    public RunResult run(Guest guest, EngineId engine, int round) throws IOException, InterruptedException {
        return run(guest, engine, round, null);
    }

    /** One timed run with kernel command line {@code commandLine} (null: none); see {@link ResultCheck#problem(Guest, int, String, String)}. */
    public RunResult run(Guest guest, EngineId engine, int round, String commandLine) throws IOException, InterruptedException {
        return attempt(guest, engine, round, commandLine, false).result();
    }

    /**
     * An untimed diagnostic run on the jit engine, its threads sampled while it runs ({@link ThreadCpuSampler}):
     * its counters and CPU time per kind of thread, or a failed diagnostics saying why there are none. Its
     * output is checked like a timed run's (against the shape only when there is a command line).
     */
    public JitDiagnostics diagnose(Guest guest, String commandLine) throws IOException, InterruptedException {
        Attempt a = attempt(guest, EngineId.JIT, 0, commandLine, true);
        if (!a.result().succeeded()) return JitDiagnostics.failed(a.result().failure());
        return JitDiagnostics.parse(a.stderr(), a.threads(), a.result().timing().cpuSeconds());
    }

    private record Attempt(RunResult result, String stderr, ThreadCpu threads) {}

    private Attempt attempt(Guest guest, EngineId engine, int round, String commandLine, boolean sampleThreads)
            throws IOException, InterruptedException {
        Path serial = Files.createTempFile(workDir, "com1-", ".txt");
        Path image = null, shim = null;
        try {
            List<String> command;
            if (engine.isJvmm()) {
                command = commands.jvmm(guest, engine, serial, commandLine);
            } else if (engine == EngineId.NATIVE) {
                command = commands.nativeRun(guest, commandLine);
            } else {
                image = Files.createTempFile(workDir, guest.name() + "-", "." + guest.format().fileExtension());
                Files.write(image, guest.bytes());
                if (guest.format() == BootFormat.ELF64) {
                    shim = Files.createTempFile(workDir, "elf64-boot-", ".elf");
                    Files.write(shim, GuestCatalog.elf64BootShim());
                    command = commands.qemuElf64(engine, shim, image, serial, commandLine);
                } else {
                    command = commands.qemu(engine, image, serial, commandLine);
                }
            }
            // A native program prints on stdout what a guest prints on COM1, and exits with the value a
            // guest writes to isa-debug-exit.
            ProcessOutcome out = process.run(command, timeoutSeconds, sampleThreads ? JVM_PROCESS_NAME : null,
                    engine == EngineId.NATIVE ? serial : null);
            if (out.timedOut()) {
                return new Attempt(RunResult.failed(guest.name(), engine, round,
                        "killed after the " + timeoutSeconds + " s timeout"), out.stderr(), null);
            }
            String output = Text.read(serial);
            int status = engine == EngineId.NATIVE ? (out.exitStatus() << 1) | 1 : out.exitStatus(); // QEMU's convention
            String problem = ResultCheck.problem(guest, status, output, commandLine);
            if (problem != null) {
                String why = ResultCheck.explanation(out.stderr());
                return new Attempt(RunResult.failed(guest.name(), engine, round,
                        why.isEmpty() ? problem : problem + " (" + why + ")"), out.stderr(), null);
            }
            return new Attempt(RunResult.ok(guest.name(), engine, round, out.timing(),
                    ResultCheck.instructionsRetired(out.stderr()), output), out.stderr(), out.threads());
        } finally {
            Files.deleteIfExists(serial);
            if (image != null) Files.deleteIfExists(image);
            if (shim != null) Files.deleteIfExists(shim);
        }
    }

    /**
     * An untimed run of {@code guest} that tells whether {@code engine} works at all here: null if it
     * ran the guest correctly, else one line saying why not (e.g. jvmm's "engine jit is not available").
     * It also warms the page cache, so the first timed run is not the only one reading jars from disk.
     */
    public String probe(Guest guest, EngineId engine) throws IOException, InterruptedException {
        Attempt a = attempt(guest, engine, 0, null, false);
        if (a.result().succeeded()) return null;
        String why = ResultCheck.explanation(a.stderr());
        // jvmm refuses an engine it cannot start (exit 2, "engine jit is not available: ..."): say just that.
        if (why.contains("not available")) return why.replaceFirst("^jvmm: ", "");
        return "a probe run of " + guest.name() + " failed: " + a.result().failure();
    }
}
