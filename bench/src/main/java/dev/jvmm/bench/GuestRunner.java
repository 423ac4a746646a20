package dev.jvmm.bench;

import dev.jvmm.guests.Guest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs one guest on one engine as a whole process and judges the result against the catalogue. */
public final class GuestRunner {
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

    /** One timed run; a wrong exit status or output makes it a failed run without times. */
    public RunResult run(Guest guest, EngineId engine, int round) throws IOException, InterruptedException {
        return attempt(guest, engine, round).result();
    }

    private record Attempt(RunResult result, String stderr) {}

    private Attempt attempt(Guest guest, EngineId engine, int round) throws IOException, InterruptedException {
        Path serial = Files.createTempFile(workDir, "com1-", ".txt");
        Path image = null;
        try {
            List<String> command;
            if (engine.isJvmm()) {
                command = commands.jvmm(guest, engine, serial);
            } else {
                image = Files.createTempFile(workDir, guest.name() + "-", "." + guest.format().fileExtension());
                Files.write(image, guest.bytes());
                command = commands.qemu(engine, image, serial);
            }
            ProcessOutcome out = process.run(command, timeoutSeconds);
            if (out.timedOut()) {
                return new Attempt(RunResult.failed(guest.name(), engine, round,
                        "killed after the " + timeoutSeconds + " s timeout"), out.stderr());
            }
            String problem = ResultCheck.problem(guest, out.exitStatus(), Text.read(serial));
            if (problem != null) {
                String why = ResultCheck.explanation(out.stderr());
                return new Attempt(RunResult.failed(guest.name(), engine, round,
                        why.isEmpty() ? problem : problem + " (" + why + ")"), out.stderr());
            }
            return new Attempt(RunResult.ok(guest.name(), engine, round, out.timing(),
                    ResultCheck.instructionsRetired(out.stderr())), out.stderr());
        } finally {
            Files.deleteIfExists(serial);
            if (image != null) Files.deleteIfExists(image);
        }
    }

    /**
     * An untimed run of {@code guest} that tells whether {@code engine} works at all here: null if it
     * ran the guest correctly, else one line saying why not (e.g. jvmm's "engine jit is not available").
     * It also warms the page cache, so the first timed run is not the only one reading jars from disk.
     */
    public String probe(Guest guest, EngineId engine) throws IOException, InterruptedException {
        Attempt a = attempt(guest, engine, 0);
        if (a.result().succeeded()) return null;
        String why = ResultCheck.explanation(a.stderr());
        // jvmm refuses an engine it cannot start (exit 2, "engine jit is not available: ..."): say just that.
        if (why.contains("not available")) return why.replaceFirst("^jvmm: ", "");
        return "a probe run of " + guest.name() + " failed: " + a.result().failure();
    }
}
