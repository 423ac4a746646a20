package dev.jvmm.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * kvm-unit-tests as shipped in {@code ../shared/kvm-unit-tests}: upstream's {@code unittests.cfg} entries,
 * the QEMU command line upstream's {@code x86/run} builds for each, QEMU 7.2 TCG's results from the README,
 * and a run's PASS/FAIL/SKIP counts read from its serial output.
 */
final class KvmUnitTests {
    private KvmUnitTests() {}

    /** One {@code [name]} section of unittests.cfg. */
    record Entry(String name, String file, int smp, List<String> qemuParams, String testArgs, String arch, String accel,
                 double timeoutSeconds) {
        /** Runs on x86_64 with TCG (not kvm-only, not i386-only). */
        boolean forTcgOnX8664() {
            return (arch == null || arch.equals("x86_64")) && (accel == null || accel.equals("tcg"));
        }

        /** The words {@code x86/run} gives QEMU for this entry (serial to {@code serial}). */
        List<String> qemuWords(Path dir, String serial) {
            List<String> w = new ArrayList<>(List.of("--no-reboot", "-nodefaults", "-device", "pc-testdev", "-device",
                    "isa-debug-exit,iobase=0xf4,iosize=0x4", "-display", "none", "-serial", serial, "-device", "pci-testdev",
                    "-machine", "accel=tcg", "-m", "256", "-kernel", dir.resolve(file).toString()));
            if (smp > 1) w.addAll(List.of("-smp", Integer.toString(smp)));
            w.addAll(qemuParams);
            if (testArgs != null && !testArgs.isEmpty()) w.addAll(List.of("-append", testArgs));
            return w;
        }
    }

    /** A run's outcome: counts of PASS/FAIL/SKIP lines and the exit status. */
    record Result(int pass, int fail, int skip, int status) {
        static Result of(String serial, int status) {
            int p = 0, f = 0, s = 0;
            for (String line : serial.split("\n")) {
                if (line.startsWith("PASS:")) p++;
                else if (line.startsWith("FAIL:")) f++;
                else if (line.startsWith("SKIP:")) s++;
            }
            return new Result(p, f, s, status);
        }

        String counts() {
            return pass + "/" + fail + "/" + skip;
        }
    }

    static List<Entry> parseConfig(String text) {
        List<Entry> entries = new ArrayList<>();
        String name = null;
        Map<String, String> keys = new LinkedHashMap<>();
        for (String raw : (text + "\n[]").split("\n")) {
            String line = raw.strip();
            if (line.startsWith("#") || line.isEmpty()) continue;
            if (line.startsWith("[") && line.endsWith("]")) {
                if (name != null && keys.containsKey("file")) entries.add(entry(name, keys));
                name = line.substring(1, line.length() - 1);
                keys = new LinkedHashMap<>();
                continue;
            }
            int eq = line.indexOf('=');
            if (eq > 0) keys.put(line.substring(0, eq).strip(), unquote(line.substring(eq + 1).strip()));
        }
        return entries;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("'") && v.endsWith("'") || v.startsWith("\"") && v.endsWith("\""))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    private static Entry entry(String name, Map<String, String> k) {
        String params = k.getOrDefault("qemu_params", k.getOrDefault("extra_params", "")).strip();
        int smp;
        try {
            smp = Integer.parseInt(k.getOrDefault("smp", "1"));
        } catch (NumberFormatException e) {
            smp = 1; // $MAX_SMP and friends: not a number here
        }
        return new Entry(name, k.get("file"), smp, params.isEmpty() ? List.of() : List.of(params.split("\\s+")),
                k.get("test_args"), k.get("arch"), k.get("accel"), timeout(k.get("timeout")));
    }

    /** An entry's {@code timeout} (upstream's default unit is seconds; 90s, 2m also occur), or 0 if none. */
    static double timeout(String v) {
        if (v == null) return 0;
        Matcher m = Pattern.compile("(\\d+(?:\\.\\d+)?)([smh]?)").matcher(v.strip());
        if (!m.matches()) return 0;
        double n = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "m" -> n * 60;
            case "h" -> n * 3600;
            default -> n;
        };
    }

    private static final Pattern README_ROW = Pattern.compile(
            "^\\| (\\S+) \\| \\S+ \\| (\\d+)/(\\d+)/(\\d+) \\| (\\d+) \\|", Pattern.MULTILINE);

    /** QEMU 7.2 TCG's results by entry name, from the README's table. */
    static Map<String, Result> parseQemuResults(String readme) {
        Map<String, Result> out = new LinkedHashMap<>();
        Matcher m = README_ROW.matcher(readme);
        while (m.find()) {
            out.put(m.group(1), new Result(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5))));
        }
        return out;
    }

    /** The shared directory with the prebuilt tests, or null. */
    static Path directory() {
        String shared = System.getProperty("jvmm.shared");
        for (String base : new String[] {shared, "../shared", "/work/shared"}) {
            if (base == null) continue;
            Path dir = Path.of(base, "kvm-unit-tests");
            if (Files.isRegularFile(dir.resolve("unittests.cfg"))) return dir;
        }
        return null;
    }

    static String read(Path p) throws IOException {
        return Files.readString(p);
    }
}
