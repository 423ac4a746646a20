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
    /** objdump names PCLMULQDQ by immediate 0, 1, 2 (or 0x10), 3 (or 0x11). */
    private static final String[] PCLMUL_NAMES = {"pclmullqlqdq", "pclmulhqlqdq", "pclmullqhqdq", "pclmulhqhqdq"};
    private static final String[] CMP_PREDICATES = {"eq", "lt", "le", "unord", "neq", "nlt", "nle", "ord"};
    private final PrefixBytes prefixes = new PrefixBytes();
    private final OperandPrinter operands = new OperandPrinter();
    /** The mandatory-prefix column the 0F-map form came from. */
    private int column;
    private byte[] raw;

    String format(Insn insn, byte[] raw, long address) {
        this.raw = raw;
        prefixes.scan(raw, insn.length, insn.mode);
        prefixes.notrack = prefixes.segmentByte() == 0x3E && insn.opcode == 0xFF && insn.hasModrm
                && ((insn.reg & 7) == 2 || (insn.reg & 7) == 4);
        column = TwoByteForms.NONE;
        operands.start(insn, address, prefixes, hasSib(insn));
        String form = (insn.attrs & INVALID) != 0 ? null : form(insn);
        if (form == null) { // objdump names no prefix when F2/F3 picked an empty column
            return column == TwoByteForms.PF3 || column == TwoByteForms.PF2 ? BAD : prefixNames(insn, "") + BAD;
        }
        Template t = Template.parse(form);
        String mnemonic = mnemonic(insn, t.mnemonic());
        StringBuilder ops = new StringBuilder();
        String[] codes = t.operands();
        if (insn.mod == 3 && codes.length == 2 && codes[0].charAt(0) == 'M') { // a store to a register
            return prefixNames(insn, "") + BAD;
        }
        if (operands.dropLastImmediate) codes = java.util.Arrays.copyOf(codes, codes.length - 1);
        for (String code : codes) {
            if (!ops.isEmpty()) ops.append(',');
            ops.append(operands.render(code));
        }
        if (operands.badOperand()) return prefixNames(insn, "") + BAD;
        String head = prefixNames(insn, mnemonic) + mnemonic;
        StringBuilder text = new StringBuilder(head);
        if (!ops.isEmpty()) {
            while (text.length() < 6) text.append(' ');
            text.append(' ').append(ops);
        }
        if (operands.hasRipTarget) text.append("        # ").append(OperandPrinter.hex(operands.ripTarget));
        return text.toString();
    }

    /** Re-reads the ModRM byte: r/m 100 with 32/64-bit addressing means a SIB byte follows. */
    private boolean hasSib(Insn insn) {
        if (!insn.isMemory() || insn.addrSize == 2) return false;
        int at = prefixes.count + (insn.opcode < 0x100 ? 1 : insn.opcode < 0x200 ? 2 : 3);
        return (raw[at] & 7) == 4;
    }

    private String form(Insn insn) {
        int op = insn.opcode;
        if (op >= 0xD8 && op <= 0xDF) return X87Forms.form(op, insn.mod, insn.reg, insn.rm);
        if (op == 0x90) {
            if ((prefixes.rexByte() & 1) != 0) return "xchg Zv,rAX";
            if (prefixes.repeatByte() == 0xF3) {
                column = TwoByteForms.PF3; // consumed
                return "pause";
            }
            if (prefixes.operandSize < 0) return "nop";
            column = TwoByteForms.P66; // consumed, even where REX.W decides the size
            return "xchg rAX,rAX";
        }
        if (op < 0x100) return OneByteForms.form(op, insn.reg, insn.mode);
        int o = op & 0xFF;
        int rep = prefixes.repeatByte();
        if (op >= 0x200) {
            column = rep == 0xF3 ? TwoByteForms.PF3 : rep == 0xF2 ? TwoByteForms.PF2
                    : prefixes.operandSize >= 0 ? TwoByteForms.P66 : TwoByteForms.NONE;
            String f = ThreeByteForms.form(op, column);
            if (f == null && column == TwoByteForms.PF2 && prefixes.operandSize >= 0) {
                return null;
            }
            return f;
        }
        if (TwoByteForms.isPrefixTable(o)) {
            column = rep == 0xF3 ? TwoByteForms.PF3 : rep == 0xF2 ? TwoByteForms.PF2
                    : prefixes.operandSize >= 0 ? TwoByteForms.P66 : TwoByteForms.NONE;
        } else if (prefixes.operandSize >= 0 && TwoByteForms.entry(TwoByteForms.P66, o) != null) {
            column = TwoByteForms.P66; // PMOVMSKB: objdump ignores F2/F3 there
        }
        String entry = TwoByteForms.entry(column, o);
        int r = insn.reg & 7;
        boolean byPrefix = o == 0xC7 && (r == 6 || (r == 7 && insn.mod == 3))
                || o == 0xAE && (insn.mod != 3 && r >= 4 || insn.mod == 3 && prefixes.operandSize >= 0);
        if (byPrefix) { // VMXON, RDSEED, CLWB, PTWRITE ... chosen by prefix
            column = rep == 0xF3 ? TwoByteForms.PF3 : rep == 0xF2 ? TwoByteForms.PF2
                    : prefixes.operandSize >= 0 ? TwoByteForms.P66 : TwoByteForms.NONE;
        }
        if (entry == null || entry.charAt(0) != '#') return entry;
        return TwoByteGroups.resolve(entry, o, column, insn.mod, insn.reg, insn.rm, insn.mode,
                (prefixes.rexByte() & 8) != 0);
    }

    private String mnemonic(Insn insn, String m) {
        int op = insn.opcode;
        if (m.endsWith("^")) { // SGDT family: always suffixed outside 64-bit mode
            m = m.substring(0, m.length() - 1);
            if (insn.mode != 64) m += operands.opSize() == 2 ? "w" : "d";
        }
        if (m.endsWith("!")) { // FNSAVE, FLDENV ...: objdump shows a 66-changed layout size
            m = m.substring(0, m.length() - 1);
            if (prefixes.operandSize >= 0) {
                operands.usedOperandSize = true;
                m += insn.mode == 16 ? "d" : "w";
            }
        }
        if (m.endsWith("~")) {
            m = m.substring(0, m.length() - 1);
            int size = operands.opSize();
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
        if (m.endsWith("%")) { // SYSRET, SYSEXIT: objdump names the 64-bit forms by operand size
            m = m.substring(0, m.length() - 1);
            if (insn.mode == 64) m += (prefixes.rexByte() & 8) != 0 ? "q" : "d";
            operands.useRex(8);
        }
        if (m.endsWith("64")) { // FXSAVE64 ...
            boolean w = (prefixes.rexByte() & 8) != 0;
            operands.useRex(8);
            if (!w) m = m.substring(0, m.length() - 2);
        }
        if (m.equals("cmpxchg16b")) operands.useRex(8);
        if ((op == 0x316 || op == 0x322) && (prefixes.rexByte() & 8) != 0) { // PEXTRQ, PINSRQ
            operands.useRex(8);
            m = m.replace('d', 'q');
        }
        int pclmul = (int) insn.imm & 0xFF;
        if (op == 0x344 && (pclmul < 4 || pclmul == 0x10 || pclmul == 0x11)) { // objdump's PCLMULQDQ names
            m = PCLMUL_NAMES[pclmul < 4 ? pclmul : pclmul - 0xE];
            operands.dropLastImmediate = true;
        }
        if (op == 0x1C2 && (insn.imm & 0xFF) < 8) { // CMPPS xmm,xmm,4 is "cmpneqps"
            m = "cmp" + CMP_PREDICATES[(int) insn.imm & 7] + m.substring(3);
            operands.dropLastImmediate = true;
        }
        if ((op == 0x16E || op == 0x17E) && (prefixes.rexByte() & 8) != 0 && m.equals("movd")) {
            operands.useRex(8);
            m = "movq";
        }
        if (insn.mode == 64 && (((op & 0xFFC) == 0xA0 && insn.addrSize == 8) || ((op & 0xFF8) == 0xB8 && insn.opSize == 8))) {
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
                return operands.usedLock ? null : "lock";
            case 0xF2, 0xF3:
                last = position == prefixes.repeat;
                if (last && column != TwoByteForms.NONE && column != TwoByteForms.P66) return null;
                boolean lastOfKind = position == (b == 0xF3 ? prefixes.lastF3 : prefixes.lastF2);
                if (lastOfKind && isString(insn.opcode)) {
                    boolean compares = mnemonic.equals("cmps") || mnemonic.equals("scas");
                    return b == 0xF2 ? "repnz" : compares ? "repz" : "rep";
                }
                if (lastOfKind && b == 0xF2 && isNearBranch(insn)) return "bnd";
                if (last && insn.isMemory() && (b == 0xF3 && isStore(insn.opcode) || lockable(insn)
                        && (insn.lock || insn.opcode == 0x86 || insn.opcode == 0x87))) {
                    return b == 0xF2 ? "xacquire" : "xrelease"; // hardware lock elision hints
                }
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
                if (last && prefixes.notrack) return "notrack";
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

    /** MOV to memory: XRELEASE applies without LOCK. */
    private static boolean isStore(int op) {
        return op == 0x88 || op == 0x89 || op == 0xC6 || op == 0xC7;
    }

    /** Instructions LOCK may prefix (SDM vol. 2 "LOCK"), memory form assumed. */
    private static boolean lockable(Insn insn) {
        int op = insn.opcode;
        int r = insn.reg & 7;
        if (op < 0x40) return (op & 7) < 2 && (op >> 3) != 7;
        return switch (op) {
            case 0x80, 0x81, 0x82, 0x83 -> r != 7;
            case 0x86, 0x87, 0x1AB, 0x1B3, 0x1BB, 0x1B0, 0x1B1, 0x1C0, 0x1C1 -> true;
            case 0xF6, 0xF7 -> r == 2 || r == 3;
            case 0xFE, 0xFF -> r < 2;
            case 0x1BA -> r >= 5;
            case 0x1C7 -> r == 1;
            default -> false;
        };
    }

    private static boolean isString(int op) {
        return (op >= 0x6C && op <= 0x6F) || (op >= 0xA4 && op <= 0xA7) || (op >= 0xAA && op <= 0xAF);
    }

    private static boolean isNearBranch(Insn insn) {
        int op = insn.opcode;
        if (op == 0xFF) return (insn.reg & 7) == 2 || (insn.reg & 7) == 4;
        return (op >= 0x70 && op <= 0x7F) || op == 0xE8 || op == 0xE9 || op == 0xEB || op == 0xC2 || op == 0xC3
                || (op >= 0x180 && op <= 0x18F);
    }
}
