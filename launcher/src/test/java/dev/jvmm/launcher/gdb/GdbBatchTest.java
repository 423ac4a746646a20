package dev.jvmm.launcher.gdb;

import static org.junit.jupiter.api.Assertions.*;

import dev.jvmm.guests.Guest;
import dev.jvmm.guests.GuestCatalog;
import dev.jvmm.launcher.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real gdb, in batch mode, against jvmm's stub on a bundled ELF guest with symbols: what a user types,
 * the same script on every engine. Skips, saying why, where gdb is not installed
 * ({@code .ci/install-tools} installs it), and the kvm cases where /dev/kvm cannot be opened.
 */
class GdbBatchTest {
    @TempDir
    static Path tmp;

    /**
     * What one engine debugs: a C guest with {@code kernel_main} and a global {@code watched} array;
     * {@code rounds} for a short run, {@code longRounds} for one that is still running half a second
     * after gdb continues (for Ctrl-C). The kvm engine gets crc32, whose one round is short enough
     * for this host's software-emulated /dev/kvm (PVM); the software engines sieve32.
     */
    record Target(String engine, Guest guest, String watched, int rounds, int longRounds) {
        static Target of(String engine) {
            return switch (engine) {
                case "kvm" -> new Target(engine, GuestCatalog.CRC32, "buffer", 1, 1);
                case "jit" -> new Target(engine, GuestCatalog.SIEVE32, "composite", 2, 400);
                default -> new Target(engine, GuestCatalog.SIEVE32, "composite", 2, 4);
            };
        }

        String expectedOutput() {
            return guest == GuestCatalog.CRC32 ? "crc32: check 0xcbf43926" : "sieve32: 78498 primes below 1000000";
        }
    }

    @BeforeAll
    static void needsGdb() throws IOException, InterruptedException {
        String missing = null;
        try {
            Process p = new ProcessBuilder("gdb", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) missing = "gdb --version failed";
        } catch (IOException e) {
            missing = "gdb is not installed (.ci/install-tools installs it)";
        }
        if (missing != null) {
            System.out.println("GdbBatchTest skipped: " + missing);
            Assumptions.abort(missing);
        }
    }

    private static Target target(String engine) {
        if (engine.equals("kvm")) {
            String why = new dev.jvmm.kvm.KvmEngine().unavailableReason();
            if (why != null) {
                System.out.println("GdbBatchTest on kvm skipped: " + why);
                Assumptions.abort(why);
            }
        }
        return Target.of(engine);
    }

