package dev.jvmm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kvm-unit-tests in CI: every x86_64 TCG entry of upstream's unittests.cfg whose prebuilt {@code .flat} is
 * in {@code ../shared/kvm-unit-tests} runs on the jit and interp engines with the QEMU command line
 * upstream's {@code x86/run} uses, each bounded by {@code -Djvmm.kut.timeout} seconds (default 20) or the entry's own
 * {@code timeout} in unittests.cfg if longer (sieve: 180 s), as upstream's runner allows; the log
 * gets a table of PASS/FAIL/SKIP counts and exit status next to QEMU 7.2 TCG's. The entries in
 * {@link #MUST_PASS} must exit with status 1 (every check passed) on both engines; the others are reported.
 * The {@code vmexit_*} entries (cost per exit, no checks) are left out unless {@code -Djvmm.kut.vmexit=true}.
 * Where /dev/kvm is usable each entry also runs on the kvm engine (a column of the table; on PVM the
 * entries of {@link #PVM_SKIPPED} are skipped with the reason printed), and {@link #KVM_MUST_PASS} must pass there.
 */
class KvmUnitTestsTest {
    /** Entries that pass on jvmm today: a regression in any of them fails the build. */
    static final Set<String> MUST_PASS = Set.of("setjmp", "eventinj", "ioapic", "smptest", "smptest3", "rmap_chain",
            "pcid-enabled", "pcid-disabled", "pcid-asymmetric", "memory", "xsave", "msr", "msr64", "syscall", "x2apic", "xapic", "tsc",
            "smap", "realmode");
    static final List<String> ENGINES = List.of("jit", "interp");
    /**
     * Entries run with one vCPU although upstream asks for more: with -smp 2 apic.flat passes every check on
     * jit and interp when given the time, but not reliably within upstream's timeouts (30 s x2apic, 60 s
     * xapic; measured at load average 2-8: jit 10.9 s and 51.0 s, interp 30.5 s and 66.0 s), and with one
     * vCPU these entries pass well within them. Issues 16 and 21.
     */
    static final Set<String> ONE_VCPU = Set.of("x2apic", "xapic");
    /**
     * Where /dev/kvm is usable the entries run on the kvm engine too (host clock: KVM cannot count
     * instructions), each bounded by {@link #KVM_TIMEOUT} seconds. These pass there (PVM here) and must
     * keep passing.
     */
    static final Set<String> KVM_MUST_PASS = Set.of("smptest", "smptest3", "smap", "setjmp", "pcid-enabled", "pcid-disabled",
            "pcid-asymmetric");
    static final double KVM_TIMEOUT = 60;
    /**
     * Entries not run on PVM, and why (measured there with a 45 s limit; PVM emulates every guest
     * instruction in the host kernel, ~1 us each). On hardware KVM every entry runs.
     */
    static final Map<String, String> PVM_SKIPPED = Map.of(
            "x2apic", "with -smp 2, 16 checks pass, then the IPI tests run past 45 s on PVM (and kvm offers no x2APIC: its APIC is in user space)",
            "xapic", "with -smp 2, 16 checks pass, then the IPI tests run past 45 s on PVM",
            "ioapic", "19 of 20 checks pass, then it runs past 45 s on PVM",
            "realmode", "all 127 checks pass, then its cycle-count loops run past 45 s on PVM",
            "sieve", "8 G instructions: hours on PVM at ~1 us each",
            "rmap_chain", "its page-mapping loop runs past 45 s on PVM");

    @TempDir
    Path tmp;

    @Test
    void upstreamEntriesAgainstQemuTcg() throws Exception {
        Path dir = KvmUnitTests.directory();
        if (dir == null) {
            System.out.println("KvmUnitTestsTest skipped: no kvm-unit-tests directory (system property jvmm.shared="
                    + System.getProperty("jvmm.shared") + ")");
            Assumptions.abort("kvm-unit-tests not found");
        }
        double timeout = Double.parseDouble(System.getProperty("jvmm.kut.timeout", "20"));
        List<KvmUnitTests.Entry> entries = new ArrayList<>();
        for (KvmUnitTests.Entry e : KvmUnitTests.parseConfig(KvmUnitTests.read(dir.resolve("unittests.cfg")))) {
            if (!e.forTcgOnX8664() || !Files.isRegularFile(dir.resolve(e.file()))) continue;
            if (ONE_VCPU.contains(e.name()) && e.smp() > 1) {
                System.out.println("KvmUnitTestsTest runs " + e.name() + " with -smp 1, not " + e.smp() + ": its SMP checks do not pass on jvmm yet");
                e = new KvmUnitTests.Entry(e.name(), e.file(), 1, e.qemuParams(), e.testArgs(), e.arch(), e.accel(), e.timeoutSeconds());
            }
            if (e.file().equals("vmexit.flat") && !Boolean.getBoolean("jvmm.kut.vmexit")) {
                System.out.println("KvmUnitTestsTest skipped " + e.name() + ": vmexit repeats each operation until 2^28-odd TSC"
                        + " cycles pass, and jvmm's TSC counts instructions (minutes per entry); -Djvmm.kut.vmexit=true runs them");
                continue;
            }
            entries.add(e);
        }
        Map<String, KvmUnitTests.Result> qemu = KvmUnitTests.parseQemuResults(KvmUnitTests.read(dir.resolve("README.md")));
        Map<String, Map<String, KvmUnitTests.Result>> results = new LinkedHashMap<>();
        String kvmUnavailable = Engines.byName("kvm").unavailableReason();
        boolean pvm = kvmUnavailable == null && dev.jvmm.kvm.KvmEngine.describeHost().startsWith("PVM");
        if (kvmUnavailable != null) System.out.println("KvmUnitTestsTest runs nothing on kvm: " + kvmUnavailable);
        Map<String, KvmUnitTests.Result> onKvm = new LinkedHashMap<>();
        for (KvmUnitTests.Entry e : entries) {
            Map<String, KvmUnitTests.Result> row = new LinkedHashMap<>();
            for (String engine : ENGINES) row.put(engine, run(dir, e, engine, Math.max(timeout, e.timeoutSeconds())));
            results.put(e.name(), row);
            if (kvmUnavailable != null) continue;
            String skip = pvm ? PVM_SKIPPED.get(e.name()) : null;
            if (skip != null) System.out.println("KvmUnitTestsTest skips " + e.name() + " on kvm: " + skip);
            else onKvm.put(e.name(), run(dir, e, "kvm", KVM_TIMEOUT));
        }
        StringBuilder table = new StringBuilder(String.format("%nkvm-unit-tests: P/F/S and exit status (1 = all passed, 3 = failures,"
                + " 77 = all skipped, 124 = jvmm timeout after %.0f s or the entry's own timeout)%n", timeout));
        table.append(String.format("%-24s %-14s %-14s %-14s %-14s%n", "entry", "jvmm jit", "jvmm interp", "QEMU 7.2 TCG",
                kvmUnavailable != null ? "" : pvm ? "jvmm kvm (PVM)" : "jvmm kvm"));
        int[] passing = new int[ENGINES.size()];
        List<String> regressions = new ArrayList<>();
        for (Map.Entry<String, Map<String, KvmUnitTests.Result>> r : results.entrySet()) {
            table.append(String.format("%-24s", r.getKey()));
            int k = 0;
            for (String engine : ENGINES) {
                KvmUnitTests.Result res = r.getValue().get(engine);
                table.append(String.format(" %-14s", res.counts() + " " + res.status()));
                if (res.status() == 1) passing[k]++;
                else if (MUST_PASS.contains(r.getKey())) regressions.add(r.getKey() + " on " + engine + ": status " + res.status());
                k++;
            }
            KvmUnitTests.Result q = qemu.get(r.getKey());
            table.append(String.format(" %-14s", q == null ? "-" : q.counts() + " " + q.status()));
            KvmUnitTests.Result kvm = onKvm.get(r.getKey());
            table.append(String.format(" %-14s%n", kvmUnavailable != null ? "" : kvm == null ? "skipped" : kvm.counts() + " " + kvm.status()));
            if (kvm != null && kvm.status() != 1 && KVM_MUST_PASS.contains(r.getKey())) {
                regressions.add(r.getKey() + " on kvm: status " + kvm.status());
            }
        }
        long qemuPassing = results.keySet().stream().filter(n -> qemu.containsKey(n) && qemu.get(n).status() == 1).count();
        long kvmPassing = onKvm.values().stream().filter(res -> res.status() == 1).count();
        table.append(String.format("status 1: jit %d, interp %d, QEMU TCG %d of %d entries; kvm %d of %d run there%n", passing[0], passing[1],
                qemuPassing, results.size(), kvmPassing, onKvm.size()));
        System.out.print(table);
        assertTrue(results.keySet().containsAll(MUST_PASS), "every must-pass entry ran: " + results.keySet());
        assertEquals(List.of(), regressions, "entries that passed before" + table);
    }

    private KvmUnitTests.Result run(Path dir, KvmUnitTests.Entry e, String engine, double timeout) throws Exception {
        Path serial = tmp.resolve(e.name() + "-" + engine + ".txt");
        List<String> words = new ArrayList<>(e.qemuWords(dir, "file:" + serial));
        int accel = words.indexOf("accel=tcg"); // the engine is chosen here instead
        words.subList(accel - 1, accel + 1).clear();
        // The virtual clock (1 ns per instruction; not on kvm, which cannot count them) makes each run reproducible and keeps the tests' timing
        // assumptions (a printf takes far less than a 5 ms APIC timer half-period) true on a slow engine.
        words.addAll(List.of("--engine", engine, "--timeout", Double.toString(timeout)));
        if (!engine.equals("kvm")) words.addAll(List.of("--clock", "virtual"));
        StringWriter out = new StringWriter(), err = new StringWriter();
        int status = Main.execute(words.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        String text = Files.exists(serial) ? Files.readString(serial, StandardCharsets.ISO_8859_1) : "";
        if (status == ExitStatus.USAGE) System.out.println("KvmUnitTestsTest " + e.name() + ": " + err.toString().strip());
        return KvmUnitTests.Result.of(text, status);
    }

    @Test
    void configAndReadmeParse() {
        List<KvmUnitTests.Entry> entries = KvmUnitTests.parseConfig("""
                # comment
                [x2apic]
                file = apic.flat
                smp = 2
                qemu_params = -cpu qemu64,+x2apic,+tsc-deadline
                arch = x86_64

                [vmexit_cpuid]
                file = vmexit.flat
                test_args = 'cpuid'
                timeout = 180
                [pmu]
                file = pmu.flat
                accel = kvm
                """);
        assertEquals(3, entries.size());
        KvmUnitTests.Entry apic = entries.getFirst();
        assertEquals(List.of("-cpu", "qemu64,+x2apic,+tsc-deadline"), apic.qemuParams());
        assertTrue(apic.qemuWords(Path.of("/k"), "stdio").containsAll(List.of("-smp", "2", "-kernel", "/k/apic.flat")));
        assertTrue(entries.get(1).qemuWords(Path.of("/k"), "stdio").containsAll(List.of("-append", "cpuid")));
        assertEquals(false, entries.get(2).forTcgOnX8664());
        assertEquals(180, entries.get(1).timeoutSeconds());
        assertEquals(0, apic.timeoutSeconds());
        assertEquals(120, KvmUnitTests.timeout("2m"));
        Map<String, KvmUnitTests.Result> q = KvmUnitTests.parseQemuResults("""
                | entry | file | QEMU TCG P/F/S | status | last line |
                |---|---|---|---|---|
                | msr | msr.flat | 7/1/0 | 0 | PASS: MSR_GS_BASE |
                """);
        assertEquals(new KvmUnitTests.Result(7, 1, 0, 0), q.get("msr"));
        assertEquals(new KvmUnitTests.Result(2, 1, 1, 3), KvmUnitTests.Result.of("PASS: a\nPASS: b\nFAIL: c\nSKIP: d\nx\n", 3));
    }
}
