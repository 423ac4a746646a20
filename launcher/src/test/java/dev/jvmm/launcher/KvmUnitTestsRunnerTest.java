package dev.jvmm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kvm-unit-tests' own runner can drive jvmm unchanged: {@code kvm-unit-tests-run.sh} (test resources)
 * does what upstream's {@code x86/run} does with {@code QEMU=...} -- checks {@code $QEMU --help} says
 * QEMU, that {@code $QEMU -device '?'} lists the test devices, starts the test with upstream's command
 * line and reads the exit status and stderr as upstream does (status 1 and nothing but warnings on
 * stderr is a pass). {@code $QEMU} is a two-line wrapper that starts jvmm's {@code Main} on this JVM.
 */
class KvmUnitTestsRunnerTest {
    @TempDir
    Path tmp;
    private Path kut;
    private Path qemu;
    private Path script;

    @BeforeEach
    void setUp() throws IOException {
        kut = KvmUnitTests.directory();
        if (kut == null) {
            System.out.println("KvmUnitTestsRunnerTest skipped: no kvm-unit-tests directory (jvmm.shared)");
            Assumptions.abort("kvm-unit-tests not found");
        }
        if (!Files.isExecutable(Path.of("/usr/bin/timeout")) || !Files.isExecutable(Path.of("/bin/bash"))) {
            System.out.println("KvmUnitTestsRunnerTest skipped: needs bash and timeout");
            Assumptions.abort("no bash/timeout");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        qemu = tmp.resolve("qemu-system-x86_64-jvmm");
        Files.writeString(qemu, "#!/bin/sh\nexec '" + java + "' --enable-native-access=ALL-UNNAMED"
                + " --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp '"
                + System.getProperty("java.class.path") + "' dev.jvmm.launcher.Main \"$@\"\n");
        qemu.toFile().setExecutable(true);
        script = tmp.resolve("kvm-unit-tests-run.sh");
        try (var in = KvmUnitTestsRunnerTest.class.getResourceAsStream("/kvm-unit-tests-run.sh")) {
            Files.copy(in, script);
        }
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Outcome(int status, String output) {}

    private Outcome run(String flat, String... words) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(script.toString(), kut.resolve(flat).toString()));
        cmd.addAll(List.of(words));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("QEMU", qemu.toString());
        pb.environment().put("ACCEL", "tcg");
        pb.environment().put("TIMEOUT", "120");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(150, TimeUnit.SECONDS), "runner finished");
        String text = new String(out, StandardCharsets.UTF_8);
        System.out.println("KvmUnitTestsRunnerTest " + flat + ": " + text.lines().reduce((a, b) -> b).orElse(""));
        return new Outcome(p.exitValue(), text);
    }

    @Test
    void upstreamRunnerShapePassesAndSkips() throws Exception {
        Outcome setjmp = run("setjmp.flat");
        assertEquals(0, setjmp.status(), setjmp.output());
        assertTrue(setjmp.output().contains("PASS setjmp (SUMMARY: 10 tests)"), setjmp.output());
        Outcome skip = run("tsc_adjust.flat", "-cpu", "max");
        assertEquals(77, skip.status(), skip.output());
        assertTrue(skip.output().contains("SKIP tsc_adjust"), skip.output());
    }

    @Test
    void aBinaryThatIsNotQemuIsRefused() throws Exception {
        Files.writeString(qemu, "#!/bin/sh\necho 'some other program'\n");
        Outcome o = run("setjmp.flat");
        assertEquals(2, o.status(), o.output());
        assertTrue(o.output().contains("not set to a QEMU binary"), o.output());
    }
}
