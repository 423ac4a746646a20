package dev.jvmm.cpu.decode;

/**
 * One decoded instruction: what the interpreter executes, the translator compiles and the
 * disassembler prints. A mutable record, reused by the decoder so the hot path allocates nothing;
 * call {@link #copy()} to keep one.
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>{@link #opcode}: {@code 0x000-0x0FF} the one-byte map, {@code 0x100-0x1FF} the 0F map,
 *       {@code 0x200-0x2FF} 0F 38, {@code 0x300-0x3FF} 0F 3A. Group opcodes (80, F6, FF, 0F 01 ...)
 *       are told apart by {@link #reg}. {@link OpcodeTable#mnemonic} names them.</li>
 *   <li>{@link #opSize} 1, 2, 4 or 8 bytes: 1 for the byte forms (opcode bit 0 clear in most
 *       families), otherwise from the mode, 66 and REX.W; a 66 that is the selected form's
 *       mandatory prefix does not change it. {@link #addrSize} 2, 4 or 8.</li>
 *   <li>{@link #reg} is ModRM.reg extended by REX.R (0-15); {@link #rm} is ModRM.rm extended by
 *       REX.B. For opcodes with the register in the low three bits (50+r, B8+r ...), {@link #rm}
 *       holds that register (extended by REX.B).</li>
 *   <li>Memory operand ({@link #mod} != 3): offset = base + (index << scale) + disp, with -1 for no
 *       base/index; RIP-relative adds the address of the next instruction. {@link #memSeg} is the
 *       segment the operand uses (override or default: SS for BP/SP-based forms, else DS).</li>
 *   <li>Immediates: byte-sized and 16/32-bit "z" immediates, and relative displacements, are
 *       sign-extended to 64 bits; 16-bit "w" immediates (RET n, ENTER, far selectors) are
 *       zero-extended. {@link #imm2} holds ENTER's level byte or a far pointer's selector.</li>
 * </ul>
 */
public final class Insn {
    /** Segment register numbers (encoding order) and "none". */
    public static final int ES = 0, CS = 1, SS = 2, DS = 3, FS = 4, GS = 5, SEG_NONE = -1;

    public int opcode;
    /** Attribute bits from {@link OpcodeTable}. */
    public int attrs;
    /** The opcode-table row this instruction decoded as, or null where the opcode has no matching row. */
    public Form form;
    /**
     * The mandatory-prefix column the prefixes select ({@link Form#NP}, {@link Form#P66},
     * {@link Form#PF3}, {@link Form#PF2}): the last of F3/F2, else 66, else none.
     */
    public int prefixColumn;
    public int length;
    /** 16, 32 or 64: the code size the instruction was decoded in. */
    public int mode;
    public int opSize;
    public int addrSize;
    /** The segment override prefix, or {@link #SEG_NONE}. */
    public int segOverride;
    /** Segment of the ModRM memory operand (override or default). */
    public int memSeg;
    /** 0, 0xF2 (REPNE) or 0xF3 (REP/REPE): the last of F2/F3 seen. */
    public int rep;
    public boolean lock;
    /** An operand-size (66) prefix was present (selects SSE forms; kept for the disassembler). */
    public boolean opsizePrefix;
    /** The REX byte (0x40-0x4F), or 0 without one. */
    public int rex;
    public boolean hasModrm;
    public int mod, reg, rm;
    public int base, index, scale;
    public long disp;
    public boolean ripRelative;
    public long imm;
    public int imm2;

    public boolean isMemory() {
        return hasModrm && mod != 3;
    }

    public Insn copy() {
        Insn c = new Insn();
        c.opcode = opcode; c.attrs = attrs; c.form = form; c.prefixColumn = prefixColumn; c.length = length; c.mode = mode; c.opSize = opSize;
        c.addrSize = addrSize; c.segOverride = segOverride; c.memSeg = memSeg; c.rep = rep; c.lock = lock;
        c.opsizePrefix = opsizePrefix; c.rex = rex; c.hasModrm = hasModrm; c.mod = mod; c.reg = reg; c.rm = rm;
        c.base = base; c.index = index; c.scale = scale; c.disp = disp; c.ripRelative = ripRelative;
        c.imm = imm; c.imm2 = imm2;
        return c;
    }

    @Override
    public String toString() {
        return String.format("%s op=%x len=%d os=%d as=%d%s", OpcodeTable.mnemonic(this), opcode, length, opSize,
                addrSize, hasModrm ? String.format(" modrm=%d/%d/%d", mod, reg, rm) : "");
    }
}
