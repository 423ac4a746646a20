package dev.jvmm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The smp-litmus guest (guest-images/src/guest/smp-litmus) on two vCPUs: it starts its second CPU with
 * INIT/SIPI and runs store-buffering with MFENCE, message passing, a LOCK-ed counter and an XCHG spinlock
 * for 20,000 rounds, exiting 0 only if no outcome x86-TSO forbids was seen and both counters are exact.
 * Its expected line was recorded from QEMU 7.2 with -smp 2.
 */
class SmpLitmusTest {
    @TempDir
    Path tmp;

    private Path kernel() throws Exception {
        Path k = tmp.resolve("smp-litmus.elf");
        try (InputStream in = SmpLitmusTest.class.getResourceAsStream("/dev/jvmm/guests/smp-litmus.elf")) {
            Files.write(k, in.readAllBytes());
        }
        return k;
    }

    private static String expected() throws Exception {
        try (InputStream in = SmpLitmusTest.class.getResourceAsStream("/dev/jvmm/guests/smp-litmus.expected")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private int run(String engine, int vcpus, Path serial, StringWriter err) throws Exception {
        return Main.execute(new String[] {"run", "--kernel", kernel().toString(), "-smp", Integer.toString(vcpus), "--engine", engine,
                "--serial", "file:" + serial, "--timeout", "300"}, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void onlyTsoOutcomesAndExactCountersOnTwoVcpus(String engine) throws Exception {
        Path serial = tmp.resolve("com1-" + engine + ".txt");
        StringWriter err = new StringWriter();
        int status = run(engine, 2, serial, err);
        assertEquals(1, status, "guest exit value 0 expected; stderr: " + err);
        assertEquals(expected(), Files.readString(serial, StandardCharsets.UTF_8));
    }

    @Test
    void oneVcpuIsReported() throws Exception {
        Path serial = tmp.resolve("com1-one.txt");
        int status = run("jit", 1, serial, new StringWriter());
        assertEquals((3 << 1) | 1, status, "exit 3: the second CPU never came up");
        assertTrue(Files.readString(serial).contains("never came up"));
    }
}
