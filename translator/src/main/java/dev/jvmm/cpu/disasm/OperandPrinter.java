package dev.jvmm.cpu.disasm;

import dev.jvmm.cpu.decode.Insn;
import dev.jvmm.cpu.decode.OpcodeTable;

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
    /** The immediate became part of the mnemonic (CMPPS predicates). */
    boolean dropLastImmediate;
    /** LOCK selected CR8-CR15 (AMD's alternative to REX.R for MOV CR). */
    boolean usedLock;

    /** Whether the ModRM byte was followed by a SIB byte (the record does not keep it). */
    private boolean hasSib;

    void start(Insn insn, long address, PrefixBytes prefixes, boolean hasSib) {
        this.insn = insn;
        this.hasSib = hasSib;
        this.address = address;
        this.prefixes = prefixes;
        badOperand = false;
        usedOperandSize = usedAddressSize = usedSegment = false;
        usedRex = 0;
        hasRipTarget = false;
        dropLastImmediate = usedLock = false;
    }

    /**
     * True when the whole instruction is "(bad)": LEA, far pointers and BOUND with a register operand.
     * Other operands that need memory but got a register print "(bad)" in their place, as objdump does.
     */
    boolean badOperand() {
        return badOperand;
    }

    /** The operand size in bytes, noting that the 66 prefix and REX.W mattered. */
    int opSize() {
        if ((prefixes.rexByte() & 8) == 0) usedOperandSize = true; // REX.W overrides 66
        if ((insn.attrs & (OpcodeTable.D64 | OpcodeTable.F64)) == 0 && !isStackOrBranch()) useRex(8);
        return insn.opSize;
    }

    /** FF /2, /4, /6: near CALL/JMP/PUSH through r/m are 64-bit in long mode whatever REX.W says. */
    private boolean isStackOrBranch() {
        int r = insn.reg & 7;
        return insn.mode == 64 && insn.opcode == 0xFF && (r == 2 || r == 4 || r == 6);
    }

    private boolean rexW() {
        useRex(8);
        return (prefixes.rexByte() & 8) != 0;
    }

    void useRex(int bit) {
        int rex = prefixes.rexByte();
        if ((rex & bit) != 0) usedRex |= bit | 0x40;
    }

    /** m16:16 or m16:32; objdump ignores REX.W here (FWORD), only 66 matters. */
    private int farPointerSize() {
        if (prefixes.operandSize >= 0) usedOperandSize = true;
        return (insn.mode == 16) ^ (prefixes.operandSize >= 0) ? 4 : 6;
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
            case 'z' -> (prefixes.rexByte() & 8) != 0 ? 4 : Math.min(opSize(), 4); // REX.W is not used
            case 'o' -> OWORD;
            case 'n' -> insn.mode == 64 ? 8 : 4; // native width, whatever the prefixes
            case 'y' -> rexW() ? 8 : 4; // 66 does not shrink it
            case 'p' -> farPointerSize();
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
            case "eAX" -> gpr(0, size('z'));
            case "Ib" -> hex(insn.imm & 0xFF);
            case "Ib2" -> hex(insn.imm2 & 0xFF);
            case "Iw" -> hex(insn.imm & 0xFFFF);
            case "Iz", "Iv", "Ibs" -> hex(insn.imm & mask(opSize())); // Ibs: sign-extended byte
            case "Ap" -> {
                opSize(); // the offset's width
                yield hex(insn.imm2) + ":" + hex(insn.imm);
            }
            case "Xl" -> memory(1, true, insn.addrSize, 3, -1, 0);
            case "Es" -> insn.mod == 3 ? gpr(rmRegister(), opSize()) : memory(2);
            default -> switch (kind) {
                case 'L' -> insn.mod == 3 ? gpr(rmRegister(), 4) : memory(size(sz));
                case 'E' -> insn.mod == 3 ? gpr(rmRegister(), size(sz)) : memory(size(sz));
                case 'M' -> insn.addrSize == 2 && isBoundsInstruction() ? overrideSegmentText() + "(bad)"
                        : insn.mod == 3 && (sz == 'p' || sz == 'a' || insn.opcode == 0x8D) ? wholeBad()
                        : memoryOnly(sz == 0 ? 0 : size(sz));
                case 'B' -> boundsRegister(insn.reg);
                case 'K' -> boundsOperand(sz);
                case 'G' -> gpr(regRegister(), size(sz));
                case 'R' -> gpr(rmRegister(), sz == 'a' ? addressSizeRegister() : sz == 'n' ? size('n') : insn.opSize);
                case 'Z' -> gpr(opcodeRegister(), size(sz));
                case 'S' -> RegisterNames.segment(insn.reg);
                case 'C' -> RegisterNames.control(regRegister() + (insn.lock && insn.mode != 64 ? lockedCr() : 0));
                case 'D' -> RegisterNames.debug(regRegister());
                case 'J' -> hex(branchTarget(sz == 'z' ? opSize() : 4)); // objdump wraps rel8 targets at 32 bits
                case 'O' -> moffs(size(sz));
                case 'X' -> memory(size(sz), true, insn.addrSize, 6, -1, 0);
                case 'Y' -> stringDestination(size(sz));
                case 'V' -> RegisterNames.xmm(regRegister());
                case 'U' -> insn.mod == 3 ? RegisterNames.xmm(rmRegister()) : wholeBad();
                case 'W' -> insn.mod == 3 ? RegisterNames.xmm(rmRegister()) : memory(size(sz));
                case 'P' -> RegisterNames.mmx(insn.reg);
                case 'N' -> insn.mod == 3 ? RegisterNames.mmx(insn.rm) : insn.opcode == 0x1F7 ? bad() : wholeBad();
                case 'Q' -> insn.mod == 3 ? RegisterNames.mmx(insn.rm) : memory(size(sz));
                case 'F' -> RegisterNames.fpu(insn.rm);
                default -> code; // a literal register: es, fs, st, ax ...
            };
        };
    }

    /** A register holding an address (UMONITOR): its width is the address size. */
    private int addressSizeRegister() {
        usedAddressSize = true;
        return insn.addrSize;
    }

    private static String boundsRegister(int number) {
        return number < 4 ? "bnd" + number : "(bad)";
    }

    /** MPX r/m: memory without a size keyword, else a bounds register (Kq) or a general one (Kn). */
    private String boundsOperand(char sz) {
        if (insn.mod != 3) return insn.addrSize == 2 ? overrideSegmentText() + "(bad)" : memory(0);
        return sz == 'q' ? boundsRegister(insn.rm) : gpr(rmRegister(), size(sz));
    }

    /** MPX (0F 1A/1B) needs 32/64-bit addressing: objdump shows a 16-bit address as "(bad)". */
    private boolean isBoundsInstruction() {
        return insn.opcode == 0x11A || insn.opcode == 0x11B;
    }

    private String overrideSegmentText() {
        String s = overrideSegment();
        return s == null ? "" : s + ":";
    }

    private int lockedCr() {
        usedLock = true;
        return 8;
    }

    private int regRegister() {
        useRex(4);
        return insn.reg;
    }

    /** 50+r, B8+r, 0F C8+r ...: the decoder fills {@code rm} for some of these only, so read the opcode. */
    private int opcodeRegister() {
        useRex(1);
        return (insn.opcode & 7) | ((prefixes.rexByte() & 1) << 3);
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

    private static String bad() {
        return "(bad)";
    }

    private String wholeBad() {
        badOperand = true;
        return "(bad)";
    }

    private String memoryOnly(int size) {
        return insn.mod == 3 ? bad() : memory(size);
    }

    private String memory(int size) {
        if (hasSib) useRex(2);
        useRex(1); // objdump counts REX.B as used by any ModRM memory operand
        if (insn.mode == 64 && isBoundsInstruction()) { // MPX ignores 67 in 64-bit mode
            return memory(size, false, 8, insn.base, insn.index, insn.disp);
        }
        return memory(size, false, insn.addrSize, insn.base, insn.index, insn.disp);
    }

    /** Formats {@code [base+index*scale+disp]} with the size keyword and segment override. */
    private String memory(int size, boolean stringSource, int addrSize, int base, int index, long disp) {
        // objdump keeps naming addr32 before a bare absolute address in 16- and 64-bit code
        boolean zeroIndex = !stringSource && showsZeroIndex(base, addrSize) && insn.mode != 16;
        usedAddressSize |= (base >= 0 || index >= 0 || zeroIndex || insn.ripRelative || stringSource
                || insn.mode == 32) && addrSize == insn.addrSize;
        StringBuilder sb = new StringBuilder(40);
        if (size > 0) sb.append(sizeKeyword(size)).append(" PTR ");
        String segment = overrideSegment();
        if (stringSource && segment == null) {
            segment = "ds"; // objdump: the default DS shows, and consumes an ignored override
            usedSegment = true;
        }
        boolean absolute = base < 0 && index < 0 && !insn.ripRelative && !showsZeroIndex(base, addrSize);
        if (absolute) {
            return sb.append(segment == null ? "ds" : segment).append(':').append(hex(disp & mask(addrSize))).toString();
        }
        if (segment != null) sb.append(segment).append(':');
        sb.append('[');
        if (insn.ripRelative && !stringSource) {
            sb.append(addrSize == 8 ? "rip" : "eip");
            hasRipTarget = true;
            ripTarget = address + insn.length + disp;
        } else if (base >= 0) {
            sb.append(RegisterNames.gpr(base, addrSize, true));
        }
        if (index >= 0) {
            if (base >= 0) sb.append('+');
            sb.append(RegisterNames.gpr(index, addrSize, true));
            if (addrSize != 2) sb.append('*').append(1 << insn.scale);
        } else if (!stringSource && showsZeroIndex(base, addrSize)) {
            if (base >= 0) sb.append('+');
            sb.append(addrSize == 8 ? "riz" : "eiz").append('*').append(1 << insn.scale);
        }
        boolean hasDisp = stringSource ? false : insn.mod != 0 || insn.ripRelative || base < 0;
        if (insn.ripRelative && !stringSource) {
            sb.append('+').append(hex(disp)); // objdump shows the 64-bit two's complement
        } else if (hasDisp && base < 0 && index < 0 && insn.mode == 64 && addrSize == 4) {
            sb.append('+').append(hex(disp & mask(4))); // objdump: an unsigned 32-bit address
        } else if (hasDisp) {
            if (disp < 0) sb.append('-').append(hex(-disp));
            else sb.append('+').append(hex(disp));
        }
        return sb.append(']').toString();
    }

    /**
     * A SIB byte whose index field says "none" still shows as {@code eiz}/{@code riz} in objdump,
     * unless it is the plain {@code [esp]}/{@code [r12]} form or a bare absolute address.
     */
    private boolean showsZeroIndex(int base, int addrSize) {
        if (!hasSib) return false;
        if (insn.scale != 0) return true;
        if (base >= 0) return (base & 7) != 4;
        return addrSize == 4;
    }

    private String stringDestination(int size) {
        usedAddressSize = true;
        return sizeKeyword(size) + " PTR es:[" + RegisterNames.gpr(7, insn.addrSize, false) + "]";
    }

    private String moffs(int size) {
        String segment = overrideSegment();
        return (segment == null ? "ds" : segment) + ":" + hex(insn.disp & mask(insn.addrSize));
    }

    /** The segment override this memory operand shows, or null (64-bit mode honours only FS and GS). */
    private String overrideSegment() {
        int prefix = prefixes.activeSegmentByte(insn.mode);
        if (prefix == 0) return null;
        usedSegment = true;
        return RegisterNames.segment(PrefixBytes.segmentNumber(prefix));
    }

    /**
     * A relative branch's target, wrapped to the operand size (16-bit IP, 32-bit EIP or RIP). Like
     * objdump, a 16-bit target keeps the bits above 16 of the address (a listing past 64 KiB).
     */
    private long branchTarget(int size) {
        long next = address + insn.length;
        long target = next + insn.imm;
        if (size == 2) return insn.mode == 16 ? (target & 0xFFFF) | (next & ~0xFFFFL) : target & 0xFFFF;
        return insn.mode == 64 ? target : target & mask(4);
    }

    static String sizeKeyword(int size) {
        return switch (size) {
            case 1 -> "BYTE";
            case 2 -> "WORD";
            case 4 -> "DWORD";
            case 6 -> "FWORD";
            case 8 -> "QWORD";
            case 10 -> "TBYTE";
            case OWORD -> "OWORD";
            default -> "XMMWORD";
        };
    }

    /** Size code of CMPXCHG16B's operand, which objdump calls OWORD rather than XMMWORD. */
    private static final int OWORD = 0x110;

    static long mask(int size) {
        return size >= 8 ? -1L : (1L << (size * 8)) - 1;
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
