package dev.jvmm.launcher.stat;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guest runs in another JVM; this one reads its live counters through {@code jvmm stat} while it
 * runs and sees them grow, then sees the file go when that jvmm ends.
 */
class LiveCountersTest {
    @TempDir
    Path dir;

    @Test
    void anotherProcessSeesTheCountersOfARunningGuestGrow() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "dev.jvmm.launcher.Main", "run", "sieve32", "--engine", "jit", "--append", "rounds=100000", "--serial", "none", "--timeout", "120")
                .redirectErrorStream(true).redirectOutput(dir.resolve("jvmm.log").toFile());
        pb.environment().put("JVMM_STAT_DIR", dir.toString());
        Process guest = pb.start();
        try {
            Path file = dir.resolve(guest.pid() + ".counters");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(file) && guest.isAlive() && System.nanoTime() < deadline) Thread.sleep(50);
            assertTrue(Files.exists(file), "the running jvmm made its counters file: " + Files.readString(dir.resolve("jvmm.log")));

            while (System.nanoTime() < deadline && guest.isAlive()) { // until the guest's first instructions (the JVM starts cold)
                List<Long> first = values(stat(guest.pid(), "--count", "1"), "instructions retired");
                if (!first.isEmpty() && first.getFirst() > 1_000_000) break;
                Thread.sleep(100);
            }
            StringWriter out = new StringWriter(), err = new StringWriter();
            int status = StatCommand.execute(List.of(Long.toString(guest.pid()), "--dir", dir.toString(), "--interval", "0.5", "--count", "3"),
                    new PrintWriter(out, true), new PrintWriter(err, true));
            assertEquals(0, status, err.toString());
            String text = out.toString();
            assertTrue(text.contains("guest sieve32"), text);
            List<Long> retired = values(text, "instructions retired");
            assertEquals(3, retired.size(), text);
            assertTrue(retired.get(0) <= retired.get(1) && retired.get(1) <= retired.get(2) && retired.get(0) < retired.get(2),
                    "instructions grow while the guest runs: " + text);
            assertEquals(3, values(text, "jit: unit runs").size(), "the engine's own counters are there too: " + text);
            assertTrue(text.contains("guest MIPS"), text);
            assertTrue(Pattern.compile("(?m)^  io: com1\\S*\\s+[1-9]").matcher(text).find(), "COM1's accesses (the UART set-up) per device: " + text);
        } finally {
            guest.destroy(); // SIGTERM: the run ends as interrupted and deletes its file
            guest.waitFor(30, TimeUnit.SECONDS);
        }
        StringWriter out = new StringWriter(), err = new StringWriter();
        assertEquals(2, StatCommand.execute(List.of(Long.toString(guest.pid()), "--dir", dir.toString()), new PrintWriter(out, true), new PrintWriter(err, true)));
        assertTrue(err.toString().contains("no counters for pid " + guest.pid()), "a jvmm that ended leaves no counters: " + err);
    }

    private String stat(long pid, String... more) {
        List<String> args = new ArrayList<>(List.of(Long.toString(pid), "--dir", dir.toString()));
        args.addAll(List.of(more));
        StringWriter out = new StringWriter();
        StatCommand.execute(args, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        return out.toString();
    }

    private static List<Long> values(String text, String label) {
        Matcher m = Pattern.compile("(?m)^  " + Pattern.quote(label) + "\\s+([0-9,]+)").matcher(text);
        List<Long> out = new ArrayList<>();
        while (m.find()) out.add(Long.parseLong(m.group(1).replace(",", "")));
        return out;
    }
}
