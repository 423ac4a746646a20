package dev.jvmm.cpu.decode;

import dev.jvmm.cpu.interp.Sse41Float;
import dev.jvmm.cpu.interp.Sse41Integer;
import dev.jvmm.cpu.interp.Sse41Lanes;
import dev.jvmm.cpu.interp.Sse42;
import dev.jvmm.cpu.interp.SseReciprocal;
import dev.jvmm.cpu.interp.Ssse3;
import dev.jvmm.cpu.interp.Xsave;

/**
 * The opcode table: the opcode forms ({@link Form} rows, see the package documentation) the row
 * sets write, which give each form's ModRM byte, immediate, validity, feature, LOCK rule and
 * translator treatment; and per-opcode attributes (Intel SDM vol. 2 appendix A) for what rows do
 * not say yet: byte operand size, the 64-bit mode operand-size rules, and ModRM/immediate/validity
 * of the opcodes without rows (x87, most of the MMX/SSE space). The decoder is driven by both.
 */
public final class OpcodeTable {
    /** A ModRM byte follows the opcode. */
    public static final int MODRM = 1;
    /** Byte operand (opSize 1). */
    public static final int BYTE = 1 << 1;
    /** 64-bit mode: operand size defaults to 64 (66 selects 16). */
    public static final int D64 = 1 << 2;
    /** 64-bit mode: operand size is always 64 (near branches; Intel ignores 66 here). */
    public static final int F64 = 1 << 3;
    /** Invalid (#UD) in 64-bit mode. */
    public static final int I64 = 1 << 4;
    /** Not a defined instruction: #UD. */
    public static final int INVALID = 1 << 5;
    /** ModRM always names registers, whatever mod says (MOV CRn/DRn). */
    public static final int REG_ONLY = 1 << 6;
    /** A prefix byte (handled by the decoder itself). */
    public static final int PREFIX = 1 << 7;
    /** Immediate kind, bits 8-11. */
    public static final int IMM_SHIFT = 8, IMM_MASK = 0xF << IMM_SHIFT;
    public static final int IMM_NONE = 0, IMM_B = 1, IMM_W = 2, IMM_Z = 3, IMM_V = 4, IMM_ENTER = 5, IMM_FAR = 6,
            IMM_MOFFS = 7;

    private static final int IB = IMM_B << IMM_SHIFT, IW = IMM_W << IMM_SHIFT, IZ = IMM_Z << IMM_SHIFT,
            IV = IMM_V << IMM_SHIFT, IENTER = IMM_ENTER << IMM_SHIFT, IFAR = IMM_FAR << IMM_SHIFT,
            IMOFFS = IMM_MOFFS << IMM_SHIFT;
    private static final int M = MODRM, B = BYTE;

    /** Attributes of {@code 0x000-0x0FF} (one-byte map) and {@code 0x100-0x1FF} (0F map). */
    static final int[] ATTRS = new int[0x200];

    private static void set(int op, int attrs) {
        ATTRS[op] = attrs;
    }

    private static void range(int from, int to, int attrs) {
        for (int op = from; op <= to; op++) ATTRS[op] = attrs;
    }

    static {
        // ---- one-byte map: operand-size and mode rules (ModRM, immediates and validity are in the rows) ----
        for (int alu = 0; alu < 8; alu++) {
            int o = alu << 3;
            set(o, B); set(o + 2, B); set(o + 4, B);
        }
        for (int op : new int[] {0x06, 0x07, 0x0E, 0x16, 0x17, 0x1E, 0x1F, 0x27, 0x2F, 0x37, 0x3F, 0x60, 0x61, 0x62,
                0x9A, 0xC4, 0xC5, 0xCE, 0xD4, 0xD5, 0xD6, 0xEA}) {
            set(op, I64);
        }
        for (int op : new int[] {0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65, 0x66, 0x67, 0xF0, 0xF2, 0xF3}) set(op, PREFIX);
        range(0x50, 0x5F, D64);
        set(0x68, D64); set(0x6A, D64); set(0x8F, D64); set(0x9C, D64); set(0x9D, D64); set(0xC8, D64); set(0xC9, D64);
        range(0x70, 0x7F, F64); range(0xE0, 0xE3, F64);
        set(0xC2, F64); set(0xC3, F64); set(0xE8, F64); set(0xE9, F64); set(0xEB, F64);
        set(0x82, B | I64);
        for (int op : new int[] {0x6C, 0x6E, 0x80, 0x84, 0x86, 0x88, 0x8A, 0xA0, 0xA2, 0xA4, 0xA6, 0xA8, 0xAA, 0xAC,
                0xAE, 0xC0, 0xC6, 0xD0, 0xD2, 0xD7, 0xE4, 0xE6, 0xEC, 0xEE, 0xF6, 0xFE}) {
            set(op, B);
        }
        range(0xB0, 0xB7, B);
        range(0xD8, 0xDF, M); // x87: no rows yet

        // ---- 0F map: what has no row and is not listed here is undefined ----
        range(0x100, 0x1FF, INVALID);
        set(0x100, M); set(0x101, M); set(0x10D, M);
        range(0x110, 0x117, M); range(0x118, 0x11E, M);
        range(0x120, 0x123, REG_ONLY); // MOV CRn/DRn
        set(0x124, M | REG_ONLY | INVALID); set(0x126, M | REG_ONLY | INVALID); // 386/486 test registers
        set(0x10F, M | IB | INVALID); // 3DNow!: ModRM, then the real opcode as a suffix byte
        set(0x178, M | INVALID); set(0x179, M | INVALID); // VMREAD/VMWRITE (no VMX here)
        range(0x128, 0x12F, M);
        set(0x138, M); set(0x13A, M | IB); // three-byte escapes; the decoder reads the third byte
        range(0x150, 0x16F, M); range(0x170, 0x173, M | IB); range(0x174, 0x176, M); set(0x177, 0);
        range(0x17C, 0x17F, M);
        range(0x180, 0x18F, F64);
        range(0x190, 0x19F, B);
        set(0x1A0, D64); set(0x1A1, D64); set(0x1A8, D64); set(0x1A9, D64);
        set(0x1AE, M); set(0x1B0, B); set(0x1B9, M); set(0x1C0, B);
        set(0x1C2, M | IB); set(0x1C3, M); range(0x1C4, 0x1C6, M | IB);
        range(0x1D0, 0x1FF, M);
    }

