package dev.jvmm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The console on a real terminal (issue 20, defect 10): Ctrl-C reaches the guest instead of ending
 * jvmm, as with QEMU's -nographic (raw mode without ISIG). util-linux {@code script} gives jvmm a
 * pseudo-terminal; the uart-echo guest echoes a-z upper-cased and ends at '.'.
 */
class RawConsoleTest {
    private final ByteArrayOutputStream seen = new ByteArrayOutputStream();

    @Test
    void ctrlCOnTheTerminalGoesToTheGuest() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/script"))) {
            System.out.println("RawConsoleTest skipped: no /usr/bin/script (util-linux) to make a terminal");
            Assumptions.abort("no /usr/bin/script");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jvmm = String.join(" ", quote(java), "--enable-native-access=ALL-UNNAMED",
                "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "-XX:+UseSerialGC", "-Xmx256m", "-cp", quote(System.getProperty("java.class.path")),
                Main.class.getName(), "run", "uart-echo", "--timeout", "60");
        Process p = new ProcessBuilder("/usr/bin/script", "-qfec", jvmm, "/dev/null").redirectErrorStream(true).start();
        try (OutputStream keys = p.getOutputStream()) {
            InputStream screen = p.getInputStream();
            Thread.ofPlatform().daemon().start(() -> copy(screen));
            // Until jvmm has the terminal in raw mode, keys wait in the cooked line: type until the guest echoes one.
            long deadline = System.nanoTime() + 40_000_000_000L;
            while (!screenHas("Z") && System.nanoTime() < deadline) {
                keys.write('z');
                keys.flush();
                Thread.sleep(500);
            }
            assertTrue(screenHas("Z"), "the guest echoed a key: " + screen());
            keys.write(new byte[] {3, 'y'}); // Ctrl-C, then a key the guest must still see
            keys.flush();
            deadline = System.nanoTime() + 20_000_000_000L;
            while (!screenHas("Y") && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(100);
            assertTrue(screenHas("Y"), "jvmm still ran after Ctrl-C and the guest got the next key: " + screen());
            keys.write('.');
            keys.flush();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the guest ended at '.'");
        } finally {
            p.destroyForcibly();
        }
        assertEquals(1, p.exitValue(), "uart-echo's success status: " + screen());
        assertTrue(screen().contains("bytes received by interrupt"), screen());
    }

    private void copy(InputStream in) {
        byte[] b = new byte[4096];
        try {
            for (int n; (n = in.read(b)) > 0; ) {
                synchronized (seen) {
                    seen.write(b, 0, n);
                }
            }
        } catch (java.io.IOException ended) {
            // the process is gone
        }
    }

    private String screen() {
        synchronized (seen) {
            return seen.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private boolean screenHas(String s) {
        return screen().contains(s);
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
