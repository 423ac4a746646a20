package dev.jvmm.cpu.simd;

import static dev.jvmm.cpu.simd.SimdForm.Operand.*;

import java.util.ArrayList;
import java.util.List;

/** The MMX, SSE2 integer, SSSE3, SSE4.1 integer and lane, and SSE data-movement forms jvmm implements, for random oracle sequences (SDM vol. 2 opcode map). */
final class IntegerForms {
    private IntegerForms() {}

    /** Lane-wise and shift-by-register opcodes that have an MMX (no prefix) and an XMM (66) form, with their names. */
    private static final String BOTH = "60 punpcklbw|61 punpcklwd|62 punpckldq|63 packsswb|64 pcmpgtb|65 pcmpgtw|"
            + "66 pcmpgtd|67 packuswb|68 punpckhbw|69 punpckhwd|6A punpckhdq|6B packssdw|74 pcmpeqb|75 pcmpeqw|"
            + "76 pcmpeqd|D1 psrlw|D2 psrld|D3 psrlq|D4 paddq|D5 pmullw|D8 psubusb|D9 psubusw|DA pminub|DB pand|"
            + "DC paddusb|DD paddusw|DE pmaxub|DF pandn|E0 pavgb|E1 psraw|E2 psrad|E3 pavgw|E4 pmulhuw|E5 pmulhw|"
            + "E8 psubsb|E9 psubsw|EA pminsw|EB por|EC paddsb|ED paddsw|EE pmaxsw|EF pxor|F1 psllw|F2 pslld|F3 psllq|"
            + "F4 pmuludq|F5 pmaddwd|F6 psadbw|F8 psubb|F9 psubw|FA psubd|FB psubq|FC paddb|FD paddw|FE paddd";

    /** SSSE3 opcodes of the 0F 38 map, each with an MMX and an XMM form. */
    private static final String SSSE3 = "00 pshufb|01 phaddw|02 phaddd|03 phaddsw|04 pmaddubsw|05 phsubw|06 phsubd|"
            + "07 phsubsw|08 psignb|09 psignw|0A psignd|0B pmulhrsw|1C pabsb|1D pabsw|1E pabsd";

    /** SSE4.1 (and SSE4.2 PCMPGTQ) 0F 38 opcodes with 66 and a full 16-byte source. */
    private static final String SSE41 = "10 pblendvb|14 blendvps|15 blendvpd|17 ptest|28 pmuldq|29 pcmpeqq|2B packusdw|"
            + "37 pcmpgtq|38 pminsb|39 pminsd|3A pminuw|3B pminud|3C pmaxsb|3D pmaxsd|3E pmaxuw|3F pmaxud|40 pmulld|41 phminposuw";

