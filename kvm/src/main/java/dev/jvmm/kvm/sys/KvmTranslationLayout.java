package dev.jvmm.kvm.sys;

import static dev.jvmm.kvm.sys.Layouts.U64;
import static dev.jvmm.kvm.sys.Layouts.U8;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/** {@code struct kvm_translation} (KVM_TRANSLATE): a guest linear address through the guest's page tables. */
public final class KvmTranslationLayout {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            U64.withName("linear_address"), U64.withName("physical_address"),
            U8.withName("valid"), U8.withName("writeable"), U8.withName("usermode"),
            Layouts.pad(5)).withName("kvm_translation");

    public static final long LINEAR_ADDRESS = Layouts.offset(LAYOUT, "linear_address"),
            PHYSICAL_ADDRESS = Layouts.offset(LAYOUT, "physical_address"), VALID = Layouts.offset(LAYOUT, "valid");

    private KvmTranslationLayout() {}
}
