package dev.jvmm.kvm;

import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.cpu.SegmentState;
import dev.jvmm.kvm.sys.KvmRegsLayout;
import dev.jvmm.kvm.sys.KvmSregsLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * {@link CpuState} to and from KVM's {@code kvm_regs} and {@code kvm_sregs}. Pure data shuffling,
 * testable without /dev/kvm.
 *
 * <p>Two things differ from CpuState: the order (kvm_regs lists rax rbx rcx rdx, the x86 encoding
 * is rax rcx rdx rbx; kvm_sregs lists cs ds es fs gs ss) and the segment attributes, which
 * {@link SegmentState} packs like VMX access rights (type | S<<4 | DPL<<5 | P<<7 | AVL<<12 | L<<13 |
 * D/B<<14 | G<<15 | unusable<<16) while {@code kvm_segment} has one byte per bit field.
 * {@code apic_base} and {@code interrupt_bitmap} are not part of CpuState: writing sregs keeps
 * what the segment already held (callers fill it with KVM_GET_SREGS first).
 */
public final class CpuStateCodec {
    /** kvm_sregs segment names in CpuState order (ES, CS, SS, DS, FS, GS). */
    private static final String[] SEGMENTS = {"es", "cs", "ss", "ds", "fs", "gs"};
    private static final long[] SEGMENT_OFFSETS = new long[6];
    private static final long[] GPR_OFFSETS = new long[16];
    private static final long TR = KvmSregsLayout.segment("tr"), LDT = KvmSregsLayout.segment("ldt");

    static {
        for (int i = 0; i < 6; i++) SEGMENT_OFFSETS[i] = KvmSregsLayout.segment(SEGMENTS[i]);
        for (int i = 0; i < 16; i++) GPR_OFFSETS[i] = KvmRegsLayout.gprOffset(i);
    }

    private CpuStateCodec() {}

    // ---- kvm_regs ----

    public static void writeRegs(CpuState s, MemorySegment regs) {
        for (int i = 0; i < 16; i++) regs.set(ValueLayout.JAVA_LONG, GPR_OFFSETS[i], s.gpr[i]);
        regs.set(ValueLayout.JAVA_LONG, KvmRegsLayout.RIP, s.rip);
        regs.set(ValueLayout.JAVA_LONG, KvmRegsLayout.RFLAGS, s.rflags);
    }

    public static void readRegs(MemorySegment regs, CpuState s) {
        for (int i = 0; i < 16; i++) s.gpr[i] = regs.get(ValueLayout.JAVA_LONG, GPR_OFFSETS[i]);
        s.rip = regs.get(ValueLayout.JAVA_LONG, KvmRegsLayout.RIP);
        s.rflags = regs.get(ValueLayout.JAVA_LONG, KvmRegsLayout.RFLAGS);
    }

    // ---- kvm_sregs ----

    public static void writeSregs(CpuState s, MemorySegment sregs) {
        for (int i = 0; i < 6; i++) writeSegment(s.seg[i], sregs.asSlice(SEGMENT_OFFSETS[i], KvmSregsLayout.SEGMENT));
        writeSegment(s.tr, sregs.asSlice(TR, KvmSregsLayout.SEGMENT));
        writeSegment(s.ldtr, sregs.asSlice(LDT, KvmSregsLayout.SEGMENT));
        writeTable(s.gdtBase, s.gdtLimit, sregs.asSlice(KvmSregsLayout.GDT, KvmSregsLayout.DTABLE));
        writeTable(s.idtBase, s.idtLimit, sregs.asSlice(KvmSregsLayout.IDT, KvmSregsLayout.DTABLE));
        sregs.set(ValueLayout.JAVA_LONG, KvmSregsLayout.CR0, s.cr0);
        sregs.set(ValueLayout.JAVA_LONG, KvmSregsLayout.CR2, s.cr2);
        sregs.set(ValueLayout.JAVA_LONG, KvmSregsLayout.CR3, s.cr3);
        sregs.set(ValueLayout.JAVA_LONG, KvmSregsLayout.CR4, s.cr4);
        sregs.set(ValueLayout.JAVA_LONG, KvmSregsLayout.CR8, s.cr8);
        sregs.set(ValueLayout.JAVA_LONG, KvmSregsLayout.EFER, s.efer);
    }

