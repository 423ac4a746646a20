package dev.jvmm.cpu.disasm;

import dev.jvmm.cpu.decode.Insn;

/**
 * Finds the template of a decoded instruction: its opcode row ({@link dev.jvmm.cpu.decode.Form})
 * where it has one, else this package's 0F, 0F 38/3A and x87 tables, the group member named by
 * ModRM, and for MMX/SSE the column of the mandatory prefix (the last F3/F2, else 66, else none),
 * which that prefix then does not show as a name.
 */
final class FormLookup {
    /** The mandatory-prefix column of the last form found ({@link TwoByteForms#NONE} if none). */
    int column;

    /** The form for {@code insn}, or null for an undefined encoding; sets {@link #column}. */
    String form(Insn insn, PrefixBytes prefixes) {
        column = TwoByteForms.NONE;
        int op = insn.opcode;
        if (op >= 0xD8 && op <= 0xDF) return X87Forms.form(op, insn.mod, insn.reg, insn.rm);
        if (op == 0x90) {
            if (prefixes.repeatByte() == 0xF3) {
                column = TwoByteForms.PF3; // consumed
                return "pause";
            }
            if (prefixes.operandSize >= 0) column = TwoByteForms.P66; // consumed, even where REX.W decides
            if ((prefixes.rexByte() & 1) != 0) return "xchg Zv,rAX";
            return prefixes.operandSize < 0 ? "nop" : "xchg rAX,rAX";
        }
        if (op < 0x100) return op == 0xD6 ? null : template(insn); // objdump does not know SALC
        int o = op & 0xFF;
        int rep = prefixes.repeatByte();
        if (op >= 0x200) {
            column = prefixColumn(prefixes);
            return ThreeByteForms.form(op, column);
        }
        // The general-purpose rows, but where objdump reads a prefix table (TZCNT, POPCNT) or
        // names group 9 by REX.W (CMPXCHG16B)
        if (insn.form != null && !TwoByteForms.isPrefixTable(o) && o != 0xC7) return template(insn);
        if (TwoByteForms.isPrefixTable(o)) {
            column = prefixColumn(prefixes);
        } else if (prefixes.operandSize >= 0 && TwoByteForms.entry(TwoByteForms.P66, o) != null) {
            column = TwoByteForms.P66; // PMOVMSKB: objdump ignores F2/F3 there
        }
        String entry = TwoByteForms.entry(column, o);
        int r = insn.reg & 7;
        boolean byPrefix = o == 0xC7 && (r == 6 || (r == 7 && insn.mod == 3))
                || o == 0xAE && (insn.mod != 3 && r >= 4 || insn.mod == 3 && (prefixes.operandSize >= 0 || rep != 0));
        if (byPrefix) { // VMXON, RDSEED, CLWB, PTWRITE ... chosen by prefix
            column = prefixColumn(prefixes);
        }
        if (o == 0x1C && (rep != 0 || prefixes.operandSize >= 0)) return "nop Ev"; // CLDEMOTE takes no prefix
        if (o == 0x1E && rep == 0xF3 && insn.mod == 3) return shadowStackHint(insn, prefixes);
        if (o == 0x01 && rep == 0xF3 && r == 5) { // CET shadow-stack management in group 7
            column = TwoByteForms.PF3;
            if (insn.mod != 3) return "rstorssp Mq";
            return (insn.rm & 7) == 0 ? "setssbsy" : (insn.rm & 7) == 2 ? "saveprevssp" : null;
        }
        if (o == 0x18 && insn.mod != 3 && r >= 6 && insn.mode == 64) { // the PREFETCHIT hints' table
            if (rep != 0) column = rep == 0xF3 ? TwoByteForms.PF3 : TwoByteForms.PF2;
            if (insn.ripRelative && rep == 0) return r == 6 ? "prefetchit1 Mb" : "prefetchit0 Mb";
        }
        if (entry == null || entry.charAt(0) != '#') return entry;
        String form = TwoByteGroups.resolve(entry, o, column, insn.mod, insn.reg, insn.rm, insn.mode,
                (prefixes.rexByte() & 8) != 0);
        if (form != null && form.charAt(0) == '=') { // a member the prefix did not select: it shows
            column = TwoByteForms.NONE;
            return form.substring(1);
        }
        return form;
    }

    /** The operand template of the instruction's opcode row, or null if no row selects it. */
    private static String template(Insn insn) {
        return insn.form != null ? insn.form.template : null;
    }

    /** F3 0F 1E with a register: ENDBR64/ENDBR32 and RDSSP, else the NOP the prefix does not change. */
    private String shadowStackHint(Insn insn, PrefixBytes prefixes) {
        int r = insn.reg & 7;
        column = TwoByteForms.PF3;
        if (r == 7 && (insn.rm & 7) == 2) return "endbr64";
        if (r == 7 && (insn.rm & 7) == 3) return "endbr32";
        if (r == 1) return (prefixes.rexByte() & 8) != 0 ? "rdsspq Ey" : "rdsspd Ey";
        column = TwoByteForms.NONE;
        return "nop Ev";
    }

    /** The column a mandatory prefix selects: the last F3/F2, else 66, else none. */
    private static int prefixColumn(PrefixBytes prefixes) {
        int rep = prefixes.repeatByte();
        if (rep != 0) return rep == 0xF3 ? TwoByteForms.PF3 : TwoByteForms.PF2;
        return prefixes.operandSize >= 0 ? TwoByteForms.P66 : TwoByteForms.NONE;
    }
}
