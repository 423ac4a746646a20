package dev.jvmm.cpu.disasm;

/**
 * Mnemonics and operand templates of the 0F opcode map (Intel SDM vol. 2 tables) that
 * have no opcode rows yet (groups 6, 7, 9, 15, the hint NOPs) or that objdump reads through a
 * prefix table, and MMX/SSE, whose meaning depends on a mandatory prefix (none, 66, F3 or F2).
 * The template notation is described in {@link Template}.
 */
final class TwoByteForms {
    /** Index of the mandatory-prefix column: none, 66, F3, F2. */
    static final int NONE = 0, P66 = 1, PF3 = 2, PF2 = 3;
    private static final String[][] FORMS = new String[4][256];
    /** Opcodes whose prefix columns are separate instructions: a prefix without an entry is "(bad)". */
    private static final boolean[] PREFIX_TABLE = new boolean[256];

    static {
        // General-purpose and system opcodes without opcode rows (the rest are in decode.TwoByteRows)
        String general = """
                0D #p Mb|18 #n Mb|19 nop Ev|1C #c Mb|1D nop Ev|1E nop Ev|37 getsec|AA rsm|B9 ud1 Gv,Ev|\
                00 #6|01 #7|AE #f|C7 #9|FF ud0 Gv,Ev""";
        load(NONE, general);
        // SSE: one entry per prefix column
        sse("10", "movups Vx,Wx", "movupd Vx,Wx", "movss Vx,Wd", "movsd Vx,Wq");
        sse("11", "movups Wx,Vx", "movupd Wx,Vx", "movss Wd,Vx", "movsd Wq,Vx");
        sse("12", "#l Vx,Mq", "movlpd Vx,Mq", "movsldup Vx,Wx", "movddup Vx,Wq");
        sse("13", "movlps Mq,Vx", "movlpd Mq,Vx", null, null);
        sse("14", "unpcklps Vx,Wx", "unpcklpd Vx,Wx", null, null);
        sse("15", "unpckhps Vx,Wx", "unpckhpd Vx,Wx", null, null);
        sse("16", "#H Vx,Mq", "movhpd Vx,Mq", "movshdup Vx,Wx", null);
        sse("17", "movhps Mq,Vx", "movhpd Mq,Vx", null, null);
        sse("28", "movaps Vx,Wx", "movapd Vx,Wx", null, null);
        sse("29", "movaps Wx,Vx", "movapd Wx,Vx", null, null);
        sse("2A", "cvtpi2ps Vx,Qq", "cvtpi2pd Vx,Qq", "cvtsi2ss Vx,Ey", "cvtsi2sd Vx,Ey");
        sse("2B", "movntps Mx,Vx", "movntpd Mx,Vx", "movntss Md,Vx", "movntsd Mq,Vx");
        sse("2C", "cvttps2pi Pq,Wq", "cvttpd2pi Pq,Wx", "cvttss2si Gy,Wd", "cvttsd2si Gy,Wq");
        sse("2D", "cvtps2pi Pq,Wq", "cvtpd2pi Pq,Wx", "cvtss2si Gy,Wd", "cvtsd2si Gy,Wq");
        sse("2E", "ucomiss Vx,Wd", "ucomisd Vx,Wq", null, null);
        sse("2F", "comiss Vx,Wd", "comisd Vx,Wq", null, null);
        sse("50", "movmskps Gy,Ux", "movmskpd Gy,Ux", null, null);
        sse("51", "sqrtps Vx,Wx", "sqrtpd Vx,Wx", "sqrtss Vx,Wd", "sqrtsd Vx,Wq");
        sse("52", "rsqrtps Vx,Wx", null, "rsqrtss Vx,Wd", null);
        sse("53", "rcpps Vx,Wx", null, "rcpss Vx,Wd", null);
        String[] arith = {"58 add", "59 mul", "5C sub", "5D min", "5E div", "5F max"};
        for (String a : arith) {
            String m = a.substring(3);
            sse(a.substring(0, 2), m + "ps Vx,Wx", m + "pd Vx,Wx", m + "ss Vx,Wd", m + "sd Vx,Wq");
        }
        String[] logic = {"54 and", "55 andn", "56 or", "57 xor"};
        for (String a : logic) {
            sse(a.substring(0, 2), a.substring(3) + "ps Vx,Wx", a.substring(3) + "pd Vx,Wx", null, null);
        }
        sse("5A", "cvtps2pd Vx,Wq", "cvtpd2ps Vx,Wx", "cvtss2sd Vx,Wd", "cvtsd2ss Vx,Wq");
        sse("5B", "cvtdq2ps Vx,Wx", "cvtps2dq Vx,Wx", "cvttps2dq Vx,Wx", null);
        String[] mmx = {"60 punpcklbw", "61 punpcklwd", "62 punpckldq", "63 packsswb", "64 pcmpgtb", "65 pcmpgtw",
                "66 pcmpgtd", "67 packuswb", "68 punpckhbw", "69 punpckhwd", "6A punpckhdq", "6B packssdw",
                "74 pcmpeqb", "75 pcmpeqw", "76 pcmpeqd", "D1 psrlw", "D2 psrld", "D3 psrlq", "D4 paddq",
                "D5 pmullw", "D8 psubusb", "D9 psubusw", "DA pminub", "DB pand", "DC paddusb", "DD paddusw",
                "DE pmaxub", "DF pandn", "E0 pavgb", "E1 psraw", "E2 psrad", "E3 pavgw", "E4 pmulhuw",
                "E5 pmulhw", "E8 psubsb", "E9 psubsw", "EA pminsw", "EB por", "EC paddsb", "ED paddsw",
                "EE pmaxsw", "EF pxor", "F1 psllw", "F2 pslld", "F3 psllq", "F4 pmuludq", "F5 pmaddwd",
                "F6 psadbw", "F8 psubb", "F9 psubw", "FA psubd", "FB psubq", "FC paddb", "FD paddw", "FE paddd"};
        for (String a : mmx) {
            String m = a.substring(3);
            String source = a.charAt(0) == '6' && a.charAt(1) <= '2' ? "Qd" : "Qq"; // punpckl*: low halves
            sse(a.substring(0, 2), m + " Pq," + source, m + " Vx,Wx", null, null);
        }
        sse("6C", null, "punpcklqdq Vx,Wx", null, null);
        sse("6D", null, "punpckhqdq Vx,Wx", null, null);
        sse("6E", "movd Pq,Ey", "movd Vx,Ey", null, null);
        sse("6F", "movq Pq,Qq", "movdqa Vx,Wx", "movdqu Vx,Wx", null);
        sse("70", "pshufw Pq,Qq,Ib", "pshufd Vx,Wx,Ib", "pshufhw Vx,Wx,Ib", "pshuflw Vx,Wx,Ib");
        sse("71", "#s Nq,Ib", "#s Ux,Ib", null, null);
        sse("72", "#s Nq,Ib", "#s Ux,Ib", null, null);
        sse("73", "#s Nq,Ib", "#s Ux,Ib", null, null);
        sse("7E", "movd Ey,Pq", "movd Ey,Vx", "movq Vx,Wq", null);
        sse("7F", "movq Qq,Pq", "movdqa Wx,Vx", "movdqu Wx,Vx", null);
        sse("C2", "cmpps Vx,Wx,Ib", "cmppd Vx,Wx,Ib", "cmpss Vx,Wd,Ib", "cmpsd Vx,Wq,Ib");
        sse("C4", "pinsrw Pq,Lw,Ib", "pinsrw Vx,Lw,Ib", null, null);
        sse("C5", "pextrw Gd,Nq,Ib", "pextrw Gd,Ux,Ib", null, null);
        sse("C6", "shufps Vx,Wx,Ib", "shufpd Vx,Wx,Ib", null, null);
        sse("D0", null, "addsubpd Vx,Wx", null, "addsubps Vx,Wx");
        sse("D6", null, "movq Wq,Vx", "movq2dq Vx,Nq", "movdq2q Pq,Ux");
        sse("D7", "pmovmskb Gy,Nq", "pmovmskb Gy,Ux", null, null);
        PREFIX_TABLE[0xD7] = false;
        sse("E6", null, "cvttpd2dq Vx,Wx", "cvtdq2pd Vx,Wq", "cvtpd2dq Vx,Wx");
        sse("E7", "movntq Mq,Pq", "movntdq Mx,Vx", null, null);
        sse("F0", null, null, null, "lddqu Vx,M");
        // General instructions that objdump also reads through a prefix table
        sse("09", "wbinvd", null, "wbnoinvd", null);
        sse("77", "emms", null, null, null);
        sse("B8", null, null, "popcnt Gv,Ev", null);
        sse("BC", "bsf Gv,Ev", "bsf Gv,Ev", "tzcnt Gv,Ev", null);
        sse("BD", "bsr Gv,Ev", "bsr Gv,Ev", "lzcnt Gv,Ev", null);
        sse("C3", "movnti My,Gy", null, null, null);
        sse("F7", "maskmovq Pq,Nq", "maskmovdqu Vx,Ux", null, null);
        sse("1A", "#m Bn,M", "bndmov Bn,Kq", "bndcl Bn,Kn", "bndcu Bn,Kn");
        sse("1B", "#M M,Bn", "bndmov Kq,Bn", "#k Bn,M", "bndcn Bn,Kn");
        sse("7C", null, "haddpd Vx,Wx", null, "haddps Vx,Wx");
        sse("7D", null, "hsubpd Vx,Wx", null, "hsubps Vx,Wx");
    }

    private static void load(int column, String spec) {
        for (String e : spec.split("\\|")) FORMS[column][Integer.parseInt(e.substring(0, 2), 16)] = e.substring(3);
    }

    private static void sse(String hex, String none, String p66, String f3, String f2) {
        int op = Integer.parseInt(hex, 16);
        PREFIX_TABLE[op] = true;
        FORMS[NONE][op] = none;
        FORMS[P66][op] = p66;
        FORMS[PF3][op] = f3;
        FORMS[PF2][op] = f2;
    }

    private TwoByteForms() {}

    static boolean isPrefixTable(int opcode) {
        return PREFIX_TABLE[opcode & 0xFF];
    }

    /** The raw table entry (groups unresolved) for one prefix column, or null. */
    static String entry(int column, int opcode) {
        return FORMS[column][opcode & 0xFF];
    }
}
