package dev.jvmm.cpu.disasm;

import dev.jvmm.cpu.decode.Insn;

/**
 * Renders one operand template code (see {@link Template}) of a decoded instruction in Intel syntax,
 * and records which prefixes the rendering consumed, so the caller can name the unused ones.
 */
final class OperandPrinter {
    private Insn insn;
    private long address;
    private PrefixBytes prefixes;
    private boolean badOperand;
    /** Prefix usage, filled while rendering. */
    boolean usedOperandSize, usedAddressSize, usedSegment;
    int usedRex;
    /** Set when the instruction addresses memory RIP-relative: the absolute address for the comment. */
    long ripTarget;
    boolean hasRipTarget;

    void start(Insn insn, long address, PrefixBytes prefixes) {
        this.insn = insn;
        this.address = address;
        this.prefixes = prefixes;
        badOperand = false;
        usedOperandSize = usedAddressSize = usedSegment = false;
        usedRex = 0;
        hasRipTarget = false;
    }

    /** True when a template asked for memory but the ModRM byte names a register, or vice versa. */
    boolean badOperand() {
        return badOperand;
    }

    /** The operand size in bytes, noting that the 66 prefix and REX.W mattered. */
    int opSize() {
        usedOperandSize = true;
        useRex(8);
        return insn.opSize;
    }

    void useRex(int bit) {
        int rex = prefixes.rexByte();
        if ((rex & bit) != 0) usedRex |= bit | 0x40;
    }

    private int size(char code) {
        return switch (code) {
            case 'b' -> 1;
            case 'w' -> 2;
            case 'd' -> 4;
            case 'q' -> 8;
            case 't' -> 10;
            case 'x' -> 16;
            case 'v' -> opSize();
            case 'z' -> Math.min(opSize(), 4);
            case 'y' -> insn.mode == 64 && opSize() == 8 ? 8 : 4;
            case 'p' -> opSize() + 2; // far pointer: offset + selector
            case 'a' -> opSize() * 2; // BOUND: two bounds
            default -> throw new IllegalArgumentException("size code " + code);
        };
    }

    String render(String code) {
        char kind = code.charAt(0);
        if (code.length() == 1 && kind != 'M') return code; // "1"
        char sz = code.length() > 1 ? code.charAt(1) : 0;
        return switch (code) {
            case "AL" -> "al";
            case "CL" -> "cl";
            case "DX" -> "dx";
            case "rAX" -> gpr(0, opSize());
            case "eAX" -> gpr(0, opSize() == 2 ? 2 : 4);
            case "Ib" -> hex(insn.imm & 0xFF);
            case "Ib2" -> hex(insn.imm2 & 0xFF);
            case "Iw" -> hex(insn.imm & 0xFFFF);
            case "Iz", "Iv" -> hex(insn.imm & mask(opSize()));
            case "Ap" -> hex(insn.imm2) + ":" + hex(insn.imm);
            case "Xl" -> memory(1, true, insn.addrSize, 3, -1, 0);
            case "Es" -> insn.mod == 3 ? gpr(rmRegister(), opSize()) : memory(2);
            default -> switch (kind) {
                case 'E' -> insn.mod == 3 ? gpr(rmRegister(), size(sz)) : memory(size(sz));
                case 'M' -> memoryOnly(sz == 0 ? 0 : size(sz));
                case 'G' -> gpr(regRegister(), size(sz));
                case 'R' -> gpr(rmRegister(), insn.opSize);
                case 'Z' -> gpr(rmRegister(), size(sz));
                case 'S' -> RegisterNames.segment(insn.reg);
                case 'C' -> RegisterNames.control(regRegister());
                case 'D' -> RegisterNames.debug(regRegister());
                case 'J' -> hex(branchTarget());
                case 'O' -> moffs(size(sz));
                case 'X' -> memory(size(sz), true, insn.addrSize, 6, -1, 0);
                case 'Y' -> stringDestination(size(sz));
                case 'V' -> RegisterNames.xmm(regRegister());
                case 'U' -> insn.mod == 3 ? RegisterNames.xmm(rmRegister()) : bad();
                case 'W' -> insn.mod == 3 ? RegisterNames.xmm(rmRegister()) : memory(size(sz));
                case 'P' -> RegisterNames.mmx(insn.reg);
                case 'N' -> insn.mod == 3 ? RegisterNames.mmx(insn.rm) : bad();
                case 'Q' -> insn.mod == 3 ? RegisterNames.mmx(insn.rm) : memory(size(sz));
                case 'F' -> RegisterNames.fpu(insn.rm);
                default -> code; // a literal register: es, fs, st, ax ...
            };
        };
    }

