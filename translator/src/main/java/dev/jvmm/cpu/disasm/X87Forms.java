package dev.jvmm.cpu.disasm;

/**
 * The x87 escape opcodes D8-DF (Intel SDM vol. 2 tables ): with a memory ModRM the
 * operation and operand size come from the opcode and ModRM.reg; with a register ModRM each opcode
 * has its own table of stack-register forms.
 */
final class X87Forms {
    private static final String[] ARITH = {"fadd", "fmul", "fcom", "fcomp", "fsub", "fsubr", "fdiv", "fdivr"};
    /** DC and DE with a register destination: /4 is FSUBR st(i),st and /5 FSUB (SDM "FSUB/FSUBP"). */
    private static final String[] REVERSED = {"fadd", "fmul", null, null, "fsubr", "fsub", "fdivr", "fdiv"};
    /** Memory forms: [opcode - D8][reg], "mnemonic template". */
    private static final String[][] MEMORY = {
            arith("Md"),
            {"fld Md", null, "fst Md", "fstp Md", "fldenv! M", "fldcw Mw", "fnstenv! M", "fnstcw Mw"},
            iarith("Md"),
            {"fild Md", "fisttp Md", "fist Md", "fistp Md", null, "fld Mt", null, "fstp Mt"},
            arith("Mq"),
            {"fld Mq", "fisttp Mq", "fst Mq", "fstp Mq", "frstor! M", null, "fnsave! M", "fnstsw Mw"},
            iarith("Mw"),
            {"fild Mw", "fisttp Mw", "fist Mw", "fistp Mw", "fbld Mt", "fild Mq", "fbstp Mt", "fistp Mq"},
    };
    private static final String[] D9_SPECIAL = {
            "fchs", "fabs", null, null, "ftst", "fxam", null, null,
            "fld1", "fldl2t", "fldl2e", "fldpi", "fldlg2", "fldln2", "fldz", null,
            "f2xm1", "fyl2x", "fptan", "fpatan", "fxtract", "fprem1", "fdecstp", "fincstp",
            "fprem", "fyl2xp1", "fsqrt", "fsincos", "frndint", "fscale", "fsin", "fcos"};

    private static String[] arith(String size) {
        String[] r = new String[8];
        for (int i = 0; i < 8; i++) r[i] = ARITH[i] + " " + size;
        return r;
    }

    private static String[] iarith(String size) {
        String[] r = new String[8];
        for (int i = 0; i < 8; i++) r[i] = "fi" + ARITH[i].substring(1) + " " + size;
        return r;
    }

    private X87Forms() {}

    /** The form for escape {@code opcode} (D8-DF) with ModRM fields {@code mod}, {@code reg}, {@code rm}. */
    static String form(int opcode, int mod, int reg, int rm) {
        int esc = opcode - 0xD8;
        reg &= 7;
        rm &= 7;
        if (mod != 3) return MEMORY[esc][reg] != null ? MEMORY[esc][reg] : "(bad) M";
        return switch (esc) {
            case 0 -> reg == 2 || reg == 3 ? ARITH[reg] + " Fi" : ARITH[reg] + " st,Fi";
            case 1 -> switch (reg) {
                case 0 -> "fld Fi";
                case 1 -> "fxch Fi";
                case 2 -> rm == 0 ? "fnop" : null;
                case 3 -> null;
                default -> D9_SPECIAL[(reg - 4) * 8 + rm];
            };
            case 2 -> reg < 4 ? new String[] {"fcmovb", "fcmove", "fcmovbe", "fcmovu"}[reg] + " st,Fi"
                    : reg == 5 && rm == 1 ? "fucompp" : null;
            case 3 -> switch (reg) {
                case 0, 1, 2, 3 -> new String[] {"fcmovnb", "fcmovne", "fcmovnbe", "fcmovnu"}[reg] + " st,Fi";
                case 4 -> new String[] {"fneni(8087 only)", "fndisi(8087 only)", "fnclex", "fninit",
                        "fnsetpm(287 only)", "frstpm(287 only)", null, null}[rm];
                case 5 -> "fucomi st,Fi";
                case 6 -> "fcomi st,Fi";
                default -> null;
            };
            case 4 -> switch (reg) {
                case 2, 3 -> null; // undocumented aliases of D8 D0/D8
                default -> REVERSED[reg] + " Fi,st";
            };
            case 5 -> new String[] {"ffree Fi", null, "fst Fi", "fstp Fi", "fucom Fi", "fucomp Fi", null, null}[reg];
            case 6 -> switch (reg) {
                case 2 -> null; // undocumented alias of D8 D8
                case 3 -> rm == 1 ? "fcompp" : null;
                default -> REVERSED[reg] + "p Fi,st";
            };
            default -> switch (reg) {
                case 0 -> "ffreep Fi";
                case 4 -> rm == 0 ? "fnstsw ax" : null;
                case 5 -> "fucomip st,Fi";
                case 6 -> "fcomip st,Fi";
                default -> null;
            };
        };
    }
}
