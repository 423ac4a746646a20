package dev.jvmm.cpu.oracle;

import dev.jvmm.cpu.decode.Decoder;
import dev.jvmm.cpu.decode.Insn;
import dev.jvmm.cpu.disasm.Disassembler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The host-CPU oracle: runs each case natively ({@link HostCpu}), on jvmm's interpreter and as a
 * translated unit ({@link SoftwareCpu}), and compares the outcomes bit for bit: the exception
 * raised and where, GPRs, RFLAGS, the x87 control, status and abridged tag words and registers,
 * MXCSR, XMM0-15 and the data buffer (see {@link Tolerance} for what can be left out).
 *
 * <p>A failing case is narrowed down: its instruction prefixes are run again, on the host and on
 * the engine that disagreed, until the first instruction after which they differ; the report
 * names that instruction, disassembled, and each field that differs after it.
 *
 * <pre>{@code
 * assumeTrue(HostOracle.unavailableReason() == null, HostOracle.unavailableReason());
 * try (HostOracle oracle = HostOracle.start()) {
 *     List<String> failures = oracle.check(cases);
 *     assertTrue(failures.isEmpty(), String.join("\n", failures));
 * }
 * }</pre>
 */
public final class HostOracle implements AutoCloseable {
    /** Cases sent to the host in one batch. */
    private static final int BATCH = 4096;
    /** Failing cases reported in full (the rest are counted). */
    public int maxReports = 5;
    /** Run every case through the translator too (otherwise the interpreter only). */
    public boolean translate = true;
    public Tolerance tolerance = Tolerance.DEFAULT;

    private final HostCpu host;
    private final SoftwareCpu soft = new SoftwareCpu();
    private final Disassembler disassembler = new Disassembler();
    /** Cases run, and how the host ended them ("ran to the end", "#GP(0)" ...) with their counts. */
    public long casesRun;
    public final Map<String, Long> hostOutcomes = new TreeMap<>();

    private HostOracle(HostCpu host) {
        this.host = host;
    }

    /** Null when the host oracle can run here, else why not (print it when skipping). */
    public static String unavailableReason() {
        return HostCpu.unavailableReason();
    }

    public static HostOracle start() throws IOException {
        return new HostOracle(HostCpu.start());
    }

    /** Runs the cases everywhere; returns one report per disagreeing case (at most {@link #maxReports}, then a count). */
    public List<String> check(List<HostCase> cases) throws IOException {
        List<String> reports = new ArrayList<>();
        int failing = 0;
        for (int from = 0; from < cases.size(); from += BATCH) {
            List<HostCase> batch = cases.subList(from, Math.min(cases.size(), from + BATCH));
            List<Outcome> want = host.run(batch);
            for (int k = 0; k < batch.size(); k++) {
                HostCase c = batch.get(k);
                Outcome w = want.get(k);
                casesRun++;
                hostOutcomes.merge(w.describe(), 1L, Long::sum);
                if (w.vector() == Outcome.BAD_STATE || w.vector() == Outcome.TIMED_OUT) {
                    failing++;
                    if (reports.size() < maxReports) reports.add("case " + (from + k) + ": the host " + w.describe() + "\n" + soft.listing(c.code()));
                    continue;
                }
                String report = compare(from + k, c, w, "interpreter");
                if (report == null && translate) report = compare(from + k, c, w, "translator");
                if (report != null) {
                    failing++;
                    if (reports.size() < maxReports) reports.add(report);
                }
            }
        }
        if (failing > reports.size()) reports.add((failing - reports.size()) + " more failing cases of " + cases.size());
        return reports;
    }

    /** The host's outcome for each case (no comparison). */
    public List<Outcome> hostOnly(List<HostCase> cases) throws IOException {
        return host.run(cases);
    }

    /** The interpreter's (or translator's) outcome for one case. */
    public Outcome jvmm(HostCase c, boolean translated) {
        return translated ? soft.translator(c) : soft.interpreter(c);
    }

    private String compare(int index, HostCase c, Outcome want, String engine) throws IOException {
        boolean translated = engine.equals("translator");
        Outcome got = jvmm(c, translated);
        List<String> diff = Comparison.differences(want, got, tolerance);
        if (diff.isEmpty()) return null;
        String trace = translated ? soft.lastUnitTrace() : "";
        // Narrow down: the shortest prefix after which the engine and the host differ.
        int[] ends = instructionEnds(c.code());
        int culprit = ends.length - 1;
        for (int n = 1; n < ends.length; n++) {
            HostCase prefix = new HostCase(Arrays.copyOf(c.code(), ends[n - 1]), c.start());
            List<String> d = Comparison.differences(host.run(List.of(prefix)).getFirst(), jvmm(prefix, translated), tolerance);
            if (!d.isEmpty()) {
                culprit = n - 1;
                diff = d;
                break;
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("case %d: the %s disagrees with the host CPU after instruction %d of %d:%n", index, engine, culprit + 1,
                ends.length));
        sb.append("    ").append(disassembler.disassemble(c.code(), culprit == 0 ? 0 : ends[culprit - 1], MachineState.CODE
                + (culprit == 0 ? 0 : ends[culprit - 1]), 64)).append('\n');
        for (String s : diff) sb.append("  ").append(s).append('\n');
        sb.append("code:\n").append(listing(c.code()));
        sb.append("start:\n").append(Comparison.describe(c.start()));
        if (!trace.isEmpty()) sb.append(trace).append('\n');
        return sb.toString();
    }

    /** Offsets just past each instruction of {@code code} (as jvmm decodes it). */
    private static int[] instructionEnds(byte[] code) {
        Decoder d = new Decoder();
        Insn insn = new Insn();
        List<Integer> ends = new ArrayList<>();
        int off = 0;
        while (off < code.length) {
            try {
                d.decode(ip -> (int) (ip - MachineState.CODE) < code.length ? code[(int) (ip - MachineState.CODE)] & 0xFF : 0xF4,
                        MachineState.CODE + off, 64, insn);
            } catch (RuntimeException e) {
                break;
            }
            off += insn.length;
            ends.add(Math.min(off, code.length));
        }
        if (ends.isEmpty() || ends.getLast() != code.length) ends.add(code.length);
        return ends.stream().mapToInt(Integer::intValue).toArray();
    }

    private String listing(byte[] code) {
        StringBuilder sb = new StringBuilder();
        int off = 0;
        while (off < code.length) {
            Disassembler.Instruction i = disassembler.disassemble(code, off, MachineState.CODE + off, 64);
            sb.append("  ").append(i).append('\n');
            if (i.length() == 0) break;
            off += i.length();
        }
        return sb.toString();
    }

    @Override
    public void close() {
        host.close();
        soft.close();
    }
}
