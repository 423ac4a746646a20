package dev.jvmm.cpu.decode;

import static dev.jvmm.cpu.decode.OpcodeTable.*;

import dev.jvmm.cpu.CpuException;

/**
 * The x86 instruction decoder for 16-, 32- and 64-bit code (Intel SDM vol. 2 chapter 2): legacy
 * prefixes, REX, one-byte / 0F / 0F38 / 0F3A maps, ModRM + SIB with every addressing form
 * (16-bit BX/BP/SI/DI forms, RIP-relative), displacements and immediates.
 *
 * <p>Usage: {@code decoder.decode(fetcher, rip, 32, insn)} fills {@code insn} (no allocation). An
 * instruction longer than 15 bytes raises #GP(0) (SDM vol. 2 §2.3.11); fetch faults propagate from
 * the {@link CodeFetcher}. Undefined encodings (no opcode row selects them, or the per-opcode
 * attributes say so) decode without error and are marked {@link OpcodeTable#INVALID}: raising #UD
 * is the executor's business, so a disassembler can still print them.
 */
public final class Decoder {
    public static final int MAX_LENGTH = 15;

    private final CpuException fault = new CpuException();
    private CodeFetcher fetcher;
    private long ip;
    private int count;

    private int next() {
        if (count == MAX_LENGTH) throw fault.raise(CpuException.GP, 0);
        int b = fetcher.fetch(ip + count) & 0xFF;
        count++;
        return b;
    }

    private long nextSigned(int size) {
        return switch (size) {
            case 1 -> (byte) next();
            case 2 -> (short) (next() | next() << 8);
            case 4 -> next() | next() << 8 | next() << 16 | next() << 24;
            default -> (next() | next() << 8 | next() << 16 | (long) next() << 24) & 0xFFFF_FFFFL
                    | (long) (next() | next() << 8 | next() << 16 | next() << 24) << 32;
        };
    }

    /** Decodes the instruction at {@code CS:ip} in a {@code mode}-bit (16, 32, 64) code segment. */
    public Insn decode(CodeFetcher fetcher, long ip, int mode, Insn insn) {
        this.fetcher = fetcher;
        this.ip = ip;
        this.count = 0;
        insn.mode = mode;
        insn.segOverride = Insn.SEG_NONE;
        insn.rep = 0;
        insn.lock = false;
        insn.opsizePrefix = false;
        insn.rex = 0;
        insn.hasModrm = false;
        insn.mod = 3;
        insn.reg = insn.rm = 0;
        insn.base = insn.index = -1;
        insn.scale = 0;
        insn.disp = 0;
        insn.ripRelative = false;
        insn.imm = 0;
        insn.imm2 = 0;
        boolean addrPrefix = false;
        int b;
        // Prefixes: any order, any number (bounded by the 15-byte limit).
        while (true) {
            b = next();
            switch (b) {
                case 0x26, 0x2E, 0x36, 0x3E -> insn.segOverride = (b >> 3) & 3;
                case 0x64 -> insn.segOverride = Insn.FS;
                case 0x65 -> insn.segOverride = Insn.GS;
                case 0x66 -> insn.opsizePrefix = true;
                case 0x67 -> addrPrefix = true;
                case 0xF0 -> insn.lock = true;
                case 0xF2, 0xF3 -> insn.rep = b;
                default -> {
                    if (mode == 64 && (b & 0xF0) == 0x40) {
                        insn.rex = b; // REX must come last: a later legacy prefix cancels it
                        b = next();
                        if ((b & 0xF0) == 0x40 || (ATTRS[b] & PREFIX) != 0) {
                            insn.rex = 0;
                            count--; // re-read it as a prefix
                            continue;
                        }
                    }
                    return finish(insn, b, addrPrefix);
                }
            }
            if (mode == 64 && insn.segOverride < Insn.FS && insn.segOverride >= 0) {
                insn.segOverride = Insn.SEG_NONE; // ES/CS/SS/DS overrides are ignored in 64-bit mode
            }
        }
    }

