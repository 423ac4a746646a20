package dev.jvmm.cpu.disasm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares the disassembler with objdump over a byte stream, following objdump's own linear sweep:
 * for every line objdump prints, the disassembler decodes at the same address, and the two texts
 * (whitespace-normalized) must be equal, unless {@link KnownDifferences} explains the difference.
 */
final class Agreement {
    int compared, agreed;
    final Map<String, Integer> explained = new TreeMap<>();
    final List<String> mismatches = new ArrayList<>();

    void compare(byte[] code, long vma, int mode, List<ObjdumpOracle.Line> lines) {
        Disassembler d = new Disassembler();
        for (ObjdumpOracle.Line line : lines) {
            int offset = (int) (line.address() - vma);
            Disassembler.Instruction mine = d.disassemble(code, offset, line.address(), mode);
            String want = ObjdumpOracle.normalize(line.text());
            String got = ObjdumpOracle.normalize(mine.text());
            compared++;
            if (want.equals(got) && mine.length() == line.length()) {
                agreed++;
                continue;
            }
            String reason = KnownDifferences.reason(mine.bytes(), mode, want, got);
            if (reason != null) {
                explained.merge(reason, 1, Integer::sum);
            } else {
                mismatches.add(String.format("%d-bit %s: objdump \"%s\" (%d bytes), jvmm \"%s\" (%d bytes)", mode,
                        mine.hexBytes(), want, line.length(), got, mine.length()));
            }
        }
    }

    /** Agreement among the compared instructions that no known difference explains. */
    double rate() {
        int considered = compared - explained.values().stream().mapToInt(Integer::intValue).sum();
        return considered == 0 ? 1 : (double) agreed / considered;
    }

    String summary() {
        return String.format("%d compared, %d identical (%.2f%%), %d known differences %s, %d unexplained: "
                + "%.2f%% agreement apart from the known differences", compared, agreed, 100.0 * agreed / compared,
                compared - agreed - mismatches.size(), explained, mismatches.size(), 100 * rate());
    }
}
