package dev.jvmm.cpu.disasm;

import static dev.jvmm.cpu.decode.OpcodeTable.D64;
import static dev.jvmm.cpu.decode.OpcodeTable.F64;
import static dev.jvmm.cpu.decode.OpcodeTable.INVALID;

import dev.jvmm.cpu.decode.Insn;

/**
 * Turns one decoded {@link Insn} (plus its raw bytes, for the prefixes) into objdump's Intel text:
 * picks the table form, adjusts the mnemonic (size suffixes, MOVABS, JCXZ family), renders the
 * operands and finally names the prefixes the instruction did not use.
 */
final class IntelSyntax {
    private static final String BAD = "(bad)";
    private final PrefixBytes prefixes = new PrefixBytes();
    private final OperandPrinter operands = new OperandPrinter();
    /** The mandatory-prefix column the 0F-map form came from. */
    private int column;

    String format(Insn insn, byte[] raw, long address) {
        prefixes.scan(raw, insn.length, insn.mode);
        if ((insn.attrs & INVALID) != 0) return BAD;
        column = TwoByteForms.NONE;
        String form = form(insn);
        if (form == null) return BAD;
        Template t = Template.parse(form);
        operands.start(insn, address, prefixes);
        String mnemonic = mnemonic(insn, t.mnemonic());
        StringBuilder ops = new StringBuilder();
        for (String code : t.operands()) {
            if (!ops.isEmpty()) ops.append(',');
            ops.append(operands.render(code));
        }
        if (operands.badOperand()) return BAD;
        String head = prefixNames(insn, mnemonic) + mnemonic;
        StringBuilder text = new StringBuilder(head);
        if (!ops.isEmpty()) {
            while (text.length() < 6) text.append(' ');
            text.append(' ').append(ops);
        }
        if (operands.hasRipTarget) text.append("        # ").append(OperandPrinter.hex(operands.ripTarget));
        return text.toString();
    }

    private String form(Insn insn) {
        int op = insn.opcode;
        if (op >= 0xD8 && op <= 0xDF) return X87Forms.form(op, insn.mod, insn.reg, insn.rm);
        if (op == 0x90) {
            if ((prefixes.rexByte() & 1) != 0) return "xchg Zv,rAX";
            if (prefixes.repeatByte() == 0xF3) return "pause";
            return prefixes.operandSize >= 0 ? "xchg ax,ax" : "nop";
        }
        if (op < 0x100) return OneByteForms.form(op, insn.reg, insn.mode);
        if (op >= 0x200) return null; // 0F 38 / 0F 3A: not named yet
        int o = op & 0xFF;
        int rep = prefixes.repeatByte();
        if (rep != 0 && TwoByteForms.entry(rep == 0xF3 ? TwoByteForms.PF3 : TwoByteForms.PF2, o) != null) {
            column = rep == 0xF3 ? TwoByteForms.PF3 : TwoByteForms.PF2;
        } else if (prefixes.operandSize >= 0 && TwoByteForms.entry(TwoByteForms.P66, o) != null) {
            column = TwoByteForms.P66;
        }
        String entry = TwoByteForms.entry(column, o);
        if (entry == null && column != TwoByteForms.NONE) {
            column = TwoByteForms.NONE;
            entry = TwoByteForms.entry(column, o);
        }
        if (entry == null || entry.charAt(0) != '#') return entry;
        return TwoByteGroups.resolve(entry, o, column, insn.mod, insn.reg, insn.rm, insn.mode,
                (prefixes.rexByte() & 8) != 0);
    }

    private String mnemonic(Insn insn, String m) {
        int op = insn.opcode;
        if (m.endsWith("~")) {
            m = m.substring(0, m.length() - 1);
            int size = insn.opSize;
            operands.usedOperandSize = true;
            if (size != defaultOperandSize(insn)) m += size == 2 ? "w" : size == 4 ? "d" : "q";
        }
        int slash = m.indexOf('/');
        if (slash >= 0) {
            String[] choices = m.split("/");
            int size = operands.opSize();
            m = choices[size == 2 ? 0 : size == 4 ? 1 : 2];
        }
        if (op == 0xE3) {
            operands.usedAddressSize = true;
            m = insn.addrSize == 2 ? "jcxz" : insn.addrSize == 4 ? "jecxz" : "jrcxz";
        }
        if (insn.mode == 64 && (((op & 0xFC) == 0xA0 && insn.addrSize == 8) || ((op & 0xF8) == 0xB8 && insn.opSize == 8))) {
            m = "movabs";
        }
        return m;
    }

    private static int defaultOperandSize(Insn insn) {
        if (insn.mode != 64) return insn.mode / 8;
        return (insn.attrs & (D64 | F64)) != 0 ? 8 : 4;
    }

    /** The prefixes the instruction did not consume, by name, in encoding order, each followed by a space. */
    private String prefixNames(Insn insn, String mnemonic) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < prefixes.count; i++) {
            String name = prefixName(insn, mnemonic, i, prefixes.bytes[i]);
            if (name != null) sb.append(name).append(' ');
        }
        return sb.toString();
    }

    private String prefixName(Insn insn, String mnemonic, int position, int b) {
        boolean last;
        switch (b) {
            case 0xF0:
                return "lock";
            case 0xF2, 0xF3:
                last = position == prefixes.repeat;
                if (last && column != TwoByteForms.NONE && column != TwoByteForms.P66) return null;
                if (last && isString(insn.opcode)) {
                    boolean compares = mnemonic.equals("cmps") || mnemonic.equals("scas");
                    return b == 0xF2 ? "repnz" : compares ? "repz" : "rep";
                }
                if (last && b == 0xF2 && isNearBranch(insn.opcode)) return "bnd";
                return b == 0xF2 ? "repnz" : "repz";
            case 0x66:
                last = position == prefixes.operandSize;
                if (last && (operands.usedOperandSize || column == TwoByteForms.P66)) return null;
                return insn.mode == 16 ? "data32" : "data16";
            case 0x67:
                last = position == prefixes.addressSize;
                if (last && operands.usedAddressSize) return null;
                return insn.mode == 32 ? "addr16" : "addr32";
            case 0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65:
                last = position == prefixes.segment;
                if (last && operands.usedSegment) return null;
                return RegisterNames.segment(PrefixBytes.segmentNumber(b));
            default: // REX
                if (position != prefixes.rex) return rexName(b);
                return b == operands.usedRex ? null : rexName(b);
        }
    }

    private static String rexName(int rex) {
        if ((rex & 0xF) == 0) return "rex";
        return "rex." + ((rex & 8) != 0 ? "W" : "") + ((rex & 4) != 0 ? "R" : "") + ((rex & 2) != 0 ? "X" : "")
                + ((rex & 1) != 0 ? "B" : "");
    }

    private static boolean isString(int op) {
        return (op >= 0x6C && op <= 0x6F) || (op >= 0xA4 && op <= 0xA7) || (op >= 0xAA && op <= 0xAF);
    }

    private static boolean isNearBranch(int op) {
        return (op >= 0x70 && op <= 0x7F) || op == 0xE8 || op == 0xE9 || op == 0xEB || op == 0xC2 || op == 0xC3
                || op == 0xFF || (op >= 0x180 && op <= 0x18F);
    }
}