    private int regRegister() {
        useRex(4);
        return insn.reg;
    }

    private int rmRegister() {
        useRex(1);
        return insn.rm;
    }

    private String gpr(int number, int size) {
        boolean rex = prefixes.rexByte() != 0;
        if (size == 1 && rex && (number & 7) >= 4 && number < 8) usedRex |= 0x40;
        return RegisterNames.gpr(number, size, rex);
    }

    private String bad() {
        badOperand = true;
        return "(bad)";
    }

    private String memoryOnly(int size) {
        return insn.mod == 3 ? bad() : memory(size);
    }

    private String memory(int size) {
        if (insn.index >= 0) useRex(2);
        if (insn.base >= 0) useRex(1);
        return memory(size, false, insn.addrSize, insn.base, insn.index, insn.disp);
    }

    /** Formats {@code [base+index*scale+disp]} with the size keyword and segment override. */
    private String memory(int size, boolean stringSource, int addrSize, int base, int index, long disp) {
        usedAddressSize = true;
        StringBuilder sb = new StringBuilder(40);
        if (size > 0) sb.append(sizeKeyword(size)).append(" PTR ");
        String segment = overrideSegment();
        if (stringSource && segment == null) segment = "ds";
        boolean absolute = base < 0 && index < 0 && !insn.ripRelative;
        if (absolute) {
            return sb.append(segment == null ? "ds" : segment).append(':').append(hex(disp & mask(addrSize))).toString();
        }
        if (segment != null) sb.append(segment).append(':');
        sb.append('[');
        if (insn.ripRelative && !stringSource) {
            sb.append(addrSize == 8 ? "rip" : "eip");
            hasRipTarget = true;
            ripTarget = (address + insn.length + disp) & mask(addrSize);
        } else if (base >= 0) {
            sb.append(RegisterNames.gpr(base, addrSize, true));
        }
        if (index >= 0) {
            if (base >= 0) sb.append('+');
            sb.append(RegisterNames.gpr(index, addrSize, true)).append('*').append(1 << insn.scale);
        }
        boolean hasDisp = stringSource ? false : insn.mod != 0 || insn.ripRelative || base < 0;
        if (hasDisp) {
            if (disp < 0) sb.append('-').append(hex(-disp));
            else sb.append('+').append(hex(disp));
        }
        return sb.append(']').toString();
    }

    private String stringDestination(int size) {
        usedAddressSize = true;
        return sizeKeyword(size) + " PTR es:[" + RegisterNames.gpr(7, insn.addrSize, false) + "]";
    }

    private String moffs(int size) {
        usedAddressSize = true;
        String segment = overrideSegment();
        return (segment == null ? "ds" : segment) + ":" + hex(insn.disp & mask(insn.addrSize));
    }

    /** The segment override this memory operand shows, or null (64-bit mode honours only FS and GS). */
    private String overrideSegment() {
        int prefix = prefixes.segmentByte();
        if (prefix == 0 || (insn.mode == 64 && prefix != 0x64 && prefix != 0x65)) return null;
        usedSegment = true;
        return RegisterNames.segment(PrefixBytes.segmentNumber(prefix));
    }

    private long branchTarget() {
        int size = opSize();
        long target = address + insn.length + insn.imm;
        return insn.mode == 64 && size != 2 ? target : target & mask(size == 2 ? 2 : 4);
    }

    static String sizeKeyword(int size) {
        return switch (size) {
            case 1 -> "BYTE";
            case 2 -> "WORD";
            case 4 -> "DWORD";
            case 6 -> "FWORD";
            case 8 -> "QWORD";
            case 10 -> "TBYTE";
            default -> "XMMWORD";
        };
    }

    static long mask(int size) {
        return size >= 8 ? -1L : (1L << (size * 8)) - 1;
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
