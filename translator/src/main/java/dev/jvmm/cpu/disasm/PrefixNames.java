package dev.jvmm.cpu.disasm;

import dev.jvmm.cpu.decode.Insn;

/**
 * Names the prefixes an instruction did not consume, as objdump prints them before the mnemonic:
 * {@code rep}/{@code repz}/{@code repnz} after the string instruction they repeat, {@code bnd} on
 * branches, {@code xacquire}/{@code xrelease} on lockable memory operations, {@code lock},
 * {@code data16}/{@code data32}, {@code addr16}/{@code addr32}, a segment name or
 * {@code notrack}, and {@code rex.WRXB} when a REX bit went unused.
 */
final class PrefixNames {
    private PrefixNames() {}

    /** The prefixes the instruction did not consume, by name, in encoding order, each followed by a space. */
    static String of(Insn insn, String mnemonic, PrefixBytes prefixes, OperandPrinter operands, int column) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < prefixes.count; i++) {
            String name = name(insn, mnemonic, i, prefixes.bytes[i], prefixes, operands, column);
            if (name != null) sb.append(name).append(' ');
        }
        return sb.toString();
    }

    private static String name(Insn insn, String mnemonic, int position, int b, PrefixBytes prefixes,
            OperandPrinter operands, int column) {
        boolean last;
        switch (b) {
            case 0xF0:
                return operands.usedLock && position == prefixes.lock ? null : "lock";
            case 0xF2, 0xF3:
                last = position == prefixes.repeat;
                if (last && column != TwoByteForms.NONE && column != TwoByteForms.P66) return null;
                boolean lastOfKind = position == (b == 0xF3 ? prefixes.lastF3 : prefixes.lastF2);
                if (lastOfKind && isString(insn.opcode)) {
                    boolean compares = mnemonic.equals("cmps") || mnemonic.equals("scas");
                    return b == 0xF2 ? "repnz" : compares ? "repz" : "rep";
                }
                if (lastOfKind && b == 0xF2 && isNearBranch(insn)) return "bnd";
                if (lastOfKind && insn.isMemory() && (b == 0xF3 && isStore(insn.opcode) || lockable(insn)
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