    private OpcodeTable() {}

    /**
     * The forms of each opcode, from the row sets. A new row set is a class with a static
     * {@code add(Rows)} method, called here.
     */
    private static final Form[][] FORMS;
    /** Opcodes whose rows name every form: an encoding none of them selects is undefined (#UD). */
    private static final boolean[] COMPLETE;

    static {
        Rows rows = new Rows();
        OneByteRows.add(rows);
        TwoByteRows.add(rows);
        SimdRows.add(rows);
        Ssse3.add(rows);
        Sse41Integer.add(rows);
        Sse41Lanes.add(rows);
        Sse41Float.add(rows);
        Sse42.add(rows);
        SseReciprocal.add(rows);
        Xsave.add(rows);
        FORMS = rows.build();
        COMPLETE = rows.complete();
        for (int op = 0; op < 0x200; op++) {
            if (FORMS[op].length > 0) ATTRS[op] = ATTRS[op] & ~(MODRM | IMM_MASK | INVALID) | fromRows(FORMS[op]);
        }
    }

    /**
     * The ModRM bit and, where all of an opcode's rows agree, the immediate kind (so an undefined
     * group member such as C6 /1 still has its length).
     */
    private static int fromRows(Form[] forms) {
        int imm = forms[0].immediate;
        for (Form f : forms) if (f.immediate != imm) imm = IMM_NONE;
        return (forms[0].modrm ? MODRM : 0) | imm << IMM_SHIFT;
    }

    /** True if the rows of {@code opcode} name all its forms, so the decoder marks the rest {@link #INVALID}. */
    static boolean complete(int opcode) {
        return COMPLETE[opcode];
    }

    /** The rows of {@code opcode} (0x000-0x3FF), in table order; empty if it has none. */
    public static Form[] forms(int opcode) {
        return FORMS[opcode].clone();
    }

    /**
     * The form the decoded fields select among the rows of {@code opcode}, or null if none does:
     * the row for the mandatory-prefix {@code column} ({@link Form#NP} ...), else one without a
     * mandatory prefix.
     */
    static Form select(int opcode, int column, int reg, int mod, int rm, int mode) {
        return Rows.select(FORMS[opcode], column, reg, mod, rm, mode);
    }

    public static int attrs(int opcode) {
        return opcode < 0x200 ? ATTRS[opcode] : opcode < 0x300 ? M : M | IB;
    }

    private static final String[] GRP6 = {"sldt", "str", "lldt", "ltr", "verr", "verw", "(bad)", "(bad)"};
    private static final String[] GRP7 = {"sgdt", "sidt", "lgdt", "lidt", "smsw", "(bad)", "lmsw", "invlpg"};

    /** The Intel mnemonic of a decoded instruction, for traces ("(bad)" for undefined encodings). */
    public static String mnemonic(Insn i) {
        if ((i.attrs & INVALID) != 0) return "(bad)";
        if (i.form != null) {
            String m = i.form.mnemonic;
            if (m.indexOf('/') < 0) return m;
            String[] bySize = m.split("/"); // cbw/cwde/cdqe
            return bySize[i.opSize == 2 ? 0 : i.opSize == 4 ? 1 : 2];
        }
        int op = i.opcode;
        if (op >= 0xD8 && op <= 0xDF) return "esc";
        if (op == 0x100) return GRP6[i.reg & 7];
        if (op == 0x101) return i.mod == 3 ? "grp7" : GRP7[i.reg & 7];
        return "(sse/unknown)";
    }
}
