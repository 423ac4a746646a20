package dev.jvmm.kvm.sys;

import static dev.jvmm.kvm.sys.Layouts.U32;
import static dev.jvmm.kvm.sys.Layouts.U64;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/**
 * {@code struct kvm_msrs} (a count, then a flexible array of {@code struct kvm_msr_entry}).
 * KVM_GET_MSRS/KVM_SET_MSRS return how many entries they processed: they stop at the first MSR
 * the kernel refuses, so a short count names the culprit.
 */
public final class KvmMsrsLayout {
    public static final StructLayout HEADER = MemoryLayout.structLayout(
            U32.withName("nmsrs"), U32.withName("pad")).withName("kvm_msrs");
    public static final StructLayout ENTRY = MemoryLayout.structLayout(
            U32.withName("index"), U32.withName("reserved"), U64.withName("data")).withName("kvm_msr_entry");

    public static final long NMSRS = Layouts.offset(HEADER, "nmsrs");
    public static final long ENTRY_INDEX = Layouts.offset(ENTRY, "index"), ENTRY_DATA = Layouts.offset(ENTRY, "data");

    /** Byte size of a kvm_msrs holding {@code count} entries. */
    public static long size(int count) {
        return HEADER.byteSize() + count * ENTRY.byteSize();
    }

    /** Offset of entry {@code i}. */
    public static long entry(int i) {
        return HEADER.byteSize() + i * ENTRY.byteSize();
    }

    private KvmMsrsLayout() {}
}
