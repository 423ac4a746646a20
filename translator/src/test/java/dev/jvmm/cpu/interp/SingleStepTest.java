package dev.jvmm.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvmm.core.bus.PortBus;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.cpu.SegmentState;
import dev.jvmm.core.memory.GuestMemory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Conformance against the SingleStepTests 80286 real-mode vectors (see shared/sst/README.md): one
 * dynamic test per opcode file, each running its 300 hardware-captured cases and requiring all of
 * them to pass except those matched by {@link Sst286Exclusions}. A pass-rate table is printed at the end.
 */
class SingleStepTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] REGS = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di"};
    private static final String[] SEGS = {"es", "cs", "ss", "ds"};
    private static final Map<String, int[]> RESULTS = new TreeMap<>();
    private static final Map<String, Integer> REASONS = new TreeMap<>();

    private static Path folder() {
        String shared = System.getProperty("jvmm.shared");
        return shared == null ? null : Path.of(shared, "sst", "80286-real");
    }

    @TestFactory
    Stream<DynamicTest> opcodeFiles() throws IOException {
        Path dir = folder();
        Assumptions.assumeTrue(dir != null && Files.isDirectory(dir),
                "SingleStepTests vectors not found (system property jvmm.shared=" + System.getProperty("jvmm.shared") + ")");
        JsonNode meta = JSON.readTree(dir.resolve("metadata.json").toFile()).get("opcodes");
        GuestMemory mem = GuestMemory.create(16L << 20);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json.gz")).sorted().toList();
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> runFile(f, meta, mem)));
    }

    private static int flagsMask(JsonNode meta, String name) {
        String[] parts = name.replace(".json.gz", "").split("\\.");
        JsonNode op = meta.get(parts[0]);
        if (op == null) return 0xFFFF;
        if (parts.length > 1 && op.has("reg")) op = op.get("reg").get(parts[1]);
        return op != null && op.has("flags-mask") ? op.get("flags-mask").asInt() : 0xFFFF;
    }

    private void runFile(Path file, JsonNode meta, GuestMemory mem) throws IOException {
        String name = file.getFileName().toString();
        String opcode = name.replace(".json.gz", "");
        JsonNode tests;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            tests = JSON.readTree(in);
        }
        int mask = flagsMask(meta, name) & 0x0FFF; // bits 12-15 cannot be set on a 286 in real mode
        int pass = 0, excluded = 0;
        List<String> failures = new ArrayList<>();
        String why;
        for (JsonNode t : tests) {
            Interpreter[] ran = new Interpreter[1];
            int[] vector = new int[2];
            String diff = runOne(t, mem, mask, ran, vector);
            if (diff == null) pass++;
            else if ((why = Sst286Exclusions.reason(t, vector[0], vector[1] > 0, diff)) != null) {
                excluded++;
                synchronized (REASONS) {
                    REASONS.merge(why, 1, Integer::sum);
                }
            }
            else if (failures.size() < 5) failures.add("#" + t.get("idx").asInt() + " " + t.get("name").asText() + " "
                    + t.get("bytes") + ": " + diff);
            else failures.add("");
        }
        synchronized (RESULTS) {
            RESULTS.put(opcode, new int[] {pass, excluded, tests.size()});
        }
        int failed = tests.size() - pass - excluded;
        assertTrue(failed == 0, () -> opcode + ": " + failed
                + " failures, e.g.\n  " + String.join("\n  ", failures.stream().filter(s -> !s.isEmpty()).toList()));
    }

    /** Runs one vector; null if it passed, otherwise what differed. */
    static String runOne(JsonNode t, GuestMemory mem, int flagsMask, Interpreter[] ran, int[] vector) {
        JsonNode ir = t.get("initial").get("regs");
        CpuState s = CpuState.realMode(ir.get("cs").asInt(), ir.get("ip").asInt());
        for (int k = 0; k < 8; k++) s.gpr[k] = ir.get(REGS[k]).asInt();
        for (int k = 0; k < 4; k++) s.seg[k] = SegmentState.real(ir.get(SEGS[k]).asInt(), k == 1);
        // The 286 holds zeros in flag bits 12-15 in real mode whatever the vector lists (SST README).
        s.rflags = (ir.get("flags").asInt() & 0x0FFF) | 2;
        for (JsonNode b : t.get("initial").get("ram")) mem.write8(b.get(0).asLong(), b.get(1).asInt());
        Cpu cpu = new Cpu(mem);
        cpu.setState(s);
        Interpreter interp = new Interpreter(cpu, new PortBus());
        ran[0] = interp;
        int firstVector = -1;
        for (int n = 0; n < 16 && !cpu.halted && interp.shutdown == null; n++) {
            interp.step();
            if (firstVector < 0) firstVector = interp.lastVector();
        }
        vector[0] = firstVector;
        vector[1] = (int) cpu.limitFaults;
        StringBuilder diff = new StringBuilder();
        if (!cpu.halted) diff.append("did not reach HLT; ");
        JsonNode fr = t.get("final").get("regs");
        for (int k = 0; k < 8; k++) {
            int want = (fr.has(REGS[k]) ? fr : ir).get(REGS[k]).asInt();
            int got = (int) cpu.gpr[k] & 0xFFFF;
            if (want != got) diff.append(String.format("%s=%04x want %04x; ", REGS[k], got, want));
        }
        for (int k = 0; k < 4; k++) {
            int want = (fr.has(SEGS[k]) ? fr : ir).get(SEGS[k]).asInt();
            if (want != cpu.segSel[k]) diff.append(String.format("%s=%04x want %04x; ", SEGS[k], cpu.segSel[k], want));
        }
        int wantIp = (fr.has("ip") ? fr : ir).get("ip").asInt();
        if (wantIp != (int) cpu.rip) diff.append(String.format("ip=%04x want %04x; ", cpu.rip, wantIp));
        int wantFlags = (fr.has("flags") ? fr : ir).get("flags").asInt();
        if (((wantFlags ^ (int) cpu.flags) & flagsMask) != 0) {
            diff.append(String.format("flags=%04x want %04x (mask %04x); ", cpu.flags & 0xFFFF, wantFlags, flagsMask));
        }
        for (JsonNode b : t.get("final").get("ram")) {
            int got = mem.read8(b.get(0).asLong());
            if (got != b.get(1).asInt()) diff.append(String.format("[%x]=%02x want %02x; ", b.get(0).asLong(), got, b.get(1).asInt()));
        }
        return diff.isEmpty() ? null : diff.toString();
    }

    @AfterAll
    static void printTable() {
        if (RESULTS.isEmpty()) return;
        StringBuilder sb = new StringBuilder("\nSingleStepTests 80286 real mode: opcode pass/excluded/total\n");
        int col = 0, pass = 0, excl = 0, total = 0;
        for (Map.Entry<String, int[]> e : RESULTS.entrySet()) {
            int[] r = e.getValue();
            pass += r[0];
            excl += r[1];
            total += r[2];
            sb.append(String.format("%-5s %3d/%3d/%3d%s", e.getKey(), r[0], r[1], r[2], ++col % 6 == 0 ? "\n" : "   "));
        }
        sb.append(String.format("%nTOTAL %d passed, %d excluded, %d vectors (%.2f%% passed)%n", pass, excl, total,
                100.0 * pass / total));
        REASONS.forEach((why, n) -> sb.append(String.format("  excluded %5d: %s%n", n, why)));
        System.out.println(sb);
    }
}
