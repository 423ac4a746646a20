package dev.jvmm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BenchMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();

    private int run(String... args) {
        return BenchMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownGuestExits2ListingTheKnownOnes() {
        assertEquals(2, run("--guests", "hello-pm32,no-such-guest"));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("unknown guest 'no-such-guest'"), e);
        assertTrue(e.contains("hello-pm32"), e);
    }

    @Test
    void aBadOptionExits2() {
        assertEquals(2, run("--runs", "-3"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("jvmm bench: --runs"));
    }

    @Test
    void helpPrintsUsageAndExits0() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--engines"));
    }
}
