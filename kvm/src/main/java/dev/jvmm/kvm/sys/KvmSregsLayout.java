package dev.jvmm.kvm.sys;

import static dev.jvmm.kvm.sys.Layouts.U16;
import static dev.jvmm.kvm.sys.Layouts.U32;
import static dev.jvmm.kvm.sys.Layouts.U64;
import static dev.jvmm.kvm.sys.Layouts.U8;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/**
 * {@code struct kvm_sregs}, {@code struct kvm_segment} and {@code struct kvm_dtable} (asm/kvm.h).
 *
 * <p>A {@code kvm_segment} spells out the descriptor attribute bits one byte each (type, present,
 * dpl, db, s, l, g, avl, unusable) rather than packing them as the descriptor or VMX does.
 */
public final class KvmSregsLayout {
    public static final StructLayout SEGMENT = MemoryLayout.structLayout(
            U64.withName("base"), U32.withName("limit"), U16.withName("selector"),
            U8.withName("type"), U8.withName("present"), U8.withName("dpl"), U8.withName("db"),
            U8.withName("s"), U8.withName("l"), U8.withName("g"), U8.withName("avl"),
            U8.withName("unusable"), U8.withName("padding")).withName("kvm_segment");

    public static final StructLayout DTABLE = MemoryLayout.structLayout(
            U64.withName("base"), U16.withName("limit"), MemoryLayout.sequenceLayout(3, U16).withName("padding"))
            .withName("kvm_dtable");

    /** Segment fields in struct order; note that kvm_sregs does not use the x86 encoding order (es cs ss ds fs gs). */
    public static final String[] SEGMENTS = {"cs", "ds", "es", "fs", "gs", "ss", "tr", "ldt"};

    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            SEGMENT.withName("cs"), SEGMENT.withName("ds"), SEGMENT.withName("es"), SEGMENT.withName("fs"),
            SEGMENT.withName("gs"), SEGMENT.withName("ss"), SEGMENT.withName("tr"), SEGMENT.withName("ldt"),
            DTABLE.withName("gdt"), DTABLE.withName("idt"),
            U64.withName("cr0"), U64.withName("cr2"), U64.withName("cr3"), U64.withName("cr4"), U64.withName("cr8"),
            U64.withName("efer"), U64.withName("apic_base"),
            MemoryLayout.sequenceLayout(4, U64).withName("interrupt_bitmap")).withName("kvm_sregs");

    // offsets inside kvm_segment
    public static final long SEG_BASE = Layouts.offset(SEGMENT, "base"), SEG_LIMIT = Layouts.offset(SEGMENT, "limit"),
            SEG_SELECTOR = Layouts.offset(SEGMENT, "selector"), SEG_TYPE = Layouts.offset(SEGMENT, "type"),
            SEG_PRESENT = Layouts.offset(SEGMENT, "present"), SEG_DPL = Layouts.offset(SEGMENT, "dpl"),
            SEG_DB = Layouts.offset(SEGMENT, "db"), SEG_S = Layouts.offset(SEGMENT, "s"),
            SEG_L = Layouts.offset(SEGMENT, "l"), SEG_G = Layouts.offset(SEGMENT, "g"),
            SEG_AVL = Layouts.offset(SEGMENT, "avl"), SEG_UNUSABLE = Layouts.offset(SEGMENT, "unusable");

    // offsets inside kvm_dtable
    public static final long DT_BASE = Layouts.offset(DTABLE, "base"), DT_LIMIT = Layouts.offset(DTABLE, "limit");

    // offsets inside kvm_sregs
    public static final long GDT = Layouts.offset(LAYOUT, "gdt"), IDT = Layouts.offset(LAYOUT, "idt"),
            CR0 = Layouts.offset(LAYOUT, "cr0"), CR2 = Layouts.offset(LAYOUT, "cr2"), CR3 = Layouts.offset(LAYOUT, "cr3"),
            CR4 = Layouts.offset(LAYOUT, "cr4"), CR8 = Layouts.offset(LAYOUT, "cr8"),
            EFER = Layouts.offset(LAYOUT, "efer"), APIC_BASE = Layouts.offset(LAYOUT, "apic_base"),
            INTERRUPT_BITMAP = Layouts.offset(LAYOUT, "interrupt_bitmap");

    /** Offset of the kvm_segment named {@code name} ("cs", "tr", "ldt", ...). */
    public static long segment(String name) {
        return Layouts.offset(LAYOUT, name);
    }

    private KvmSregsLayout() {}
}
