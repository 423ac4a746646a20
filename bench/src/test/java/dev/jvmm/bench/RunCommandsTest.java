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
import org.junit.jupiter.api.io.TempDir;

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
        assertTrue(cmd.contains("/repo/launcher/target/launcher.jar:/repo/launcher/target/lib/*"), cmd.toString());
        assertTrue(cmd.stream().noneMatch(a -> a.startsWith("-XX:AOTCache")), "no cache in /repo: " + cmd);
        assertEquals(List.of(RunCommands.LAUNCHER_MAIN, "run", "sieve32", "--engine", "interp", "--serial",
                "file:/tmp/out", "--stats"), cmd.subList(cmd.indexOf(RunCommands.LAUNCHER_MAIN), cmd.size()));
    }

    @Test
    void onlyTheJitEngineGetsTheCompilerDirectives() {
        var c = new RunCommands(REPO, Path.of("/jdk/bin/java"), LaunchMode.JAVA, "qemu");
        List<String> jit = c.jvmm(SIEVE, EngineId.JIT, Path.of("/o"));
        assertTrue(jit.contains("-XX:CompilerDirectivesFile=/repo/launcher/jit-compiler-directives.json"), jit.toString());
        assertTrue(jit.indexOf("-XX:+UnlockDiagnosticVMOptions") < jit.indexOf("-XX:-DisplayVMOutput"), jit.toString());
        assertTrue(jit.indexOf("-XX:-DisplayVMOutput") < jit.indexOf("-cp"), jit.toString());
        for (EngineId other : List.of(EngineId.INTERP, EngineId.KVM)) {
            List<String> cmd = c.jvmm(SIEVE, other, Path.of("/o"));
            assertTrue(cmd.stream().noneMatch(a -> a.contains("CompilerDirectives") || a.contains("DisplayVMOutput")), cmd.toString());
        }
    }

    /** The directives file is one HotSpot accepts: a JVM given it starts (a syntax error stops it). */
    @Test
    void hotSpotAcceptsTheJitDirectivesFile() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new java.util.ArrayList<>(new RunCommands(Path.of(".."), java, LaunchMode.JAVA, "qemu").jitJvmFlags());
        cmd.addFirst(java.toString());
        cmd.add("-XX:+DisplayVMOutput"); // to see HotSpot's own report of the file
        cmd.add("-version");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("1 compiler directives added"), out);
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
        assertEquals("max", tcg.get(tcg.indexOf("-cpu") + 1));
        assertEquals("isa-debug-exit,iobase=0xf4,iosize=0x04", tcg.get(tcg.indexOf("-device") + 1));
        assertEquals("/k.elf", tcg.get(tcg.indexOf("-kernel") + 1));
        assertEquals("file:/o", tcg.get(tcg.indexOf("-serial") + 1));
        assertTrue(tcg.contains("-no-reboot"));
        List<String> kvm = c.qemu(EngineId.QEMU_KVM, Path.of("/k.elf"), Path.of("/o"));
        assertEquals("kvm", kvm.get(kvm.indexOf("-accel") + 1));
        assertTrue(!kvm.contains("-cpu"), "QEMU/KVM keeps its default CPU model");
        assertThrows(IllegalArgumentException.class, () -> c.qemu(EngineId.INTERP, Path.of("/k"), Path.of("/o")));
        assertThrows(IllegalArgumentException.class, () -> c.jvmm(SIEVE, EngineId.QEMU_TCG, Path.of("/o")));
    }

    @Test
    void qemuBootsMultibootImagesAndElf64ThroughTheShimButNoBootSectors() {
        assertTrue(RunCommands.qemuCanBoot(SIEVE));
        assertTrue(RunCommands.qemuCanBoot(ELF64));
        assertFalse(RunCommands.qemuCanBoot(new Guest("hello-real", "t", BootFormat.REAL_MODE_FLAT, ExpectedOutput.exactly(""), 0)));
    }

    @Test
    void anElf64GuestIsTheShimsModuleWithTheCommandLine() {
        var c = new RunCommands(REPO, Path.of("java"), LaunchMode.JAVA, "qemu");
        List<String> cmd = c.qemuElf64(EngineId.QEMU_TCG, Path.of("/shim.elf"), Path.of("/sort64.elf"), Path.of("/o"), "rounds=3");
        assertEquals(List.of("-kernel", "/shim.elf", "-initrd", "/sort64.elf", "-append", "rounds=3"), cmd.subList(cmd.size() - 6, cmd.size()));
    }

    @Test
    void aNativeRunIsTheHostProgramWithTheCommandLineAsItsArgument() {
        var c = new RunCommands(REPO, Path.of("java"), LaunchMode.JAVA, "qemu");
        assertEquals(List.of("/repo/guest-images/target/native/sieve32-native", "rounds=5"), c.nativeRun(SIEVE, "rounds=5"));
        assertEquals(List.of("/repo/guest-images/target/native/sieve32-native"), c.nativeRun(SIEVE, null));
    }

    @Test
    void javaLaunchUsesTheAotCacheWhenThereIsOne(@TempDir Path repo) throws Exception {
        Path cache = Files.createDirectories(repo.resolve("launcher/target")).resolve("jvmm.aot");
        Files.writeString(cache, "");
        List<String> cmd = new RunCommands(repo, Path.of("java"), LaunchMode.JAVA, "qemu").jvmm(SIEVE, EngineId.INTERP, Path.of("/o"));
        int at = cmd.indexOf("-XX:AOTCache=" + cache);
        assertTrue(at > 0 && at < cmd.indexOf("-cp"), cmd.toString());
        assertTrue(cmd.containsAll(RunCommands.AOT_FLAGS_AFTER_CACHE), cmd.toString());
    }

    /** LaunchMode.JAVA must start the JVM ./jvmm starts: same flags, class path and AOT cache. */
    @Test
    void theJvmmScriptStartsTheLauncherTheSameWay() throws Exception {
        String script = Files.readString(Path.of("..", "jvmm"));
        String javaOpts = script.lines().filter(l -> l.startsWith("java_opts=")).findFirst().orElseThrow();
        for (String flag : RunCommands.LAUNCHER_JVM_FLAGS) assertTrue(javaOpts.contains(flag), flag + " not in: " + javaOpts);
        String classpath = script.lines().filter(l -> l.startsWith("classpath=")).findFirst().orElseThrow();
        assertTrue(classpath.contains("$root/" + RunCommands.LAUNCHER_JAR + ":$root/" + RunCommands.LAUNCHER_LIB + "/*"), classpath);
        assertTrue(script.contains("$root/" + RunCommands.AOT_CACHE), script);
        assertTrue(script.contains("-XX:AOTCache=\"$aot_cache\" " + String.join(" ", RunCommands.AOT_FLAGS_AFTER_CACHE)), script);
        assertTrue(script.contains(RunCommands.LAUNCHER_MAIN), script);
        String jitOpts = script.lines().filter(l -> l.startsWith("jit_opts=")).findFirst().orElseThrow();
        assertTrue(jitOpts.contains("-XX:CompilerDirectivesFile=\"$root/" + RunCommands.JIT_DIRECTIVES + "\""), jitOpts);
        for (String flag : List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:-DisplayVMOutput")) assertTrue(jitOpts.contains(flag), flag + " not in: " + jitOpts);
    }

    @Test
    void aCommandLineGoesToJvmmAsAppendAndToQemuAsDashAppend() {
        var c = new RunCommands(REPO, Path.of("java"), LaunchMode.JAVA, "qemu");
        List<String> jvmm = c.jvmm(SIEVE, EngineId.JIT, Path.of("/o"), "rounds=750");
        assertEquals(List.of("--stats", "--append", "rounds=750"), jvmm.subList(jvmm.size() - 3, jvmm.size()));
        List<String> qemu = c.qemu(EngineId.QEMU_TCG, Path.of("/k.elf"), Path.of("/o"), "rounds=750");
        assertEquals(List.of("-kernel", "/k.elf", "-append", "rounds=750"), qemu.subList(qemu.size() - 4, qemu.size()));
        assertFalse(c.qemu(EngineId.QEMU_TCG, Path.of("/k.elf"), Path.of("/o"), null).contains("-append"));
        assertFalse(c.jvmm(SIEVE, EngineId.JIT, Path.of("/o"), null).contains("--append"));
    }

}
