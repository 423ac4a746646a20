package dev.jvmm.cpu.disasm;

/**
 * The three-byte maps 0F 38 and 0F 3A (Intel SDM vol. 2 tables ): SSSE3, SSE4.1/4.2,
 * AES-NI, PCLMULQDQ, SHA, MOVBE, CRC32 and the VMX/INVPCID invalidations. Every opcode here is
 * chosen by its mandatory prefix (none, 66, F3, F2), like the MMX/SSE part of the 0F map.
 */
final class ThreeByteForms {
    /** [map: 0 for 0F 38, 1 for 0F 3A][prefix column][opcode]. */
    private static final String[][][] FORMS = new String[2][4][256];

    static {
        String[] mmxToo = {"00 pshufb", "01 phaddw", "02 phaddd", "03 phaddsw", "04 pmaddubsw", "05 phsubw",
                "06 phsubd", "07 phsubsw", "08 psignb", "09 psignw", "0A psignd", "0B pmulhrsw", "1C pabsb",
                "1D pabsw", "1E pabsd"};
        for (String e : mmxToo) {
            int op = Integer.parseInt(e.substring(0, 2), 16);
            String m = e.substring(3);
            FORMS[0][TwoByteForms.NONE][op] = m + " Pq,Qq";
            FORMS[0][TwoByteForms.P66][op] = m + " Vx,Wx";
        }
        load(0, TwoByteForms.P66, """
                10 pblendvb Vx,Wx,xmm0|14 blendvps Vx,Wx,xmm0|15 blendvpd Vx,Wx,xmm0|17 ptest Vx,Wx|\
                20 pmovsxbw Vx,Wq|21 pmovsxbd Vx,Wd|22 pmovsxbq Vx,Ww|23 pmovsxwd Vx,Wq|24 pmovsxwq Vx,Wd|\
                25 pmovsxdq Vx,Wq|28 pmuldq Vx,Wx|29 pcmpeqq Vx,Wx|2A movntdqa Vx,Mx|2B packusdw Vx,Wx|\
                30 pmovzxbw Vx,Wq|31 pmovzxbd Vx,Wd|32 pmovzxbq Vx,Ww|33 pmovzxwd Vx,Wq|34 pmovzxwq Vx,Wd|\
                35 pmovzxdq Vx,Wq|37 pcmpgtq Vx,Wx|38 pminsb Vx,Wx|39 pminsd Vx,Wx|3A pminuw Vx,Wx|\
                3B pminud Vx,Wx|3C pmaxsb Vx,Wx|3D pmaxsd Vx,Wx|3E pmaxuw Vx,Wx|3F pmaxud Vx,Wx|40 pmulld Vx,Wx|\
                41 phminposuw Vx,Wx|80 invept Gn,Mo|81 invvpid Gn,Mo|82 invpcid Gn,Mo|DB aesimc Vx,Wx|\
                DC aesenc Vx,Wx|DD aesenclast Vx,Wx|DE aesdec Vx,Wx|DF aesdeclast Vx,Wx""");
        load(0, TwoByteForms.NONE, """
                C8 sha1nexte Vx,Wx|C9 sha1msg1 Vx,Wx|CA sha1msg2 Vx,Wx|CB sha256rnds2 Vx,Wx,xmm0|\
                CC sha256msg1 Vx,Wx|CD sha256msg2 Vx,Wx|F0 movbe Gv,Mv|F1 movbe Mv,Gv""");
        load(0, TwoByteForms.PF2, "F0 crc32 Gy,Eb|F1 crc32 Gy,Ev");
        load(1, TwoByteForms.P66, """
                08 roundps Vx,Wx,Ib|09 roundpd Vx,Wx,Ib|0A roundss Vx,Wd,Ib|0B roundsd Vx,Wq,Ib|\
                0C blendps Vx,Wx,Ib|0D blendpd Vx,Wx,Ib|0E pblendw Vx,Wx,Ib|0F palignr Vx,Wx,Ib|\
                14 pextrb Lb,Vx,Ib|15 pextrw Lw,Vx,Ib|16 pextrd Ey,Vx,Ib|17 extractps Ld,Vx,Ib|\
                20 pinsrb Vx,Lb,Ib|21 insertps Vx,Wd,Ib|22 pinsrd Vx,Ey,Ib|40 dpps Vx,Wx,Ib|41 dppd Vx,Wx,Ib|\
                42 mpsadbw Vx,Wx,Ib|44 pclmulqdq Vx,Wx,Ib|60 pcmpestrm Vx,Wx,Ib|61 pcmpestri Vx,Wx,Ib|\
                62 pcmpistrm Vx,Wx,Ib|63 pcmpistri Vx,Wx,Ib|DF aeskeygenassist Vx,Wx,Ib""");
        load(1, TwoByteForms.NONE, "0F palignr Pq,Qq,Ib|CC sha1rnds4 Vx,Wx,Ib");
    }

    private static void load(int map, int column, String spec) {
        for (String e : spec.split("\\|")) FORMS[map][column][Integer.parseInt(e.substring(0, 2), 16)] = e.substring(3);
    }

    private ThreeByteForms() {}

    /** Whether any prefix column defines {@code opcode} (0x200-0x3FF). */
    static boolean defined(int opcode) {
        for (String[] column : FORMS[(opcode >> 8) - 2]) if (column[opcode & 0xFF] != null) return true;
        return false;
    }

    /** The form of {@code opcode} (0x200-0x3FF as in {@link dev.jvmm.cpu.decode.Insn}) in a prefix column, or null. */
    static String form(int opcode, int column) {
        return FORMS[(opcode >> 8) - 2][column][opcode & 0xFF];
    }
}
