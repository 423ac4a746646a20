package dev.jvmm.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Why an engine cannot run on this machine (one line: what is missing and how to get it), from what can
 * be checked without starting it. Whether it really works is then settled by a probe run (see
 * {@link GuestRunner#probe}).
 */
public final class EngineAvailability {
    public static final String QEMU_BINARY = "qemu-system-x86_64";

    private EngineAvailability() {}

    /** Null if nothing is visibly missing for {@code engine}, else the reason. */
    public static String missing(EngineId engine, RunCommands commands, Optional<Path> qemu, Path devKvm) {
        if (engine.isJvmm()) {
            if (commands.launch() == LaunchMode.JAVA && !Files.isRegularFile(commands.repo().resolve(RunCommands.LAUNCHER_JAR))) {
                return "jvmm is not built in " + commands.repo().toAbsolutePath().normalize() + " (run ./jvmm build there, or pass --repo)";
            }
            if (commands.launch() == LaunchMode.SCRIPT && !Files.isExecutable(commands.repo().resolve("jvmm"))) {
                return "no jvmm script in " + commands.repo().toAbsolutePath().normalize() + " (pass --repo)";
            }
        } else if (engine.isQemu() && qemu.isEmpty()) {
            return "QEMU is not installed (" + QEMU_BINARY + " is not on PATH): apt-get install -y qemu-system-x86";
        }
        if (engine.usesKvm()) {
            if (!Files.exists(devKvm)) {
                return "no /dev/kvm: load kvm_intel or kvm_amd on a host with VT-x/AMD-V (or kvm_pvm without them)";
            }
            if (!Files.isReadable(devKvm) || !Files.isWritable(devKvm)) {
                return "/dev/kvm is not readable and writable by this user: add it to group kvm, or run as root";
            }
        }
        return null;
    }

    /** {@code name} found on {@code path} (a PATH-style list), as an executable file. */
    public static Optional<Path> onPath(String name, String path) {
        if (path == null) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }
}
