package dev.jvmm.cpu.disasm;

import static dev.jvmm.cpu.decode.OpcodeTable.D64;
import static dev.jvmm.cpu.decode.OpcodeTable.F64;
import static dev.jvmm.cpu.decode.OpcodeTable.INVALID;

import dev.jvmm.cpu.decode.Insn;
import java.util.Arrays;

/**
 * Turns one decoded {@link Insn} (plus its raw bytes, for the prefixes) into objdump's Intel text:
 * looks up the table form ({@link FormLookup}), adjusts the mnemonic (size suffixes, MOVABS, the
 * JCXZ family, CMPPS/PCLMULQDQ pseudo-ops), renders the operands ({@link OperandPrinter}) and
 * finally names the prefixes the instruction did not use ({@link PrefixNames}).
 */
final class IntelSyntax {
    private static final String BAD = "(bad)";
    /** objdump names PCLMULQDQ by immediate 0, 1, 2 (or 0x10), 3 (or 0x11). */
    private static final String[] PCLMUL_NAMES = {"pclmullqlqdq", "pclmulhqlqdq", "pclmullqhqdq", "pclmulhqhqdq"};
    private static final String[] CMP_PREDICATES = {"eq", "lt", "le", "unord", "neq", "nlt", "nle", "ord"};
    private final PrefixBytes prefixes = new PrefixBytes();
    private final OperandPrinter operands = new OperandPrinter();
    private final FormLookup forms = new FormLookup();
    private byte[] raw;

    String format(Insn insn, byte[] raw, long address) {
        this.raw = raw;
        prefixes.scan(raw, insn.length, insn.mode);
        prefixes.notrack = prefixes.segmentByte() == 0x3E && insn.opcode == 0xFF && insn.hasModrm
                && ((insn.reg & 7) == 2 || (insn.reg & 7) == 4);
        operands.start(insn, address, prefixes, hasSib(insn));
        String form = (insn.attrs & INVALID) != 0 ? null : forms.form(insn, prefixes);
        if (form == null) {
            // objdump names no prefix when F2/F3 selected an empty column
            boolean byRepeat = forms.column == TwoByteForms.PF3 || forms.column == TwoByteForms.PF2;
            return byRepeat ? BAD : bad(insn);
        }
        Template t = Template.parse(form);
        String[] codes = t.operands();
        if (insn.mod == 3 && codes.length == 2 && codes[0].charAt(0) == 'M') return bad(insn); // a store to a register
        String mnemonic = mnemonic(insn, t.mnemonic());
        if (operands.dropLastImmediate) codes = Arrays.copyOf(codes, codes.length - 1);
        StringBuilder ops = new StringBuilder();
        for (String code : codes) {
            if (!ops.isEmpty()) ops.append(',');
            ops.append(operands.render(code));
        }
        if (operands.badOperand()) return bad(insn);
        StringBuilder text = new StringBuilder(PrefixNames.of(insn, mnemonic, prefixes, operands, forms.column));
        text.append(mnemonic);
        if (!ops.isEmpty()) {
            while (text.length() < 6) text.append(' '); // objdump pads the mnemonic to 6 columns
            text.append(' ').append(ops);
        }
        if (operands.hasRipTarget) text.append("        # ").append(OperandPrinter.hex(operands.ripTarget));
        return text.toString();
    }

    private String bad(Insn insn) {
        return PrefixNames.of(insn, "", prefixes, operands, forms.column) + BAD;
    }

    /** Re-reads the ModRM byte: r/m 100 with 32/64-bit addressing means a SIB byte follows. */
    private boolean hasSib(Insn insn) {
        if (!insn.isMemory() || insn.addrSize == 2) return false;
        int at = prefixes.count + (insn.opcode < 0x100 ? 1 : insn.opcode < 0x200 ? 2 : 3);
        return (raw[at] & 7) == 4;
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
        if (m.equals("movsxd")) operands.usedOperandSize = true; // objdump takes 66 as part of MOVSXD
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

}
