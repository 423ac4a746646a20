package dev.jvmm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.guests.GuestCatalog;
import dev.jvmm.kvm.KvmHost;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fuzzing of issue 20 as a test: seeded bad images, and random real- and protected-mode code with
 * exception handlers and random page tables ({@link RandomGuests}). Every run must end with one line and
 * no stack trace, never with status 70 (engine error) on interp or jit, within {@code --timeout} + 5 s
 * (times the load average per core when the machine is busier than its cores: {@link #busyFactor});
 * a random guest that ends before its timeout must end the same way on interp, jit and lockstep (status,
 * COM1 output, which carries the registers the exception handler found, and the report line with CS:RIP
 * and the instruction count). A few of the random guests run on /dev/kvm too ({@link #randomCodeOnKvm}).
 *
 * <p>A fixed seed and a bounded number of cases per run; {@code -Djvmm.fuzz.seed=N} and
 * {@code -Djvmm.fuzz.cases=N} (and {@code -Djvmm.fuzz.kvmCases=N}) explore further. A failure names the seed and case to reproduce it.
 */
class FuzzTest {
    private static final long SEED = Long.getLong("jvmm.fuzz.seed", 20);
    private static final int CASES = Integer.getInteger("jvmm.fuzz.cases", 24);
    private static final double TIMEOUT = 1;
    private static final int KVM_CASES = Integer.getInteger("jvmm.fuzz.kvmCases", 3);
    private static final String[] ENGINES = {"interp", "jit", "lockstep"};

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> randomRealModeCodeAgreesOnEveryEngine() {
        return cases("real mode", RandomGuests::realMode);
    }

    @TestFactory
    Stream<DynamicTest> randomProtectedModeCodeWithPagingAgreesOnEveryEngine() {
        return cases("protected mode", RandomGuests::protectedMode);
    }

    @TestFactory
    Stream<DynamicTest> badImagesEndWithOneLine() {
        return IntStream.range(0, CASES * 2).mapToObj(i -> DynamicTest.dynamicTest("bad image " + i + " (seed " + SEED + ")", () -> {
            byte[] image = BadImages.make(new SplittableRandom(SEED * 1_000_003 + i));
            Path file = CliRun.write(tmp, "bad-" + i + ".img", image);
            for (String engine : new String[] {"interp", "jit"}) Run.of(tmp, file, engine, 2).assertClean("bad image " + i + " on " + engine);
        }));
    }

    /**
     * A few random guests of each mode on {@code --engine kvm}; /dev/kvm here may be PVM, which emulates
     * every instruction, so the count is tiny. Checked as on the other engines (no stack trace, one line, not
     * past the timeout) and, where both ended before it, against the interpreter: same status and COM1
     * output (the handlers print the registers), unless PVM's emulator gave up (status 70, said in one
     * line). Hardware may legitimately differ where the SDM leaves the result open: the status flags it
     * calls undefined (not compared in the dumped FLAGS, {@link #withoutArithmeticFlags}, but a branch may
     * read one: seed 23's real-mode case 5 is a JP after a DIV); a REP STOS or MOVS that overwrites its own
     * bytes (seed 20's real-mode case 23, which PVM refetches and the interpreter does not). So other seeds
     * can fail here without a jvmm bug: {@code --trace insn} on both engines shows where they part.
     */
    @TestFactory
    Stream<DynamicTest> randomCodeOnKvm() {
        String unavailable = Engines.byName("kvm").unavailableReason();
        if (unavailable != null) {
            System.out.println("FuzzTest kvm skipped: /dev/kvm is not usable here: " + unavailable);
            Assumptions.abort("/dev/kvm is not usable here: " + unavailable);
        }
        return Stream.of("real mode", "protected mode").flatMap(mode -> IntStream.range(0, KVM_CASES).mapToObj(i ->
                DynamicTest.dynamicTest(mode + " " + i + " on kvm (seed " + SEED + ")", () -> {
                    Function<SplittableRandom, byte[]> generator = mode.startsWith("real") ? RandomGuests::realMode
                            : KvmHost.detect() == KvmHost.PVM ? RandomGuests::protectedModeWithoutPaging : RandomGuests::protectedMode;
                    byte[] image = generator.apply(new SplittableRandom(SEED * 7_919 + i + mode.hashCode()));
                    Path file = CliRun.write(tmp, "k" + mode.charAt(0) + "-" + i + ".img", image);
                    Run interp = Run.of(tmp, file, "interp", TIMEOUT);
                    Run kvm = Run.of(tmp, file, "kvm", 3 * TIMEOUT);
                    interp.assertClean(mode + " " + i + " on interp");
                    kvm.assertClean(mode + " " + i + " on kvm");
                    System.out.println("FuzzTest kvm " + mode + " " + i + ": status interp=" + interp.cli.status() + " kvm=" + kvm.cli.status()
                            + " " + kvm.cli.stderr().strip());
                    if (kvm.cli.status() == ExitStatus.ENGINE_ERROR && KvmHost.detect() == KvmHost.PVM) return; // PVM's emulator gave up
                    if (interp.cli.status() == ExitStatus.TIMEOUT || kvm.cli.status() == ExitStatus.TIMEOUT) return;
                    String what = mode + " " + i + ": kvm vs interp";
                    assertEquals(interp.cli.status(), kvm.cli.status(), what + " status; " + kvm.cli.stderr());
                    assertEquals(withoutArithmeticFlags(interp.cli.serial()), withoutArithmeticFlags(kvm.cli.serial()),
                            what + " COM1 output (the registers; the status flags in the FLAGS word not compared)\n interp: "
                            + interp.cli.serial() + "\n kvm:    " + kvm.cli.serial());
                })));
    }

    /**
     * The dump with CF PF AF ZF SF OF cleared in its last word (the pushed FLAGS, or CS after an error
     * code, masked alike on both sides): after DIV, MUL, shifts and others the SDM leaves some undefined,
     * and the host CPU under /dev/kvm sets them its own way (seed 22, real mode 8: PF after a DIV).
     */
    static String withoutArithmeticFlags(String serial) {
        String[] words = serial.split(" ", -1);
        if (words.length <= RandomGuests.DUMPED - 1) return serial;
        String last = words[RandomGuests.DUMPED - 1];
        try {
            words[RandomGuests.DUMPED - 1] = String.format("%0" + last.length() + "X", Long.parseLong(last, 16) & ~0x8D5L);
        } catch (NumberFormatException notADump) {
            return serial;
        }
        return String.join(" ", words);
    }

    private Stream<DynamicTest> cases(String mode, Function<SplittableRandom, byte[]> generator) {
        return IntStream.range(0, CASES).mapToObj(i -> DynamicTest.dynamicTest(mode + " " + i + " (seed " + SEED + ")", () -> {
            byte[] image = generator.apply(new SplittableRandom(SEED * 7_919 + i + mode.hashCode()));
            Path file = CliRun.write(tmp, mode.charAt(0) + "-" + i + ".img", image);
            List<Run> runs = new ArrayList<>();
            for (String engine : ENGINES) {
                Run run = Run.of(tmp, file, engine, engine.equals("lockstep") ? 3 * TIMEOUT : TIMEOUT); // ~100 us per unit checked
                run.assertClean(mode + " " + i + " on " + engine);
                runs.add(run);
            }
            System.out.println("FuzzTest " + mode + " " + i + ": status " + runs.stream().map(r -> r.engine + "=" + r.cli.status()).toList()
                    + " " + runs.getFirst().cli.stderr().strip());
            if (runs.stream().anyMatch(r -> r.cli.status() == ExitStatus.TIMEOUT)) return; // time, not instructions, ended it
            for (Run other : runs.subList(1, runs.size())) {
                String what = mode + " " + i + ": " + other.engine + " vs interp";
                assertEquals(runs.getFirst().cli.status(), other.cli.status(), what + " status; " + other.cli.stderr());
                assertEquals(runs.getFirst().cli.serial(), other.cli.serial(), what + " COM1 output");
                assertEquals(runs.getFirst().cli.stderr(), other.cli.stderr(), what + " report");
            }
        }));
    }

    /** One in-process run and its wall time. */
    private record Run(String engine, CliRun cli, long millis, double timeout) {
        static Run of(Path tmp, Path kernel, String engine, double timeout) throws Exception {
            long t0 = System.nanoTime();
            CliRun cli = CliRun.of(tmp, "run", "--kernel", kernel.toString(), "--engine", engine, "-m", "32M", "--clock", "virtual",
                    "--rtc-start", "2026-01-01T00:00:00Z", "--timeout", Double.toString(timeout));
            return new Run(engine, cli, (System.nanoTime() - t0) / 1_000_000, timeout);
        }

        void assertClean(String what) {
            String err = cli.stderr();
            assertFalse(err.contains("\tat ") || err.contains("Exception") || err.contains("internal error"), what + ": " + err);
            if (!engine.equals("kvm")) assertNotEquals(ExitStatus.ENGINE_ERROR, cli.status(), what + ": " + err);
            double slack = 5 * busyFactor();
            assertTrue(millis < (timeout + slack) * 1000, what + " ran " + millis + " ms, more than " + timeout + " s + " + slack + " s: " + err);
            assertTrue(err.isEmpty() || err.lines().count() == 1, what + " ends with at most one line: " + err);
        }
    }

    /**
     * How many times over the machine's cores are asked for (the load average per core, at least 1): the
     * 5 s allowance past {@code --timeout} is wall time, which a machine running many builds at once
     * stretches for every process (seen: load 22 on 2 cores, 1 s runs that took 11 s).
     */
    static double busyFactor() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return Math.max(1, os.getSystemLoadAverage() / os.getAvailableProcessors());
    }

    static List<byte[]> seeds() {
        return List.of(GuestCatalog.HELLO_REAL.bytes(), GuestCatalog.HELLO_PM32.bytes(), GuestCatalog.HELLO_ELF64.bytes());
    }
}
