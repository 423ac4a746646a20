package dev.jvmm.cpu.decode;

/**
 * Per-opcode attributes for the one-byte and 0F maps (Intel SDM vol. 2 appendix A): whether a
 * ModRM byte follows, the immediate's kind, byte operand size, 64-bit mode operand-size rules and
 * validity, and the opcode forms ({@link Form} rows, see the package documentation) the row sets
 * write. The decoder is driven by these; mnemonics are here for traces.
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
        // ---- one-byte map ----
        for (int alu = 0; alu < 8; alu++) {
            int o = alu << 3;
            set(o, M | B); set(o + 1, M); set(o + 2, M | B); set(o + 3, M); set(o + 4, B | IB); set(o + 5, IZ);
        }
        set(0x06, I64); set(0x07, I64); set(0x0E, I64); set(0x0F, 0);
        set(0x16, I64); set(0x17, I64); set(0x1E, I64); set(0x1F, I64);
        set(0x26, PREFIX); set(0x27, I64); set(0x2E, PREFIX); set(0x2F, I64);
        set(0x36, PREFIX); set(0x37, I64); set(0x3E, PREFIX); set(0x3F, I64);
        range(0x40, 0x4F, 0);
        range(0x50, 0x5F, D64);
        set(0x60, I64); set(0x61, I64); set(0x62, M | I64); set(0x63, M);
        set(0x64, PREFIX); set(0x65, PREFIX); set(0x66, PREFIX); set(0x67, PREFIX);
        set(0x68, IZ | D64); set(0x69, M | IZ); set(0x6A, IB | D64); set(0x6B, M | IB);
        set(0x6C, B); set(0x6D, 0); set(0x6E, B); set(0x6F, 0);
        range(0x70, 0x7F, IB | F64);
        set(0x80, M | B | IB); set(0x81, M | IZ); set(0x82, M | B | IB | I64); set(0x83, M | IB);
        set(0x84, M | B); set(0x85, M); set(0x86, M | B); set(0x87, M);
        set(0x88, M | B); set(0x89, M); set(0x8A, M | B); set(0x8B, M);
        set(0x8C, M); set(0x8D, M); set(0x8E, M); set(0x8F, M | D64);
        range(0x90, 0x99, 0);
        set(0x9A, IFAR | I64); set(0x9B, 0); set(0x9C, D64); set(0x9D, D64); set(0x9E, 0); set(0x9F, 0);
        set(0xA0, B | IMOFFS); set(0xA1, IMOFFS); set(0xA2, B | IMOFFS); set(0xA3, IMOFFS);
        set(0xA4, B); set(0xA5, 0); set(0xA6, B); set(0xA7, 0); set(0xA8, B | IB); set(0xA9, IZ);
        set(0xAA, B); set(0xAB, 0); set(0xAC, B); set(0xAD, 0); set(0xAE, B); set(0xAF, 0);
        range(0xB0, 0xB7, B | IB); range(0xB8, 0xBF, IV);
        set(0xC0, M | B | IB); set(0xC1, M | IB); set(0xC2, IW | F64); set(0xC3, F64);
        set(0xC4, M | I64); set(0xC5, M | I64); set(0xC6, M | B | IB); set(0xC7, M | IZ);
        set(0xC8, IENTER | D64); set(0xC9, D64); set(0xCA, IW); set(0xCB, 0);
        set(0xCC, 0); set(0xCD, IB); set(0xCE, I64); set(0xCF, 0);
        set(0xD0, M | B); set(0xD1, M); set(0xD2, M | B); set(0xD3, M);
        set(0xD4, IB | I64); set(0xD5, IB | I64); set(0xD6, I64); set(0xD7, B);
        range(0xD8, 0xDF, M);
        range(0xE0, 0xE3, IB | F64); set(0xE4, B | IB); set(0xE5, IB); set(0xE6, B | IB); set(0xE7, IB);
        set(0xE8, IZ | F64); set(0xE9, IZ | F64); set(0xEA, IFAR | I64); set(0xEB, IB | F64);
        set(0xEC, B); set(0xED, 0); set(0xEE, B); set(0xEF, 0);
        set(0xF0, PREFIX); set(0xF1, 0); set(0xF2, PREFIX); set(0xF3, PREFIX); set(0xF4, 0); set(0xF5, 0);
        set(0xF6, M | B); set(0xF7, M); range(0xF8, 0xFD, 0); set(0xFE, M | B); set(0xFF, M);

        // ---- 0F map ----
        range(0x100, 0x1FF, INVALID);
        range(0x100, 0x103, M); set(0x105, 0); set(0x106, 0); set(0x107, 0); set(0x108, 0); set(0x109, 0);
        set(0x10B, 0); set(0x10D, M);
        range(0x110, 0x117, M); range(0x118, 0x11F, M);
        range(0x120, 0x123, M | REG_ONLY);
        set(0x124, M | REG_ONLY | INVALID); set(0x126, M | REG_ONLY | INVALID); // 386/486 test registers
        set(0x10F, M | IB | INVALID); // 3DNow!: ModRM, then the real opcode as a suffix byte
        set(0x178, M | INVALID); set(0x179, M | INVALID); // VMREAD/VMWRITE (no VMX here)
        range(0x128, 0x12F, M);
        range(0x130, 0x135, 0);
        set(0x138, M); set(0x13A, M | IB); // three-byte escapes; the decoder reads the third byte
        range(0x140, 0x14F, M);
        range(0x150, 0x16F, M); range(0x170, 0x173, M | IB); range(0x174, 0x176, M); set(0x177, 0);
        range(0x17C, 0x17F, M);
        range(0x180, 0x18F, IZ | F64);
        range(0x190, 0x19F, M | B);
        set(0x1A0, D64); set(0x1A1, D64); set(0x1A2, 0); set(0x1A3, M); set(0x1A4, M | IB); set(0x1A5, M);
        set(0x1A8, D64); set(0x1A9, D64); set(0x1AB, M); set(0x1AC, M | IB); set(0x1AD, M); set(0x1AE, M);
        set(0x1AF, M);
        set(0x1B0, M | B); range(0x1B1, 0x1B7, M); range(0x1B8, 0x1B9, M); set(0x1BA, M | IB); range(0x1BB, 0x1BF, M);
        set(0x1C0, M | B); set(0x1C1, M); set(0x1C2, M | IB); set(0x1C3, M); range(0x1C4, 0x1C6, M | IB);
        set(0x1C7, M); range(0x1C8, 0x1CF, 0);
        range(0x1D0, 0x1FF, M);
    }

    private OpcodeTable() {}

    /**
     * The forms of each opcode, from the row sets. A new row set is a class with a static
     * {@code add(Rows)} method, called here.
     */
    private static final Form[][] FORMS;

    static {
        Rows rows = new Rows();
        OneByteRows.add(rows);
        TwoByteRows.add(rows);
        SimdRows.add(rows);
        FORMS = rows.build();
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

    private static final String[] ALU = {"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"};
    private static final String[] SHIFT = {"rol", "ror", "rcl", "rcr", "shl", "shr", "sal", "sar"};
    private static final String[] CC = {"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge",
            "le", "g"};
    private static final String[] GRP3 = {"test", "test", "not", "neg", "mul", "imul", "div", "idiv"};
    private static final String[] GRP5 = {"inc", "dec", "call", "callf", "jmp", "jmpf", "push", "(bad)"};
    private static final String[] GRP6 = {"sldt", "str", "lldt", "ltr", "verr", "verw", "(bad)", "(bad)"};
    private static final String[] GRP7 = {"sgdt", "sidt", "lgdt", "lidt", "smsw", "(bad)", "lmsw", "invlpg"};
    private static final String[] GRP8 = {"(bad)", "(bad)", "(bad)", "(bad)", "bt", "bts", "btr", "btc"};
    private static final String[] ONE = new String[256];

    static {
        String spec = "06 push es|07 pop es|0E push cs|16 push ss|17 pop ss|1E push ds|1F pop ds|27 daa|2F das|37 aaa|"
                + "3F aas|60 pusha|61 popa|62 bound|63 arpl|68 push|69 imul|6A push|6B imul|6C insb|6D ins|6E outsb|"
                + "6F outs|84 test|85 test|86 xchg|87 xchg|88 mov|89 mov|8A mov|8B mov|8C mov|8D lea|8E mov|8F pop|"
                + "90 nop|98 cbw|99 cwd|9A callf|9B wait|9C pushf|9D popf|9E sahf|9F lahf|A0 mov|A1 mov|A2 mov|A3 mov|"
                + "A4 movsb|A5 movs|A6 cmpsb|A7 cmps|A8 test|A9 test|AA stosb|AB stos|AC lodsb|AD lods|AE scasb|"
                + "AF scas|C2 ret|C3 ret|C4 les|C5 lds|C6 mov|C7 mov|C8 enter|C9 leave|CA retf|CB retf|CC int3|"
                + "CD int|CE into|CF iret|D4 aam|D5 aad|D6 salc|D7 xlat|E0 loopne|E1 loope|E2 loop|E3 jcxz|E4 in|"
                + "E5 in|E6 out|E7 out|E8 call|E9 jmp|EA jmpf|EB jmp|EC in|ED in|EE out|EF out|F1 int1|F4 hlt|"
                + "F5 cmc|F8 clc|F9 stc|FA cli|FB sti|FC cld|FD std";
        for (String e : spec.split("\\|")) ONE[Integer.parseInt(e.substring(0, 2), 16)] = e.substring(3);
    }

    private static final String[] TWO = new String[256];

    static {
        String spec = "02 lar|03 lsl|05 syscall|06 clts|07 sysret|08 invd|09 wbinvd|0B ud2|0D prefetch|1F nop|"
                + "20 mov|21 mov|22 mov|23 mov|30 wrmsr|31 rdtsc|32 rdmsr|33 rdpmc|34 sysenter|35 sysexit|A0 push fs|"
                + "A1 pop fs|A2 cpuid|A3 bt|A4 shld|A5 shld|A8 push gs|A9 pop gs|AB bts|AC shrd|AD shrd|AF imul|"
                + "B0 cmpxchg|B1 cmpxchg|B2 lss|B3 btr|B4 lfs|B5 lgs|B6 movzx|B7 movzx|BB btc|BC bsf|BD bsr|"
                + "BE movsx|BF movsx|C0 xadd|C1 xadd|C7 cmpxchg8b";
        for (String e : spec.split("\\|")) TWO[Integer.parseInt(e.substring(0, 2), 16)] = e.substring(3);
    }

    /** The Intel mnemonic of a decoded instruction ("(bad)" for undefined encodings). */
    public static String mnemonic(Insn i) {
        int op = i.opcode;
        if (op < 0x100) {
            if (op < 0x40 && (op & 7) < 6) return ALU[op >> 3];
            if (op < 0x48 && op >= 0x40) return "inc";
            if (op < 0x50 && op >= 0x48) return "dec";
            if (op >= 0x50 && op < 0x58) return "push";
            if (op >= 0x58 && op < 0x60) return "pop";
            if (op >= 0x70 && op < 0x80) return "j" + CC[op & 15];
            if (op >= 0x80 && op < 0x84) return ALU[i.reg & 7];
            if (op > 0x90 && op < 0x98) return "xchg";
            if (op >= 0xB0 && op < 0xC0) return "mov";
            if (op == 0xC0 || op == 0xC1 || (op >= 0xD0 && op <= 0xD3)) return SHIFT[i.reg & 7];
            if (op == 0xF6 || op == 0xF7) return GRP3[i.reg & 7];
            if (op == 0xFE || op == 0xFF) return (op == 0xFE && (i.reg & 7) > 1) ? "(bad)" : GRP5[i.reg & 7];
            if (op >= 0xD8 && op <= 0xDF) return "esc";
            if (op == 0x63 && i.mode == 64) return "movsxd";
            return ONE[op] != null ? ONE[op] : "(bad)";
        }
        if (op < 0x200) {
            int o = op & 0xFF;
            if (o == 0x00) return GRP6[i.reg & 7];
            if (o == 0x01) return i.mod == 3 ? "grp7" : GRP7[i.reg & 7];
            if (o >= 0x40 && o < 0x50) return "cmov" + CC[o & 15];
            if (o >= 0x80 && o < 0x90) return "j" + CC[o & 15];
            if (o >= 0x90 && o < 0xA0) return "set" + CC[o & 15];
            if (o == 0xBA) return GRP8[i.reg & 7];
            if (o >= 0xC8 && o <= 0xCF) return "bswap";
            return TWO[o] != null ? TWO[o] : "(sse/unknown)";
        }
        return "(sse/unknown)";
    }
}