    /** A jvmm run on its own thread, and gdb driving it. */
    record Session(int jvmmStatus, String gdbOutput, String jvmmErr, String serial) {}

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit", "lockstep", "kvm"})
    void breakAtSymbolStepInspectAndRunToTheGuestsExit(String engine) throws Exception {
        Target t = target(engine);
        Session s = debug(t, t.rounds(), """
                break kernel_main
                continue
                x/2i $pc
                stepi
                p/x $pc
                info registers
                x/4xw $esp
                info symbol *(int *)($esp + 4)
                delete
                continue
                """, false);
        String out = s.gdbOutput();
        assertTrue(out.contains("Breakpoint 1, ") && out.contains(" in kernel_main ()"), out);
        // stepi lands on the second instruction gdb disassembled at the breakpoint
        Matcher insns = Pattern.compile("(?m)^=> (0x[0-9a-f]+) <kernel_main\\+?\\d*>:.*\\n\\s+(0x[0-9a-f]+) <kernel_main\\+\\d+>:").matcher(out);
        assertTrue(insns.find(), out);
        Matcher pc = Pattern.compile("(?m)^\\$1 = (0x[0-9a-f]+)$").matcher(out);
        assertTrue(pc.find(), out);
        assertEquals(insns.group(2), pc.group(1), "stepi ran one instruction");
        assertTrue(Pattern.compile("(?m)^eip\\s+" + pc.group(1) + "\\s").matcher(out).find(), "info registers shows the new eip: " + out);
        assertTrue(Pattern.compile("(?m)^cr0\\s+0x[0-9a-f]*1\\s").matcher(out).find(), "CR0.PE set in a multiboot guest: " + out);
        assertTrue(Pattern.compile("(?m)^cs\\s+0x").matcher(out).find(), out);
        // after stepi (push ebp) the return address into _start, which called kernel_main, is one word up
        assertTrue(out.contains("_start + "), "x/4xw $esp shows the return address: " + out);
        assertTrue(out.contains("[Inferior 1 (Remote target) exited with code 01]"), out);
        assertEquals(1, s.jvmmStatus(), s.jvmmErr());
        assertTrue(s.serial().contains(t.expectedOutput()), s.serial());
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit", "lockstep", "kvm"})
    void ctrlCInterruptsARunningGuestThenDetachLetsItFinish(String engine) throws Exception {
        Target t = target(engine);
        Session s = debug(t, t.longRounds(), """
                echo CONTINUING\\n
                continue
                p/x $pc
                monitor info registers
                monitor xp 0x100000 16
                monitor info mem
                monitor stats
                monitor jit
                detach
                """, true);
        String out = s.gdbOutput();
        assertTrue(out.contains("Program received signal SIGINT"), out);
        assertTrue(Pattern.compile("(?m)^rip=0*[0-9a-f]+  rflags=").matcher(out).find() && out.contains("cr0="), "monitor info registers: " + out);
        // the multiboot header's magic 0x1BADB002 opens the image at 1 MiB (physical)
        assertTrue(out.contains("0000000000100000: 02 b0 ad 1b"), "monitor xp: " + out);
        assertTrue(out.contains("paging is off"), "monitor info mem: " + out);
        if (!engine.equals("kvm")) assertTrue(Pattern.compile("(?m)^instructions retired\\s+[1-9]").matcher(out).find(), "monitor stats: " + out);
        if (engine.equals("jit") || engine.equals("lockstep")) {
            // interrupted in the sieve's loops: the unit there, each guest instruction followed by its bytecode
            assertTrue(out.contains("=== unit at rip "), "monitor jit: " + out);
            assertTrue(Pattern.compile("(?m)^[> ] [0-9a-f]{8}  \\w.*\\n(\\s+L\\d+:\\n)?\\s{10}[a-z]").matcher(out).find(), "monitor jit: " + out);
        } else {
            assertTrue(out.contains("no translated unit holds the instruction"), "monitor jit: " + out);
        }
        assertTrue(out.contains("[Inferior 1 (Remote target) detached]"), out);
        assertEquals(1, s.jvmmStatus(), s.jvmmErr());
        assertTrue(s.serial().contains(t.expectedOutput()), s.serial());
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit", "lockstep", "kvm"})
    void writeAndReadWatchpointsFire(String engine) throws Exception {
        Target t = target(engine);
        // PVM's /dev/kvm ignores the debug registers: there the stub steps and compares, which sees writes only
        boolean reads = !engine.equals("kvm") || dev.jvmm.kvm.KvmHost.detect() != dev.jvmm.kvm.KvmHost.PVM;
        Session s = debug(t, t.rounds(), """
                watch *(int *)&WATCHED
                continue
                p/x *(int *)&WATCHED
                delete
                """.replace("WATCHED", t.watched()) + (reads ? """
                rwatch *(int *)&WATCHED
                continue
                delete
                """.replace("WATCHED", t.watched()) : "") + "continue\n", false);
        String out = s.gdbOutput();
        // a zeroing loop writes 0 over 0 (gdb stays silent); the first mark() (fill()) changes the word
        assertTrue(out.contains("Hardware watchpoint 1: *(int *)&" + t.watched()), out);
        Matcher changed = Pattern.compile("Old value = 0\nNew value = (\\d+)").matcher(out);
        assertTrue(changed.find(), out);
        assertNotEquals("0", changed.group(1));
        assertTrue(out.contains("$1 = 0x" + Long.toHexString(Long.parseLong(changed.group(1)))), "memory agrees with the report: " + out);
        if (reads) assertTrue(out.contains("Hardware read watchpoint 2: *(int *)&" + t.watched()) && out.contains("Value = "), out);
        assertTrue(out.contains("[Inferior 1 (Remote target) exited with code 01]"), out);
        assertEquals(1, s.jvmmStatus(), s.jvmmErr());
    }

    @org.junit.jupiter.api.Test
    void gdbConnectsOverAUnixSocket() throws Exception {
        Path socket = tmp.resolve("gdb.sock");
        Session s = debug(target("interp"), 1, """
                break kernel_main
                continue
                delete
                continue
                """, false, socket);
        assertTrue(s.gdbOutput().contains("Breakpoint 1, ") && s.gdbOutput().contains("exited with code 01"), s.gdbOutput());
        assertTrue(s.jvmmErr().contains("listening on unix:" + socket), s.jvmmErr());
        assertFalse(Files.exists(socket), "the socket file goes with the run");
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp"})
    void unmappedMemoryIsAnErrorNotACrash(String engine) throws Exception {
        Session s = debug(target(engine), 1, """
                p $cr0
                x/4xw 0xf0000000
                """, false);
        assertTrue(s.gdbOutput().contains("Cannot access memory at address 0xf0000000"), s.gdbOutput());
    }

    /**
     * Boots the target's guest with {@code rounds=N} stopped before its first instruction (-S) and runs
     * gdb with {@code commands}; {@code interrupt}: once gdb prints CONTINUING, sends it SIGINT as
     * Ctrl-C would.
     */
    private static Session debug(Target target, int rounds, String commands, boolean interrupt) throws Exception {
        return debug(target, rounds, commands, interrupt, null);
    }

    /** {@link #debug}, gdb connecting over the Unix-domain socket {@code unixSocket} if it is not null. */
    private static Session debug(Target target, int rounds, String commands, boolean interrupt, Path unixSocket) throws Exception {
        String engine = target.engine();
        Path elf = tmp.resolve(target.guest().name() + ".elf");
        if (!Files.exists(elf)) Files.write(elf, target.guest().bytes());
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path serial = tmp.resolve("com1-" + engine + System.nanoTime() + ".txt");
        StringWriter err = new StringWriter();
        PrintWriter errWriter = new PrintWriter(err, true);
        CompletableFuture<Integer> jvmm = CompletableFuture.supplyAsync(() -> Main.execute(new String[] {"run", target.guest().name(), "--engine", engine,
                "--append", "rounds=" + rounds, "--serial=file:" + serial, "-gdb", unixSocket != null ? "unix:" + unixSocket + ",server,wait=off" : "tcp::" + port, "-S", "--timeout", "120"},
                new PrintWriter(new StringWriter(), true), errWriter));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!err.toString().contains("listening on") && System.nanoTime() < deadline && !jvmm.isDone()) Thread.sleep(20);
        assertTrue(err.toString().contains("listening on"), err.toString());

        Path script = tmp.resolve("script-" + System.nanoTime() + ".gdb");
        Files.writeString(script, "set pagination off\nset confirm off\ntarget remote " + (unixSocket != null ? unixSocket.toString() : ":" + port) + "\n" + commands);
        List<String> cmd = new ArrayList<>(List.of("gdb", "-nx", "-batch", "-x", script.toString(), elf.toString()));
        Process gdb = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        Thread reader = Thread.ofPlatform().start(() -> {
            try (var in = gdb.inputReader(StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (out) {
                        out.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // gdb ended
            }
        });
        if (interrupt) {
            while (System.nanoTime() < deadline && gdb.isAlive()) {
                synchronized (out) {
                    if (out.indexOf("CONTINUING") >= 0) break;
                }
                Thread.sleep(20);
            }
            Thread.sleep(500); // let the guest run a while
            new ProcessBuilder("kill", "-INT", Long.toString(gdb.pid())).start().waitFor();
        }
        boolean ended = gdb.waitFor(90, TimeUnit.SECONDS);
        if (!ended) gdb.destroyForcibly();
        reader.join(5000);
        int status = jvmm.get(120, TimeUnit.SECONDS);
        assertTrue(ended, "gdb did not finish: " + out);
        String com1 = Files.exists(serial) ? Files.readString(serial) : "";
        return new Session(status, out.toString(), err.toString(), com1);
    }
}
