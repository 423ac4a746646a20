package dev.jvmm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.guests.BootFormat;
import dev.jvmm.guests.ExpectedOutput;
import dev.jvmm.guests.Guest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunCommandsTest {
    private static final Guest SIEVE = new Guest("sieve32", "t", BootFormat.MULTIBOOT, ExpectedOutput.exactly(""), 0);
    private static final Guest ELF64 = new Guest("hello-elf64", "t", BootFormat.ELF64, ExpectedOutput.exactly(""), 0);
    private static final Path REPO = Path.of("/repo");

    @Test
    void javaLaunchStartsTheLauncherMainWithTheScriptsFlags() {
        var c = new RunCommands(REPO, Path.of("/jdk/bin/java"), LaunchMode.JAVA, "qemu");
        List<String> cmd = c.jvmm(SIEVE, EngineId.INTERP, Path.of("/tmp/out"));
        assertEquals("/jdk/bin/java", cmd.getFirst());
        assertTrue(cmd.containsAll(RunCommands.LAUNCHER_JVM_FLAGS), cmd.toString());
        assertTrue(cmd.contains("/repo/launcher/target/classes:/repo/launcher/target/lib/*"), cmd.toString());
        assertEquals(List.of(RunCommands.LAUNCHER_MAIN, "run", "sieve32", "--engine", "interp", "--serial",
                "file:/tmp/out", "--stats"), cmd.subList(cmd.indexOf(RunCommands.LAUNCHER_MAIN), cmd.size()));
    }

    @Test
    void scriptLaunchIsJvmmRun() {
        var c = new RunCommands(REPO, Path.of("java"), LaunchMode.SCRIPT, "qemu");
        assertEquals(List.of("/repo/jvmm", "run", "sieve32", "--engine", "kvm", "--serial", "file:/o", "--stats"),
                c.jvmm(SIEVE, EngineId.KVM, Path.of("/o")));
    }

    @Test
    void qemuGetsTheAcceleratorTheDebugExitDeviceAndTheKernel() {
        var c = new RunCommands(REPO, Path.of("java"), LaunchMode.JAVA, "/usr/bin/qemu-system-x86_64");
        List<String> tcg = c.qemu(EngineId.QEMU_TCG, Path.of("/k.elf"), Path.of("/o"));
        assertEquals("/usr/bin/qemu-system-x86_64", tcg.getFirst());
        assertEquals("tcg", tcg.get(tcg.indexOf("-accel") + 1));
        assertEquals("isa-debug-exit,iobase=0xf4,iosize=0x04", tcg.get(tcg.indexOf("-device") + 1));
        assertEquals("/k.elf", tcg.get(tcg.indexOf("-kernel") + 1));
        assertEquals("file:/o", tcg.get(tcg.indexOf("-serial") + 1));
        assertTrue(tcg.contains("-no-reboot"));
        List<String> kvm = c.qemu(EngineId.QEMU_KVM, Path.of("/k.elf"), Path.of("/o"));
        assertEquals("kvm", kvm.get(kvm.indexOf("-accel") + 1));
        assertThrows(IllegalArgumentException.class, () -> c.qemu(EngineId.INTERP, Path.of("/k"), Path.of("/o")));
        assertThrows(IllegalArgumentException.class, () -> c.jvmm(SIEVE, EngineId.QEMU_TCG, Path.of("/o")));
    }

    @Test
    void qemuBootsMultibootImagesOnly() {
        assertTrue(RunCommands.qemuCanBoot(SIEVE));
        assertFalse(RunCommands.qemuCanBoot(ELF64));
    }

    /** LaunchMode.JAVA must time the JVM ./jvmm starts: the script's exec line has the same flags. */
    @Test
    void theJvmmScriptStartsTheLauncherWithTheSameFlags() throws Exception {
        Path script = Path.of("..", "jvmm");
        String execLine = Files.readAllLines(script).stream()
                .filter(l -> l.contains("exec") && l.contains("java")).reduce((a, b) -> b).orElseThrow();
        List<String> lines = Files.readAllLines(script);
        int at = lines.indexOf(execLine);
        String command = execLine + (at + 1 < lines.size() ? lines.get(at + 1) : "");
        assertTrue(command.contains(RunCommands.LAUNCHER_MAIN), command);
        for (String flag : RunCommands.LAUNCHER_JVM_FLAGS) assertTrue(command.contains(flag), flag + " not in: " + command);
    }
}
