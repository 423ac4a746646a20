package dev.jvmm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Several vCPUs on the kvm engine (one VM, one vCPU descriptor each, the local APICs in user space):
 * kvm-unit-tests' smptest brings up its application processors with INIT/SIPI and sends each an IPI,
 * and the smp-litmus guest checks x86-TSO outcomes, a LOCK-ed counter and a spinlock on two vCPUs.
 * Skipped, saying why, where /dev/kvm is not usable.
 */
class KvmSmpTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void needKvm() {
        String unavailable = Engines.byName("kvm").unavailableReason();
        if (unavailable != null) {
            System.out.println("KvmSmpTest skipped: /dev/kvm is not usable here: " + unavailable);
            Assumptions.abort(unavailable);
        }
    }

    private int run(Path serial, StringWriter err, String... words) {
        return Main.execute(words, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void smptestFindsEveryCpuAndIpisEach(int vcpus) throws Exception {
        Path dir = KvmUnitTests.directory();
        if (dir == null) {
            System.out.println("KvmSmpTest skipped smptest: no kvm-unit-tests directory");
            Assumptions.abort("kvm-unit-tests not found");
        }
        Path serial = tmp.resolve("smptest-" + vcpus + ".txt");
        StringWriter err = new StringWriter();
        int status = run(serial, err, "-machine", "accel=kvm", "-nodefaults", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x4",
                "-display", "none", "-serial", "file:" + serial, "-m", "256", "-smp", Integer.toString(vcpus),
                "-kernel", dir.resolve("smptest.flat").toString());
        String out = Files.readString(serial, StandardCharsets.ISO_8859_1);
        assertEquals(1, status, "every check passed; serial:\n" + out + "\nstderr: " + err);
        assertTrue(out.contains("found " + vcpus + " cpus"), out);
        for (int k = 0; k < vcpus; k++) assertTrue(out.contains("ipi called, cpu " + k), out);
    }

    @Test
    void litmusOutcomesAndCountersOnTwoVcpus() throws Exception {
        Path kernel = tmp.resolve("smp-litmus.elf");
        String expected;
        try (InputStream in = KvmSmpTest.class.getResourceAsStream("/dev/jvmm/guests/smp-litmus.elf");
             InputStream exp = KvmSmpTest.class.getResourceAsStream("/dev/jvmm/guests/smp-litmus.expected")) {
            Files.write(kernel, in.readAllBytes());
            expected = new String(exp.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path serial = tmp.resolve("litmus.txt");
        StringWriter err = new StringWriter();
        int status = run(serial, err, "run", "--kernel", kernel.toString(), "-smp", "2", "--engine", "kvm",
                "--serial", "file:" + serial, "--timeout", "300");
        assertEquals(1, status, "guest exit value 0 expected; stderr: " + err);
        assertEquals(expected, Files.readString(serial, StandardCharsets.UTF_8));
    }
}
