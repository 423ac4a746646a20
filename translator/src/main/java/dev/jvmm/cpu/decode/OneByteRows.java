package dev.jvmm.cpu.decode;

import static dev.jvmm.cpu.decode.JitTreatment.CONTINUE;
import static dev.jvmm.cpu.decode.JitTreatment.INLINE;

/**
 * The one-byte opcode map (Intel SDM vol. 2 table A-2) and the groups it selects by ModRM.reg
 * (table A-6). The x87 escapes D8-DF are the FPU's row set; prefix bytes have no rows.
 *
 * <p>Translator treatment: {@code INLINE} is what {@code jit.InsnEmitter} compiles, {@code CONTINUE}
 * what the interpreter may run inside a unit (registers, flags and memory only); the rest end the
 * unit (segment loads, far transfers, I/O, IF, HLT, LOOP, ...).
 */
final class OneByteRows {
    private OneByteRows() {}

    private static final String[] ALU = {"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"};
    private static final String[] SHIFT = {"rol", "ror", "rcl", "rcr", "shl", "shr", "shl", "sar"};
    static final String[] CONDITION = {"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge",
            "le", "g"};

    private static String hex(int op) {
        return String.format("%02X", op);
    }

    static void add(Rows r) {
        for (int k = 0; k < 8; k++) {
            String m = ALU[k], o = hex(k << 3), o1 = hex((k << 3) + 1);
            // CMP writes nothing: LOCK CMP is #UD (SDM vol. 2 "LOCK")
            Form.Builder eb = r.add(o + " /r", m + " Eb,Gb").jit(INLINE), ev = r.add(o1 + " /r", m + " Ev,Gv").jit(INLINE);
            if (k != 7) {
                eb.lockable();
                ev.lockable();
            }
            r.add(hex((k << 3) + 2) + " /r", m + " Gb,Eb").jit(INLINE);
            r.add(hex((k << 3) + 3) + " /r", m + " Gv,Ev").jit(INLINE);
            r.add(hex((k << 3) + 4), m + " AL,Ib").jit(INLINE);
            r.add(hex((k << 3) + 5), m + " rAX,Iz").jit(INLINE);
            for (int g = 0x80; g <= 0x83; g++) {
                String form = g == 0x81 ? " Ev,Iz" : g == 0x83 ? " Ev,Ibs" : " Eb,Ib";
                Form.Builder b = r.add(hex(g) + " /" + k + (g == 0x82 ? " !m64" : ""), m + form).jit(INLINE);
                if (k != 7) b.lockable();
            }
            String shift = SHIFT[k];
            JitTreatment sj = k >= 4 ? INLINE : CONTINUE; // the rotates run in the interpreter
            r.add("C0 /" + k, shift + " Eb,Ib").jit(sj);
            r.add("C1 /" + k, shift + " Ev,Ib").jit(sj);
            r.add("D0 /" + k, shift + " Eb,1").jit(sj);
            r.add("D1 /" + k, shift + " Ev,1").jit(sj);
            r.add("D2 /" + k, shift + " Eb,CL").jit(sj);
            r.add("D3 /" + k, shift + " Ev,CL").jit(sj);
        }
        r.add("40+r !m64", "inc Zv").jit(INLINE);
        r.add("48+r !m64", "dec Zv").jit(INLINE);
        r.add("50+r", "push Zv").jit(INLINE);
        r.add("58+r", "pop Zv").jit(INLINE);
        r.add("B0+r", "mov Zb,Ib").jit(INLINE);
        r.add("B8+r", "mov Zv,Iv").jit(INLINE);
        for (int cc = 0; cc < 16; cc++) r.add(hex(0x70 + cc), "j" + CONDITION[cc] + " Jb").jit(INLINE);
        r.add("90", "nop").jit(INLINE); // with REX.B it is XCHG r8, rAX: the decoder puts the register in rm
        r.add("F3 90", "pause").jit(INLINE);
        for (int k = 1; k < 8; k++) r.add(hex(0x90 + k), "xchg Zv,rAX").jit(CONTINUE);
        r.add("63 /r !m64", "arpl Ew,Gw");
        r.add("63 /r m64", "movsxd Gv,Ed").jit(INLINE);
        r.add("8F /0", "pop Ev");
        r.add("C6 /0", "mov Eb,Ib").jit(INLINE);
        r.add("C7 /0", "mov Ev,Iz").jit(INLINE);
        r.add("F6 /0", "test Eb,Ib").jit(INLINE);
        r.add("F6 /1", "test Eb,Ib").jit(INLINE);
        r.add("F7 /0", "test Ev,Iz").jit(INLINE);
        r.add("F7 /1", "test Ev,Iz").jit(INLINE);
        String[] group3 = {null, null, "not", "neg", "mul", "imul", "div", "idiv"};
        for (int k = 2; k < 8; k++) { // all compiled (the 64-bit MUL IMUL DIV IDIV: InsnEmitter.declines)
            Form.Builder b = r.add("F6 /" + k, group3[k] + " Eb").jit(INLINE), v = r.add("F7 /" + k, group3[k] + " Ev").jit(INLINE);
            if (k <= 3) { // NOT, NEG
                b.lockable();
                v.lockable();
            }
        }
        r.add("FE /0", "inc Eb").lockable().jit(INLINE);
        r.add("FE /1", "dec Eb").lockable().jit(INLINE);
        r.add("FF /0", "inc Ev").lockable().jit(INLINE);
        r.add("FF /1", "dec Ev").lockable().jit(INLINE);
        r.add("FF /2", "call Ev").jit(INLINE);
        r.add("FF /3", "call Mp");
        r.add("FF /4", "jmp Ev").jit(INLINE);
        r.add("FF /5", "jmp Mp");
        r.add("FF /6", "push Ev").jit(INLINE);
        r.add("06", "push~ es");
        r.add("07", "pop~ es");
        r.add("0E", "push~ cs");
        r.add("16", "push~ ss");
        r.add("17", "pop~ ss");
        r.add("1E", "push~ ds");
        r.add("1F", "pop~ ds");
        r.add("27", "daa").jit(CONTINUE);
        r.add("2F", "das").jit(CONTINUE);
        r.add("37", "aaa").jit(CONTINUE);
        r.add("3F", "aas").jit(CONTINUE);
        r.add("60", "pusha~");
        r.add("61", "popa~");
        r.add("62 /r", "bound Gv,Ma").jit(CONTINUE);
        r.add("68", "push~ Iz").jit(INLINE);
        r.add("69 /r", "imul Gv,Ev,Iz").jit(INLINE);
        r.add("6A", "push~ Ibs").jit(INLINE);
        r.add("6B /r", "imul Gv,Ev,Ibs").jit(INLINE);
        r.add("6C", "ins Yb,DX");
        r.add("6D", "ins Yz,DX");
        r.add("6E", "outs DX,Xb");
        r.add("6F", "outs DX,Xz");
        r.add("84 /r", "test Eb,Gb").jit(INLINE);
        r.add("85 /r", "test Ev,Gv").jit(INLINE);
        r.add("86 /r", "xchg Eb,Gb").lockable().jit(CONTINUE);
        r.add("87 /r", "xchg Ev,Gv").lockable().jit(CONTINUE);
        r.add("88 /r", "mov Eb,Gb").jit(INLINE);
        r.add("89 /r", "mov Ev,Gv").jit(INLINE);
        r.add("8A /r", "mov Gb,Eb").jit(INLINE);
        r.add("8B /r", "mov Gv,Ev").jit(INLINE);
        r.add("8C /r", "mov Es,Sw");
        r.add("8D /r", "lea Gv,M").jit(INLINE);
        r.add("8E /r", "mov Sw,Es");
        r.add("98", "cbw/cwde/cdqe").jit(INLINE);
        r.add("99", "cwd/cdq/cqo").jit(INLINE);
        r.add("9A", "call Ap");
        r.add("9B", "fwait").jit(CONTINUE);
        r.add("9C", "pushf~").jit(CONTINUE);
        r.add("9D", "popf~").jit(CONTINUE);
        r.add("9E", "sahf").jit(CONTINUE);
        r.add("9F", "lahf").jit(CONTINUE);
        r.add("A0", "mov AL,Ob").jit(INLINE);
        r.add("A1", "mov rAX,Ov").jit(INLINE);
        r.add("A2", "mov Ob,AL").jit(INLINE);
        r.add("A3", "mov Ov,rAX").jit(INLINE);
        r.add("A4", "movs Yb,Xb").jit(CONTINUE);
        r.add("A5", "movs Yv,Xv").jit(CONTINUE);
        r.add("A6", "cmps Xb,Yb").jit(CONTINUE);
        r.add("A7", "cmps Xv,Yv").jit(CONTINUE);
        r.add("A8", "test AL,Ib").jit(INLINE);
        r.add("A9", "test rAX,Iz").jit(INLINE);
        r.add("AA", "stos Yb,AL").jit(CONTINUE);
        r.add("AB", "stos Yv,rAX").jit(CONTINUE);
        r.add("AC", "lods AL,Xb").jit(CONTINUE);
        r.add("AD", "lods rAX,Xv").jit(CONTINUE);
        r.add("AE", "scas AL,Yb").jit(CONTINUE);
        r.add("AF", "scas rAX,Yv").jit(CONTINUE);
        r.add("C2", "ret~ Iw").jit(INLINE);
        r.add("C3", "ret~").jit(INLINE);
        r.add("C4 /r", "les Gv,Mp");
        r.add("C5 /r", "lds Gv,Mp");
        r.add("C8", "enter~ Iw,Ib2").jit(CONTINUE);
        r.add("C9", "leave~").jit(INLINE);
        r.add("CA", "retf~ Iw");
        r.add("CB", "retf~");
        r.add("CC", "int3");
        r.add("CD", "int Ib");
        r.add("CE", "into");
        r.add("CF", "iret~");
        r.add("D4", "aam Ib").jit(CONTINUE);
        r.add("D5", "aad Ib").jit(CONTINUE);
        r.add("D6", "salc");
        r.add("D7", "xlat Xl").jit(CONTINUE);
        r.add("E0", "loopne Jb");
        r.add("E1", "loope Jb");
        r.add("E2", "loop Jb");
        r.add("E3", "jcxz Jb");
        r.add("E4", "in AL,Ib");
        r.add("E5", "in eAX,Ib");
        r.add("E6", "out Ib,AL");
        r.add("E7", "out Ib,eAX");
        r.add("E8", "call~ Jz").jit(INLINE);
        r.add("E9", "jmp~ Jz").jit(INLINE);
        r.add("EA", "jmp Ap");
        r.add("EB", "jmp Jb").jit(INLINE);
        r.add("EC", "in AL,DX");
        r.add("ED", "in eAX,DX");
        r.add("EE", "out DX,AL");
        r.add("EF", "out DX,eAX");
        r.add("F1", "int1");
        r.add("F4", "hlt");
        r.add("F5", "cmc").jit(CONTINUE);
        r.add("F8", "clc").jit(CONTINUE);
        r.add("F9", "stc").jit(CONTINUE);
        r.add("FA", "cli").jit(CONTINUE);
        r.add("FB", "sti");
        r.add("FC", "cld").jit(CONTINUE);
        r.add("FD", "std").jit(CONTINUE);
        r.allFormsWritten();
    }
}