    static List<SimdForm> all() {
        List<SimdForm> f = new ArrayList<>();
        for (String e : BOTH.split("\\|")) {
            int op = Integer.parseInt(e.substring(0, 2), 16);
            String name = e.substring(3);
            boolean low = op >= 0x60 && op <= 0x62; // MMX PUNPCKL* read m32
            f.add(SimdForm.of(name + " mm", 0, op, MMX, MMX, low ? 4 : 8, false));
            f.add(SimdForm.of(name + " xmm", 0x66, op, XMM, XMM, 16, true));
        }
        f.add(SimdForm.of("punpcklqdq", 0x66, 0x6C, XMM, XMM, 16, true));
        f.add(SimdForm.of("punpckhqdq", 0x66, 0x6D, XMM, XMM, 16, true));
        int[][] shifts = {{0x71, 2}, {0x71, 4}, {0x71, 6}, {0x72, 2}, {0x72, 4}, {0x72, 6}, {0x73, 2}, {0x73, 6}};
        for (int[] s : shifts) {
            f.add(SimdForm.of("shift-imm mm", 0, s[0], MMX, MMX, 0, false).withFixedReg(s[1]).withImm8());
            f.add(SimdForm.of("shift-imm xmm", 0x66, s[0], XMM, XMM, 0, false).withFixedReg(s[1]).withImm8());
        }
        f.add(SimdForm.of("psrldq", 0x66, 0x73, XMM, XMM, 0, false).withFixedReg(3).withImm8());
        f.add(SimdForm.of("pslldq", 0x66, 0x73, XMM, XMM, 0, false).withFixedReg(7).withImm8());
        f.add(SimdForm.of("movd mm, r/m", 0, 0x6E, MMX, GPR, 4, false).withRexW());
        f.add(SimdForm.of("movd xmm, r/m", 0x66, 0x6E, XMM, GPR, 4, false).withRexW());
        f.add(SimdForm.of("movd r/m, mm", 0, 0x7E, MMX, GPR, 4, false).withRexW());
        f.add(SimdForm.of("movd r/m, xmm", 0x66, 0x7E, XMM, GPR, 4, false).withRexW());
        f.add(SimdForm.of("movq mm, mm/m64", 0, 0x6F, MMX, MMX, 8, false));
        f.add(SimdForm.of("movq mm/m64, mm", 0, 0x7F, MMX, MMX, 8, false));
        f.add(SimdForm.of("movdqa load", 0x66, 0x6F, XMM, XMM, 16, true));
        f.add(SimdForm.of("movdqa store", 0x66, 0x7F, XMM, XMM, 16, true));
        f.add(SimdForm.of("movdqu load", 0xF3, 0x6F, XMM, XMM, 16, false));
        f.add(SimdForm.of("movdqu store", 0xF3, 0x7F, XMM, XMM, 16, false));
        f.add(SimdForm.of("movq xmm, xmm/m64", 0xF3, 0x7E, XMM, XMM, 8, false));
        f.add(SimdForm.of("movq xmm/m64, xmm", 0x66, 0xD6, XMM, XMM, 8, false));
        f.add(SimdForm.of("movq2dq", 0xF3, 0xD6, XMM, MMX, 0, false));
        f.add(SimdForm.of("movdq2q", 0xF2, 0xD6, MMX, XMM, 0, false));
        f.add(SimdForm.of("pshufw", 0, 0x70, MMX, MMX, 8, false).withImm8());
        f.add(SimdForm.of("pshufd", 0x66, 0x70, XMM, XMM, 16, true).withImm8());
        f.add(SimdForm.of("pshufhw", 0xF3, 0x70, XMM, XMM, 16, true).withImm8());
        f.add(SimdForm.of("pshuflw", 0xF2, 0x70, XMM, XMM, 16, true).withImm8());
        f.add(SimdForm.of("pmovmskb mm", 0, 0xD7, GPR, MMX, 0, false));
        f.add(SimdForm.of("pmovmskb xmm", 0x66, 0xD7, GPR, XMM, 0, false));
        f.add(SimdForm.of("pinsrw mm", 0, 0xC4, MMX, GPR, 2, false).withImm8());
        f.add(SimdForm.of("pinsrw xmm", 0x66, 0xC4, XMM, GPR, 2, false).withImm8());
        f.add(SimdForm.of("pextrw mm", 0, 0xC5, GPR, MMX, 0, false).withImm8());
        f.add(SimdForm.of("pextrw xmm", 0x66, 0xC5, GPR, XMM, 0, false).withImm8());
        f.add(SimdForm.of("movntq", 0, 0xE7, MMX, MEMORY_ONLY, 8, false));
        f.add(SimdForm.of("movntdq", 0x66, 0xE7, XMM, MEMORY_ONLY, 16, true));
        f.add(SimdForm.of("maskmovq", 0, 0xF7, MMX, MMX, 0, false));
        f.add(SimdForm.of("maskmovdqu", 0x66, 0xF7, XMM, XMM, 0, false));
        f.add(SimdForm.of("emms", 0, 0x77, FIXED, FIXED, 0, false).withFixedReg(0));
        f.add(SimdForm.of("movnti", 0, 0xC3, GPR, MEMORY_ONLY, 4, false).withRexW());
        // SSE/SSE2/SSE3 moves and bitwise
        for (int p : new int[] {0, 0x66}) {
            String s = p == 0 ? "ps" : "pd";
            f.add(SimdForm.of("movu" + s + " load", p, 0x10, XMM, XMM, 16, false));
            f.add(SimdForm.of("movu" + s + " store", p, 0x11, XMM, XMM, 16, false));
            f.add(SimdForm.of("mova" + s + " load", p, 0x28, XMM, XMM, 16, true));
            f.add(SimdForm.of("mova" + s + " store", p, 0x29, XMM, XMM, 16, true));
            f.add(SimdForm.of("movnt" + s, p, 0x2B, XMM, MEMORY_ONLY, 16, true));
            f.add(SimdForm.of("unpckl" + s, p, 0x14, XMM, XMM, 16, true));
            f.add(SimdForm.of("unpckh" + s, p, 0x15, XMM, XMM, 16, true));
            f.add(SimdForm.of("movmsk" + s, p, 0x50, GPR, XMM, 0, false));
            f.add(SimdForm.of("movl" + s + " load", p, 0x12, XMM, MEMORY_ONLY, 8, false));
            f.add(SimdForm.of("movl" + s + " store", p, 0x13, XMM, MEMORY_ONLY, 8, false));
            f.add(SimdForm.of("movh" + s + " load", p, 0x16, XMM, MEMORY_ONLY, 8, false));
            f.add(SimdForm.of("movh" + s + " store", p, 0x17, XMM, MEMORY_ONLY, 8, false));
            f.add(SimdForm.of("shuf" + s, p, 0xC6, XMM, XMM, 16, true).withImm8());
            for (int op = 0x54; op <= 0x57; op++) f.add(SimdForm.of("logic" + s, p, op, XMM, XMM, 16, true));
        }
        f.add(SimdForm.of("movhlps/movlps", 0, 0x12, XMM, XMM, 8, false));
        f.add(SimdForm.of("movlhps/movhps", 0, 0x16, XMM, XMM, 8, false));
        f.add(SimdForm.of("movss load", 0xF3, 0x10, XMM, XMM, 4, false));
        f.add(SimdForm.of("movss store", 0xF3, 0x11, XMM, XMM, 4, false));
        f.add(SimdForm.of("movsd load", 0xF2, 0x10, XMM, XMM, 8, false));
        f.add(SimdForm.of("movsd store", 0xF2, 0x11, XMM, XMM, 8, false));
        f.add(SimdForm.of("movsldup", 0xF3, 0x12, XMM, XMM, 16, true));
        f.add(SimdForm.of("movshdup", 0xF3, 0x16, XMM, XMM, 16, true));
        f.add(SimdForm.of("movddup", 0xF2, 0x12, XMM, XMM, 8, false));
        f.add(SimdForm.of("lddqu", 0xF2, 0xF0, XMM, MEMORY_ONLY, 16, false));
        for (String e : SSSE3.split("\\|")) {
            int op = 0x3800 | Integer.parseInt(e.substring(0, 2), 16);
            f.add(SimdForm.of(e.substring(3) + " mm", 0, op, MMX, MMX, 8, false));
            f.add(SimdForm.of(e.substring(3) + " xmm", 0x66, op, XMM, XMM, 16, true));
        }
        f.add(SimdForm.of("palignr mm", 0, 0x3A0F, MMX, MMX, 8, false).withImm8());
        f.add(SimdForm.of("palignr xmm", 0x66, 0x3A0F, XMM, XMM, 16, true).withImm8());
        for (String e : SSE41.split("\\|")) {
            f.add(SimdForm.of(e.substring(3), 0x66, 0x3800 | Integer.parseInt(e.substring(0, 2), 16), XMM, XMM, 16, true));
        }
        String[] widen = {"bw 8", "bd 4", "bq 2", "wd 8", "wq 4", "dq 8"};
        for (int k = 0; k < 6; k++) {
            int bytes = Integer.parseInt(widen[k].substring(3));
            f.add(SimdForm.of("pmovsx" + widen[k].substring(0, 2), 0x66, 0x3820 + k, XMM, XMM, bytes, false));
            f.add(SimdForm.of("pmovzx" + widen[k].substring(0, 2), 0x66, 0x3830 + k, XMM, XMM, bytes, false));
        }
        f.add(SimdForm.of("blendps", 0x66, 0x3A0C, XMM, XMM, 16, true).withImm8());
        f.add(SimdForm.of("blendpd", 0x66, 0x3A0D, XMM, XMM, 16, true).withImm8());
        f.add(SimdForm.of("pblendw", 0x66, 0x3A0E, XMM, XMM, 16, true).withImm8());
        f.add(SimdForm.of("pextrb", 0x66, 0x3A14, XMM, GPR, 1, false).withImm8());
        f.add(SimdForm.of("pextrw m16", 0x66, 0x3A15, XMM, GPR, 2, false).withImm8());
        f.add(SimdForm.of("pextrd/q", 0x66, 0x3A16, XMM, GPR, 4, false).withImm8().withRexW());
        f.add(SimdForm.of("extractps", 0x66, 0x3A17, XMM, GPR, 4, false).withImm8().withRexW());
        f.add(SimdForm.of("pinsrb", 0x66, 0x3A20, XMM, GPR, 1, false).withImm8());
        f.add(SimdForm.of("insertps", 0x66, 0x3A21, XMM, XMM, 4, false).withImm8());
        f.add(SimdForm.of("pinsrd/q", 0x66, 0x3A22, XMM, GPR, 4, false).withImm8().withRexW());
        f.add(SimdForm.of("mpsadbw", 0x66, 0x3A42, XMM, XMM, 16, true).withImm8());
        f.add(SimdForm.of("movntdqa", 0x66, 0x382A, XMM, MEMORY_ONLY, 16, true));
        return f;
    }
}
