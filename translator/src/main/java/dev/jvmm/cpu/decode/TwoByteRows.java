package dev.jvmm.cpu.decode;

/**
 * The 0F opcode map's general-purpose rows (Intel SDM vol. 2 tables ). The MMX/SSE
 * rows of the same map are the SIMD row set's.
 */
final class TwoByteRows {
    private TwoByteRows() {}

    static void add(Rows r) {
        r.add("0F A3 /r", "bt Ev,Gv");
        r.add("0F AB /r", "bts Ev,Gv").lockable();
        r.add("0F B3 /r", "btr Ev,Gv").lockable();
        r.add("0F BB /r", "btc Ev,Gv").lockable();
        r.add("0F BA /4", "bt Ev,Ib");
        r.add("0F BA /5", "bts Ev,Ib").lockable();
        r.add("0F BA /6", "btr Ev,Ib").lockable();
        r.add("0F BA /7", "btc Ev,Ib").lockable();
        r.add("0F B0 /r", "cmpxchg Eb,Gb").lockable();
        r.add("0F B1 /r", "cmpxchg Ev,Gv").lockable();
        r.add("0F C0 /r", "xadd Eb,Gb").lockable();
        r.add("0F C1 /r", "xadd Ev,Gv").lockable();
        r.add("0F C7 /1", "cmpxchg8b Mq").feature(Feature.CX8).lockable(); // REX.W: CMPXCHG16B (CX16)
        r.add("F3 0F B8 /r", "popcnt Gv,Ev").feature(Feature.POPCNT);
    }
}
