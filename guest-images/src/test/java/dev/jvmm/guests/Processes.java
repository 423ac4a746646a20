package dev.jvmm.guests;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs external tools (the GNU toolchain, QEMU) for the tests that use them as oracles. */
final class Processes {

    /** What a finished process left behind. */
    record Result(int status, String stdout, String stderr) {}

    private Processes() {}

    /** The module directory (surefire's working directory, or its {@code basedir} property). */
    static Path moduleDirectory() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    }

    /** Whether {@code program} is an executable file on the PATH. */
    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Path.of(dir, program).toFile().canExecute()) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code command} in {@code directory}; kills it and fails after {@code timeoutSeconds}. */
    static Result run(Path directory, long timeoutSeconds, List<String> command) throws IOException,
            InterruptedException {
        Path out = File.createTempFile("jvmm-guest-test", ".out").toPath();
        Path err = File.createTempFile("jvmm-guest-test", ".err").toPath();
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1),
                    Files.readString(err, StandardCharsets.ISO_8859_1));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