    private Insn finish(Insn insn, int b, boolean addrPrefix) {
        int mode = insn.mode;
        int opcode = b;
        if (b == 0x0F) {
            int b2 = next();
            opcode = 0x100 | b2;
            if (b2 == 0x38) opcode = 0x200 | next();
            else if (b2 == 0x3A) opcode = 0x300 | next();
        }
        int attrs = OpcodeTable.attrs(opcode);
        insn.opcode = opcode;
        int column = insn.rep == 0xF3 ? Form.PF3 : insn.rep == 0xF2 ? Form.PF2 : insn.opsizePrefix ? Form.P66 : Form.NP;
        insn.prefixColumn = column;
        int opSize = operandSize(insn, attrs, insn.opsizePrefix);
        insn.opSize = opSize;
        int addrSize = mode == 64 ? (addrPrefix ? 4 : 8) : (mode == 32) ^ addrPrefix ? 4 : 2;
        insn.addrSize = addrSize;
        if (mode == 64 && (attrs & I64) != 0) attrs |= INVALID;
        Form form;
        if ((attrs & MODRM) != 0) {
            decodeModrm(insn, attrs);
            form = OpcodeTable.select(opcode, column, insn.reg, insn.mod, insn.rm, mode);
            int r = insn.reg & 7;
            if (opcode == 0xFF && mode == 64) { // near CALL/JMP/PUSH r/m: 64-bit operands
                if (r == 2 || r == 4) insn.opSize = 8;
                else if (r == 6 && !insn.opsizePrefix) insn.opSize = 8;
            }
            if (opcode == 0x63 && mode != 64) insn.opSize = 2; // ARPL
            if ((opcode & 0x1FC) == 0x120) insn.opSize = mode == 64 ? 8 : 4; // MOV CRn/DRn
        } else {
            form = OpcodeTable.select(opcode, column, 0, 3, 0, mode);
            if ((opcode & 0xF8) == 0x50 || (opcode & 0xF8) == 0x58 || (opcode & 0xF8) == 0x90
                    || (opcode & 0xF0) == 0xB0 || (opcode & 0x1F8) == 0x1C8) {
                insn.rm = (opcode & 7) | ((insn.rex & 1) << 3); // register in the (last) opcode byte
            }
        }
        insn.form = form;
        if (form != null) attrs = attrs & ~IMM_MASK | form.immediate << IMM_SHIFT; // TEST r/m, imm in F6/F7
        else if (OpcodeTable.complete(opcode)) attrs |= INVALID; // FF /7, C6 /1, 0F BA /0 ...
        if (form != null && form.prefix == Form.P66 && insn.opsizePrefix) {
            opSize = operandSize(insn, attrs, false); // a mandatory 66 is not an operand-size prefix
            insn.opSize = opSize;
        }
        switch ((attrs & IMM_MASK) >> IMM_SHIFT) {
            case IMM_B -> insn.imm = nextSigned(1);
            case IMM_W -> insn.imm = nextSigned(2) & 0xFFFF;
            case IMM_Z -> insn.imm = nextSigned(opSize == 2 ? 2 : 4);
            case IMM_V -> insn.imm = nextSigned(opSize);
            case IMM_ENTER -> {
                insn.imm = nextSigned(2) & 0xFFFF;
                insn.imm2 = next();
            }
            case IMM_FAR -> {
                insn.imm = nextSigned(opSize == 2 ? 2 : 4) & (opSize == 2 ? 0xFFFFL : 0xFFFF_FFFFL);
                insn.imm2 = (int) nextSigned(2) & 0xFFFF;
            }
            case IMM_MOFFS -> {
                insn.disp = nextSigned(addrSize);
                insn.memSeg = insn.segOverride >= 0 ? insn.segOverride : Insn.DS;
            }
            default -> {}
        }
        insn.attrs = attrs;
        insn.length = count;
        return insn;
    }

    /** Operand size (SDM vol. 1 §3.6, vol. 2 §2.2.1.2), with or without a 66 prefix. */
    private static int operandSize(Insn insn, int attrs, boolean opsize66) {
        int mode = insn.mode;
        int opSize;
        if ((attrs & BYTE) != 0) opSize = 1;
        else if (mode == 64) {
            if ((attrs & F64) != 0 || (insn.rex & 8) != 0) opSize = 8;
            else if (opsize66) opSize = 2;
            else opSize = (attrs & D64) != 0 ? 8 : 4;
        } else opSize = (mode == 32) ^ opsize66 ? 4 : 2;
        int op = insn.opcode;
        if (opSize == 8 && op < 0x100 && ((op & 0xFC) == 0x6C || (op & 0xF4) == 0xE4)) {
            opSize = 4; // port I/O is at most 32 bits wide: REX.W is ignored
        }
        return opSize;
    }

    private static final int[] BASE16 = {3, 3, 5, 5, 6, 7, 5, 3};   // BX BX BP BP SI DI BP BX
    private static final int[] INDEX16 = {6, 7, 6, 7, -1, -1, -1, -1}; // SI DI SI DI

    private void decodeModrm(Insn insn, int attrs) {
        int m = next();
        insn.hasModrm = true;
        int mod = m >> 6;
        int rex = insn.rex;
        insn.reg = ((m >> 3) & 7) | ((rex & 4) << 1);
        insn.rm = (m & 7) | ((rex & 1) << 3);
        if ((attrs & REG_ONLY) != 0) mod = 3;
        insn.mod = mod;
        if (mod == 3) return;
        int seg = Insn.DS;
        if (insn.addrSize == 2) {
            int rm = m & 7;
            if (mod == 0 && rm == 6) {
                insn.disp = nextSigned(2);
            } else {
                insn.base = BASE16[rm];
                insn.index = INDEX16[rm];
                if (insn.base == 5) seg = Insn.SS;
                if (mod == 1) insn.disp = nextSigned(1);
                else if (mod == 2) insn.disp = nextSigned(2);
            }
        } else {
            int rm = m & 7;
            if (rm == 4) {
                int sib = next();
                insn.scale = sib >> 6;
                int idx = ((sib >> 3) & 7) | ((rex & 2) << 2);
                insn.index = idx == 4 ? -1 : idx;
                int base = (sib & 7) | ((rex & 1) << 3);
                if ((sib & 7) == 5 && mod == 0) {
                    insn.disp = nextSigned(4);
                } else {
                    insn.base = base;
                    if ((base & 7) == 4 || (base & 7) == 5) seg = (base == 4 || base == 5) ? Insn.SS : Insn.DS;
                }
            } else if (rm == 5 && mod == 0) {
                insn.disp = nextSigned(4);
                insn.ripRelative = insn.mode == 64;
            } else {
                insn.base = insn.rm;
                if (insn.rm == 4 || insn.rm == 5) seg = Insn.SS;
            }
            if (mod == 1) insn.disp = nextSigned(1);
            else if (mod == 2) insn.disp = nextSigned(4);
        }
        insn.memSeg = insn.segOverride >= 0 ? insn.segOverride : seg;
    }
}
