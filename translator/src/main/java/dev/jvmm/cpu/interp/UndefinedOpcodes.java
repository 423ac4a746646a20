package dev.jvmm.cpu.interp;

import dev.jvmm.cpu.decode.Form;
import dev.jvmm.cpu.decode.Insn;
import dev.jvmm.cpu.decode.OpcodeTable;

/**
 * Counts the #UD exceptions instructions raised, by opcode and mandatory-prefix column, for
 * {@code --stats}: an instruction jvmm does not implement is #UD, never a silent no-op, and this
 * says which ones a guest met.
 */
final class UndefinedOpcodes {
    private static final String[] COLUMN = {"", "66 ", "F3 ", "F2 "};
    private final long[] counts = new long[4 * 0x400];
    private final long[] firstRip = new long[4 * 0x400];

    /** Counts one #UD of {@code insn}, which starts at {@code rip}. */
    void count(Insn insn, long rip) {
        int k = insn.prefixColumn << 10 | insn.opcode;
        if (counts[k]++ == 0) firstRip[k] = rip;
    }

    long count(int column, int opcode) {
        return counts[column << 10 | opcode];
    }

    /**
     * One line, e.g. {@code interp: #UD by opcode: 0F 0B (ud2) 3 first at rip 0x1000, 66 0F 38 00 2 first at
     * rip 0x1008}; empty if none.
     */
    String format() {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] == 0) continue;
            int op = k & 0x3FF;
            sb.append(sb.isEmpty() ? "interp: #UD by opcode: " : ", ").append(COLUMN[k >> 10]);
            if (op >= 0x100) sb.append("0F ");
            if (op >= 0x200) sb.append(op >= 0x300 ? "3A " : "38 ");
            sb.append(String.format("%02X", op & 0xFF));
            String name = name(op, k >> 10);
            if (name != null) sb.append(" (").append(name).append(')');
            sb.append(' ').append(counts[k]).append(String.format(" first at rip 0x%x", firstRip[k]));
        }
        return sb.toString();
    }

    /**
     * The opcode's name when all its rows for the prefix column share one (ud2, popcnt), else none
     * (NP 0F 38 F0 is MOVBE, which jvmm has no row for, not F2 0F 38 F0's CRC32). C4, C5 and 62 also
     * begin the VEX and EVEX encodings (in 64-bit mode always, elsewhere with a register ModRM), which
     * raise #UD here because CPUID reports no AVX: a guest meeting them is more likely AVX code than a
     * bad LES, LDS or BOUND.
     */
    private static String name(int opcode, int column) {
        if (opcode == 0xC4 || opcode == 0xC5) return (opcode == 0xC4 ? "les" : "lds") + " or VEX";
        if (opcode == 0x62) return "bound or EVEX";
        String name = null;
        for (Form f : OpcodeTable.forms(opcode)) {
            if (f.prefix != Form.ANY && f.prefix != column) continue;
            if (name != null && !name.equals(f.mnemonic)) return null;
            name = f.mnemonic;
        }
        return name;
    }
}
