package dev.jvmm.cpu.disasm;

/**
 * Mnemonics and operand templates of the one-byte opcode map (Intel SDM vol. 2 table A-2), and of
 * the groups it names by ModRM.reg. The template notation is described in {@link Template}.
 */
final class OneByteForms {
    private static final String[] FORMS = new String[256];
    private static final String[] ALU = {"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"};
    private static final String[] SHIFT = {"rol", "ror", "rcl", "rcr", "shl", "shr", "shl", "sar"};
    static final String[] CONDITION = {"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge",
            "le", "g"};

    static {
        for (int alu = 0; alu < 8; alu++) {
            int o = alu << 3;
            String m = ALU[alu];
            FORMS[o] = m + " Eb,Gb";
            FORMS[o + 1] = m + " Ev,Gv";
            FORMS[o + 2] = m + " Gb,Eb";
            FORMS[o + 3] = m + " Gv,Ev";
            FORMS[o + 4] = m + " AL,Ib";
            FORMS[o + 5] = m + " rAX,Iz";
        }
        for (int r = 0; r < 8; r++) {
            FORMS[0x40 + r] = "inc Zv";
            FORMS[0x48 + r] = "dec Zv";
            FORMS[0x50 + r] = "push Zv";
            FORMS[0x58 + r] = "pop Zv";
            FORMS[0xB0 + r] = "mov Zb,Ib";
            FORMS[0xB8 + r] = "mov Zv,Iv";
        }
        for (int cc = 0; cc < 16; cc++) FORMS[0x70 + cc] = "j" + CONDITION[cc] + " Jb";
        for (int r = 1; r < 8; r++) FORMS[0x90 + r] = "xchg Zv,rAX";
        String spec = """
                06 push~ es|07 pop~ es|0E push~ cs|16 push~ ss|17 pop~ ss|1E push~ ds|1F pop~ ds|27 daa|2F das|37 aaa|3F aas|\
                60 pusha~|61 popa~|62 bound Gv,Ma|63 arpl Ew,Gw|68 push~ Iz|69 imul Gv,Ev,Iz|6A push~ Iz|\
                6B imul Gv,Ev,Iz|6C ins Yb,DX|6D ins Yz,DX|6E outs DX,Xb|6F outs DX,Xz|80 #1 Eb,Ib|81 #1 Ev,Iz|\
                82 #1 Eb,Ib|83 #1 Ev,Iz|84 test Eb,Gb|85 test Ev,Gv|86 xchg Eb,Gb|87 xchg Ev,Gv|88 mov Eb,Gb|\
                89 mov Ev,Gv|8A mov Gb,Eb|8B mov Gv,Ev|8C mov Es,Sw|8D lea Gv,M|8E mov Sw,Es|8F pop Ev|90 nop|\
                98 cbw/cwde/cdqe|99 cwd/cdq/cqo|9A call Ap|9B fwait|9C pushf~|9D popf~|9E sahf|9F lahf|\
                A0 mov AL,Ob|A1 mov rAX,Ov|A2 mov Ob,AL|A3 mov Ov,rAX|A4 movs Yb,Xb|A5 movs Yv,Xv|A6 cmps Xb,Yb|\
                A7 cmps Xv,Yv|A8 test AL,Ib|A9 test rAX,Iz|AA stos Yb,AL|AB stos Yv,rAX|AC lods AL,Xb|\
                AD lods rAX,Xv|AE scas AL,Yb|AF scas rAX,Yv|C0 #2 Eb,Ib|C1 #2 Ev,Ib|C2 ret~ Iw|C3 ret~|\
                C4 les Gv,Mp|C5 lds Gv,Mp|C6 mov Eb,Ib|C7 mov Ev,Iz|C8 enter~ Iw,Ib2|C9 leave~|CA retf~ Iw|CB retf~|\
                CC int3|CD int Ib|CE into|CF iret~|D0 #2 Eb,1|D1 #2 Ev,1|D2 #2 Eb,CL|D3 #2 Ev,CL|D4 aam Ib|\
                D5 aad Ib|D7 xlat Xl|E0 loopne Jb|E1 loope Jb|E2 loop Jb|E3 jcxz Jb|E4 in AL,Ib|E5 in eAX,Ib|\
                E6 out Ib,AL|E7 out Ib,eAX|E8 call~ Jz|E9 jmp~ Jz|EA jmp Ap|EB jmp Jb|EC in AL,DX|ED in eAX,DX|\
                EE out DX,AL|EF out DX,eAX|F1 int1|F4 hlt|F5 cmc|F6 #3 Eb|F7 #3 Ev|F8 clc|F9 stc|FA cli|FB sti|\
                FC cld|FD std|FE #4 Eb|FF #5""";
        for (String e : spec.split("\\|")) FORMS[Integer.parseInt(e.substring(0, 2), 16)] = e.substring(3);
    }

    private OneByteForms() {}

    /** The form of a one-byte opcode, or null for an undefined one. Group members are resolved. */
    static String form(int opcode, int reg, int mode) {
        int r = reg & 7;
        if (opcode == 0x63 && mode == 64) return "movsxd Gv,Ed";
        String f = FORMS[opcode];
        if (f == null || f.charAt(0) != '#') return f;
        String ops = f.substring(f.indexOf(' ') + 1);
        return switch (f.charAt(1)) {
            case '1' -> ALU[r] + " " + ops;
            case '2' -> SHIFT[r] + " " + ops;
            case '3' -> switch (r) {
                case 0, 1 -> "test " + ops + (opcode == 0xF6 ? ",Ib" : ",Iz");
                case 2 -> "not " + ops;
                case 3 -> "neg " + ops;
                case 4 -> "mul " + ops;
                case 5 -> "imul " + ops;
                case 6 -> "div " + ops;
                default -> "idiv " + ops;
            };
            case '4' -> r == 0 ? "inc Eb" : r == 1 ? "dec Eb" : null;
            default -> switch (r) {
                case 0 -> "inc Ev";
                case 1 -> "dec Ev";
                case 2 -> "call Ev";
                case 3 -> "call Mp";
                case 4 -> "jmp Ev";
                case 5 -> "jmp Mp";
                case 6 -> "push Ev";
                default -> null;
            };
        };
    }
}
