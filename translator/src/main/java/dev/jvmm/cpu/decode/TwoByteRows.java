package dev.jvmm.cpu.decode;

import static dev.jvmm.cpu.decode.JitTreatment.CONTINUE;
import static dev.jvmm.cpu.decode.JitTreatment.INLINE;

/**
 * The 0F opcode map's general-purpose and system rows (Intel SDM vol. 2 tables ). The
 * MMX/SSE rows of the same map are {@link SimdRows}. Groups 6, 7, 9 (but CMPXCHG8B) and 15 and the
 * hint NOPs have no rows yet: the interpreter's switch runs them and a unit ends there. Every other
 * opcode written here has all its forms: an encoding no row selects is #UD.
 */
final class TwoByteRows {
    private TwoByteRows() {}

    static void add(Rows r) {
        for (int cc = 0; cc < 16; cc++) {
            String c = OneByteRows.CONDITION[cc];
            r.add(String.format("0F %02X /r", 0x40 + cc), "cmov" + c + " Gv,Ev").feature(Feature.CMOV).jit(INLINE);
            r.add(String.format("0F %02X", 0x80 + cc), "j" + c + " Jz").jit(INLINE);
            r.add(String.format("0F %02X /r", 0x90 + cc), "set" + c + " Eb").jit(INLINE);
        }
        r.add("0F 02 /r", "lar Gv,Es");
        r.add("0F 03 /r", "lsl Gv,Es");
        r.add("0F 05", "syscall");
        r.add("0F 06", "clts");
        r.add("0F 07", "sysret%");
        r.add("0F 08", "invd");
        r.add("0F 09", "wbinvd");
        r.add("0F 0B", "ud2");
        r.add("0F 1F /r", "nop Ev").jit(INLINE); // multi-byte NOP: touches nothing, not even memory
        r.add("0F 20 /r", "mov Ry,Cd");
        r.add("0F 21 /r", "mov Ry,Dd");
        r.add("0F 22 /r", "mov Cd,Ry");
        r.add("0F 23 /r", "mov Dd,Ry");
        r.add("0F 30", "wrmsr");
        r.add("0F 31", "rdtsc");
        r.add("0F 32", "rdmsr");
        r.add("0F 33", "rdpmc").jit(CONTINUE); // reads RCX, writes RAX and RDX
        r.add("0F 34", "sysenter");
        r.add("0F 35", "sysexit%");
        r.add("0F A0", "push~ fs");
        r.add("0F A1", "pop~ fs");
        r.add("0F A2", "cpuid").jit(CONTINUE);
        r.add("0F A3 /r 11", "bt Ev,Gv").jit(INLINE);
        r.add("0F A3 /r !11", "bt Ev,Gv").jit(CONTINUE);
        r.add("0F A4 /r", "shld Ev,Gv,Ib").jit(CONTINUE);
        r.add("0F A5 /r", "shld Ev,Gv,CL").jit(CONTINUE);
        r.add("0F A8", "push~ gs");
        r.add("0F A9", "pop~ gs");
        r.add("0F AB /r", "bts Ev,Gv").lockable().jit(CONTINUE);
        r.add("0F AC /r", "shrd Ev,Gv,Ib").jit(CONTINUE);
        r.add("0F AD /r", "shrd Ev,Gv,CL").jit(CONTINUE);
        r.add("0F AF /r", "imul Gv,Ev").jit(INLINE);
        r.add("0F B0 /r", "cmpxchg Eb,Gb").lockable().jit(CONTINUE);
        r.add("0F B1 /r", "cmpxchg Ev,Gv").lockable().jit(CONTINUE);
        r.add("0F B2 /r", "lss Gv,Mp");
        r.add("0F B3 /r", "btr Ev,Gv").lockable().jit(CONTINUE);
        r.add("0F B4 /r", "lfs Gv,Mp");
        r.add("0F B5 /r", "lgs Gv,Mp");
        r.add("0F B6 /r", "movzx Gv,Eb").jit(INLINE);
        r.add("0F B7 /r", "movzx Gv,Ew").jit(INLINE);
        r.add("F3 0F B8 /r", "popcnt Gv,Ev").feature(Feature.POPCNT);
        r.add("0F BA /4 11", "bt Ev,Ib").jit(INLINE);
        r.add("0F BA /4 !11", "bt Ev,Ib").jit(CONTINUE);
        r.add("0F BA /5", "bts Ev,Ib").lockable().jit(CONTINUE);
        r.add("0F BA /6", "btr Ev,Ib").lockable().jit(CONTINUE);
        r.add("0F BA /7", "btc Ev,Ib").lockable().jit(CONTINUE);
        r.add("0F BB /r", "btc Ev,Gv").lockable().jit(CONTINUE);
        r.add("0F BC /r", "bsf Gv,Ev").jit(CONTINUE);
        r.add("0F BD /r", "bsr Gv,Ev").jit(CONTINUE);
        r.add("0F BE /r", "movsx Gv,Eb").jit(INLINE);
        r.add("0F BF /r", "movsx Gv,Ew").jit(INLINE);
        r.add("0F C0 /r", "xadd Eb,Gb").lockable().jit(CONTINUE);
        r.add("0F C1 /r", "xadd Ev,Gv").lockable().jit(CONTINUE);
        r.add("0F C8+r", "bswap Zv").jit(CONTINUE);
        r.allFormsWritten();
        // Group 9's other members (RDRAND, RDSEED, VMX, XSAVES ...) have no rows yet
        r.add("0F C7 /1 !11", "cmpxchg8b Mq").feature(Feature.CX8).lockable(); // REX.W: CMPXCHG16B (CX16)
    }
}
