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

    /**
     * The standalone form: {@code make standalone} (upstream's {@code scripts/mkstandalone.sh}) writes one
     * script per test, {@code tests/NAME}, that carries the test kernel inside it (gzip'd, base64 text in a
     * here-document), unpacks it to a temporary file, and starts {@code $QEMU} (when set, instead of the
     * binary found at configure time) with the command line {@code x86/run} printed for it, turning QEMU's
     * status into PASS (0 or 1) or FAIL. The script below is written here in that shape for setjmp.flat,
     * so the test needs no kvm-unit-tests build tree.
     */
    @Test
    void standaloneScriptShapePasses() throws Exception {
        byte[] kernel = Files.readAllBytes(kut.resolve("setjmp.flat"));
        var packed = new java.io.ByteArrayOutputStream();
        try (var gz = new java.util.zip.GZIPOutputStream(packed)) {
            gz.write(kernel);
        }
        String base64 = java.util.Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(packed.toByteArray());
        String words = "--no-reboot -nodefaults -device pc-testdev -device isa-debug-exit,iobase=0xf4,iosize=0x4"
                + " -display none -serial stdio -device pci-testdev -machine accel=tcg -kernel _KERNEL_";
        Path standalone = tmp.resolve("setjmp");
        Files.writeString(standalone, "#!/bin/sh\n"
                + "trap 'rm -f $bin; exit 1' HUP INT TERM\n"
                + "bin=`mktemp`\n"
                + "base64 -d << 'BIN_EOF' | zcat > $bin &&\n" + base64 + "\nBIN_EOF\n\n"
                + "qemu=\"qemu-system-x86_64\"\n"
                + "if [ \"$QEMU\" ]; then\n\tqemu=\"$QEMU\"\nfi\n"
                + "cmdline=\"`echo '" + words + "' | sed s%_KERNEL_%$bin%`\"\n"
                + "echo $qemu $cmdline -smp 1\n"
                + "$qemu $cmdline -smp 1\n"
                + "ret=$?\n"
                + "echo Return value from qemu: $ret\n"
                + "if [ $ret -le 1 ]; then\n\techo PASS setjmp 1>&2\nelse\n\techo FAIL setjmp 1>&2\nfi\n"
                + "rm -f $bin\n"
                + "[ $ret -le 1 ]\n");
        Files.setPosixFilePermissions(standalone, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder pb = new ProcessBuilder(standalone.toString()).redirectErrorStream(true);
        pb.environment().put("QEMU", qemu.toString());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(150, TimeUnit.SECONDS), "standalone script finished");
        String text = new String(out, StandardCharsets.UTF_8);
        System.out.println("KvmUnitTestsRunnerTest standalone setjmp: " + text.lines().reduce((a, b) -> b).orElse(""));
        assertEquals(0, p.exitValue(), text);
        assertTrue(text.contains("SUMMARY: 10 tests") && text.contains("Return value from qemu: 1") && text.contains("PASS setjmp"), text);
    }

    @Test
    void aBinaryThatIsNotQemuIsRefused() throws Exception {
        Files.writeString(qemu, "#!/bin/sh\necho 'some other program'\n");
        Outcome o = run("setjmp.flat");
        assertEquals(2, o.status(), o.output());
        assertTrue(o.output().contains("not set to a QEMU binary"), o.output());
    }
}
