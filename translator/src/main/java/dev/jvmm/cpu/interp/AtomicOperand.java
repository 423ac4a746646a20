package dev.jvmm.cpu.interp;

import dev.jvmm.cpu.mmu.Mmu;

/**
 * The memory operand of one LOCK-prefixed instruction (or XCHG with memory) on a machine with several
 * vCPUs: the instruction reads it once and writes it once, and the write becomes a compare-and-exchange
 * against the value read (SDM vol. 3A "Locked Atomic Operations"). If another vCPU changed the operand
 * in between, {@link #write} throws {@link #RETRY} and the interpreter runs the instruction again from
 * its starting registers. Anything else — an operand split across two pages, two operands
 * (CMPXCHG16B's 16 bytes), a write elsewhere — throws {@link #SERIALIZE}: the interpreter then runs the
 * instruction plainly holding {@link #SPLIT_LOCK}, atomic against the other vCPUs' such instructions only.
 */
final class AtomicOperand {
    /** Thrown when the compare-and-exchange found the operand changed. */
    static final RuntimeException RETRY = signal("LOCK-ed operand changed: retry");
    /** Thrown when the instruction cannot be made one compare-and-exchange. */
    static final RuntimeException SERIALIZE = signal("LOCK-ed access that is not one aligned operand");
    /** The machine-wide lock of split and 16-byte LOCK-ed accesses. */
    static final Object SPLIT_LOCK = new Object();

    private long linear = -1;
    private long physical;
    private long value;
    private int size;

    private static RuntimeException signal(String what) {
        return new RuntimeException(what, null, false, false) {};
    }

    void reset() {
        linear = -1;
    }

    long read(Cpu c, long lin, int size) {
        if (linear != -1 || (lin & 0xFFF) + size > 0x1000) throw SERIALIZE;
        physical = c.mmu.translate(lin, Mmu.WRITE, c.cpl == 3); // the locked read is a write access: #PF W=1, dirty set
        if (!c.mem.isRam(physical, size)) throw SERIALIZE; // MMIO or ROM: no second read of a device register
        value = c.mem.read(physical, size);
        linear = lin;
        this.size = size;
        return value;
    }

    void write(Cpu c, long lin, int size, long v) {
        if (lin != linear || size != this.size) throw SERIALIZE;
        if (c.mem.compareAndExchange(physical, size, value, v) != value) throw RETRY;
    }
}
