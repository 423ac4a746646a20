package dev.jvmm.guests.linux;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges the console output of a {@value LinuxGuest#CHECK_WORD} boot: the {@code jvmm-check:} lines the
 * init script prints must show the expected kernel, the CPU features the kernel cannot run without, the
 * results of a few busybox applets and shell arithmetic (computed here independently), and a kernel log
 * free of oopses, warnings and unchecked MSR accesses.
 */
public final class LinuxCheck {
    /** The line the init script prints once userspace runs. */
    public static final String USERSPACE_LINE = "jvmm-init: userspace is up";
    private static final String PREFIX = "jvmm-check: ";
    /** What the kernel requires of the CPU (arch/x86/include/asm/required-features.h for x86-64). */
    public static final Set<String> REQUIRED_FLAGS = Set.of("fpu", "pae", "cx8", "cmov", "msr", "fxsr", "sse", "sse2", "lm");

    private LinuxCheck() {}

    /** The values of the check lines by key ("uname", "sum", ...); "problem" lines are joined. */
    public static Map<String, String> values(String console) {
        Map<String, String> v = new LinkedHashMap<>();
        for (String line : console.split("\\R")) {
            int at = line.indexOf(PREFIX);
            if (at < 0) continue;
            String rest = line.substring(at + PREFIX.length());
            int space = rest.indexOf(' ');
            String key = space < 0 ? rest : rest.substring(0, space);
            String value = space < 0 ? "" : rest.substring(space + 1).strip();
            v.merge(key, value, (a, b) -> a + " | " + b);
        }
        return v;
    }

    /** What is wrong with {@code console} for a kernel of {@code release}; empty if every check passed. */
    public static List<String> problems(String console, String release) {
        Map<String, String> v = values(console);
        List<String> wrong = new ArrayList<>();
        if (!console.contains(USERSPACE_LINE)) wrong.add("no '" + USERSPACE_LINE + "' line: userspace never ran");
        if (!v.containsKey("done")) wrong.add("the check script did not finish");
        expect(wrong, v, "uname", "Linux " + release + " x86_64");
        List<String> flags = List.of(v.getOrDefault("flags", "").split(" "));
        for (String f : REQUIRED_FLAGS) if (!flags.contains(f)) wrong.add("/proc/cpuinfo flags lack " + f);
        expect(wrong, v, "sum", Long.toString(1000L * 1001 / 2));
        expect(wrong, v, "md5", "9e107d9d372bb6826bd81d3542a419d6");   // RFC 1321's classic test phrase
        expect(wrong, v, "sha256", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"); // FIPS 180-2 "abc"
        expect(wrong, v, "sort", "1 2 3 10");
        expect(wrong, v, "shell", (1 << 20) + " " + (123456789L * 987654321L % 1000000007L));
        expect(wrong, v, "file", "1048576 b6d81b360a5672d80c27430f39153e2c"); // MD5 of 1 MiB of zeros
        expect(wrong, v, "dmesg-problems", "0");
        if (v.containsKey("problem")) wrong.add("kernel log: " + v.get("problem"));
        return wrong;
    }

    private static void expect(List<String> wrong, Map<String, String> v, String key, String expected) {
        String got = v.get(key);
        if (got == null) {
            if (v.containsKey("done")) wrong.add("no '" + key + "' line");
        } else if (!got.equals(expected)) {
            wrong.add(key + ": '" + got + "', expected '" + expected + "'");
        }
    }
}
