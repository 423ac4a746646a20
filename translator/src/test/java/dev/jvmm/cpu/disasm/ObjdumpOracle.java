package dev.jvmm.cpu.disasm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs GNU objdump on raw bytes ({@code objdump -D -z -b binary -m <arch> -M intel}) and parses
 * its listing: the oracle the disassembler is checked against.
 */
final class ObjdumpOracle {
    /** One objdump line: offset from the start of the bytes, instruction length and text. */
    record Line(long address, int length, String text) {}

    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\t([0-9a-f ]+?)\\s*\\t(.*)$");

    private ObjdumpOracle() {}

    /** Null when objdump can be run, else why not. */
    static String unavailableReason() {
        try {
            Process p = new ProcessBuilder("objdump", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? null : "objdump --version failed";
        } catch (IOException | InterruptedException e) {
            return "objdump not runnable: " + e.getMessage();
        }
    }

    static String architecture(int mode) {
        return switch (mode) {
            case 16 -> "i8086";
            case 32 -> "i386";
            default -> "i386:x86-64";
        };
    }

    static List<Line> disassemble(byte[] code, long vma, int mode) throws IOException, InterruptedException {
        Path file = Files.createTempFile("jvmm-disasm", ".bin");
        try {
            Files.write(file, code);
            Process p = new ProcessBuilder("objdump", "-D", "-z", "-b", "binary", "-m", architecture(mode), "-M",
                    "intel", "--insn-width=15", "--adjust-vma=0x" + Long.toHexString(vma), file.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException("objdump failed: " + out);
            List<Line> lines = new ArrayList<>();
            for (String s : out.split("\n")) {
                Matcher m = LINE.matcher(s);
                if (!m.matches()) continue;
                int length = m.group(2).trim().split(" ").length;
                lines.add(new Line(Long.parseUnsignedLong(m.group(1), 16), length, m.group(3)));
            }
            return lines;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Whitespace-insensitive form of a line of Intel text. */
    static String normalize(String text) {
        return text.trim().replaceAll("\\s+", " ");
    }
}