    public static void readSregs(MemorySegment sregs, CpuState s) {
        for (int i = 0; i < 6; i++) s.seg[i] = readSegment(sregs.asSlice(SEGMENT_OFFSETS[i], KvmSregsLayout.SEGMENT));
        s.tr = readSegment(sregs.asSlice(TR, KvmSregsLayout.SEGMENT));
        s.ldtr = readSegment(sregs.asSlice(LDT, KvmSregsLayout.SEGMENT));
        MemorySegment gdt = sregs.asSlice(KvmSregsLayout.GDT, KvmSregsLayout.DTABLE);
        MemorySegment idt = sregs.asSlice(KvmSregsLayout.IDT, KvmSregsLayout.DTABLE);
        s.gdtBase = gdt.get(ValueLayout.JAVA_LONG, KvmSregsLayout.DT_BASE);
        s.gdtLimit = gdt.get(ValueLayout.JAVA_SHORT, KvmSregsLayout.DT_LIMIT) & 0xFFFF;
        s.idtBase = idt.get(ValueLayout.JAVA_LONG, KvmSregsLayout.DT_BASE);
        s.idtLimit = idt.get(ValueLayout.JAVA_SHORT, KvmSregsLayout.DT_LIMIT) & 0xFFFF;
        s.cr0 = sregs.get(ValueLayout.JAVA_LONG, KvmSregsLayout.CR0);
        s.cr2 = sregs.get(ValueLayout.JAVA_LONG, KvmSregsLayout.CR2);
        s.cr3 = sregs.get(ValueLayout.JAVA_LONG, KvmSregsLayout.CR3);
        s.cr4 = sregs.get(ValueLayout.JAVA_LONG, KvmSregsLayout.CR4);
        s.cr8 = sregs.get(ValueLayout.JAVA_LONG, KvmSregsLayout.CR8);
        s.efer = sregs.get(ValueLayout.JAVA_LONG, KvmSregsLayout.EFER);
    }

    // ---- one kvm_segment ----

    /** Unpacks VMX-style attributes into kvm_segment's one-byte fields. */
    public static void writeSegment(SegmentState seg, MemorySegment out) {
        int a = seg.attributes();
        out.set(ValueLayout.JAVA_LONG, KvmSregsLayout.SEG_BASE, seg.base());
        out.set(ValueLayout.JAVA_INT, KvmSregsLayout.SEG_LIMIT, seg.limit());
        out.set(ValueLayout.JAVA_SHORT, KvmSregsLayout.SEG_SELECTOR, (short) seg.selector());
        out.set(ValueLayout.JAVA_BYTE, KvmSregsLayout.SEG_TYPE, (byte) (a & SegmentState.TYPE_MASK));
        out.set(ValueLayout.JAVA_BYTE, KvmSregsLayout.SEG_S, bit(a, 4));
        out.set(ValueLayout.JAVA_BYTE, KvmSregsLayout.SEG_DPL, (byte) ((a >>> 5) & 3));
        out.set(ValueLayout.JAVA_BYTE, KvmSregsLayout.SEG_PRESENT, bit(a, 7));
        out.set(ValueLayout.JAVA_BYTE, KvmSregsLayout.SEG_AVL, bit(a, 12));
        out.set(ValueLayout.JAVA_BYTE, KvmSregsLayout.SEG_L, bit(a, 13));
        out.set(ValueLayout.JAVA_BYTE, KvmSregsLayout.SEG_DB, bit(a, 14));
        out.set(ValueLayout.JAVA_BYTE, KvmSregsLayout.SEG_G, bit(a, 15));
        out.set(ValueLayout.JAVA_BYTE, KvmSregsLayout.SEG_UNUSABLE, bit(a, 16));
    }

    /** Packs kvm_segment's one-byte fields into VMX-style attributes. */
    public static SegmentState readSegment(MemorySegment in) {
        int a = (in.get(ValueLayout.JAVA_BYTE, KvmSregsLayout.SEG_TYPE) & SegmentState.TYPE_MASK)
                | flag(in, KvmSregsLayout.SEG_S) << 4
                | (in.get(ValueLayout.JAVA_BYTE, KvmSregsLayout.SEG_DPL) & 3) << 5
                | flag(in, KvmSregsLayout.SEG_PRESENT) << 7
                | flag(in, KvmSregsLayout.SEG_AVL) << 12
                | flag(in, KvmSregsLayout.SEG_L) << 13
                | flag(in, KvmSregsLayout.SEG_DB) << 14
                | flag(in, KvmSregsLayout.SEG_G) << 15
                | flag(in, KvmSregsLayout.SEG_UNUSABLE) << 16;
        return new SegmentState(in.get(ValueLayout.JAVA_SHORT, KvmSregsLayout.SEG_SELECTOR) & 0xFFFF,
                in.get(ValueLayout.JAVA_LONG, KvmSregsLayout.SEG_BASE),
                in.get(ValueLayout.JAVA_INT, KvmSregsLayout.SEG_LIMIT), a);
    }

    private static void writeTable(long base, int limit, MemorySegment out) {
        out.set(ValueLayout.JAVA_LONG, KvmSregsLayout.DT_BASE, base);
        out.set(ValueLayout.JAVA_SHORT, KvmSregsLayout.DT_LIMIT, (short) limit);
    }

    private static byte bit(int attributes, int bit) {
        return (byte) ((attributes >>> bit) & 1);
    }

    private static int flag(MemorySegment in, long offset) {
        return in.get(ValueLayout.JAVA_BYTE, offset) != 0 ? 1 : 0;
    }
}
