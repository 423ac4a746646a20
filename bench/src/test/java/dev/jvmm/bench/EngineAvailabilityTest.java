package dev.jvmm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineAvailabilityTest {
    @TempDir
    Path dir;

    @Test
    void findsAnExecutableOnThePath() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path qemu = Files.createFile(bin.resolve("qemu-system-x86_64"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        assertEquals(Optional.of(qemu), EngineAvailability.onPath("qemu-system-x86_64", dir + ":" + bin));
        assertEquals(Optional.empty(), EngineAvailability.onPath("qemu-system-x86_64", dir.toString()));
    }

    @Test
    void missingQemuSaysHowToInstallIt() {
        var c = new RunCommands(dir, Path.of("java"), LaunchMode.JAVA, "qemu");
        String why = EngineAvailability.missing(EngineId.QEMU_TCG, c, Optional.empty(), dir.resolve("kvm"));
        assertTrue(why.contains("apt-get install -y qemu-system-x86"), why);
    }

    @Test
    void kvmEnginesNeedDevKvm() throws Exception {
        Files.createDirectories(dir.resolve("launcher/target/lib"));
        Files.createFile(dir.resolve(RunCommands.LAUNCHER_JAR));
        var c = new RunCommands(dir, Path.of("java"), LaunchMode.JAVA, "qemu");
        String why = EngineAvailability.missing(EngineId.KVM, c, Optional.empty(), dir.resolve("no-kvm"));
        assertTrue(why.startsWith("no /dev/kvm"), why);
        assertNull(EngineAvailability.missing(EngineId.INTERP, c, Optional.empty(), dir.resolve("no-kvm")));
    }

    @Test
    void jvmmEnginesNeedABuiltLauncher() {
        var c = new RunCommands(dir, Path.of("java"), LaunchMode.JAVA, "qemu");
        String why = EngineAvailability.missing(EngineId.INTERP, c, Optional.empty(), dir.resolve("kvm"));
        assertTrue(why.contains("jvmm is not built"), why);
    }
}
