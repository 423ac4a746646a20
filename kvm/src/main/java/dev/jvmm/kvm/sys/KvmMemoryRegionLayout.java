package dev.jvmm.kvm.sys;

import static dev.jvmm.kvm.sys.Layouts.U32;
import static dev.jvmm.kvm.sys.Layouts.U64;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/** {@code struct kvm_userspace_memory_region}: guest physical range -> host virtual address, in a slot. */
public final class KvmMemoryRegionLayout {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            U32.withName("slot"), U32.withName("flags"), U64.withName("guest_phys_addr"),
            U64.withName("memory_size"), U64.withName("userspace_addr")).withName("kvm_userspace_memory_region");

    public static final long SLOT = Layouts.offset(LAYOUT, "slot"), FLAGS = Layouts.offset(LAYOUT, "flags"),
            GUEST_PHYS_ADDR = Layouts.offset(LAYOUT, "guest_phys_addr"),
            MEMORY_SIZE = Layouts.offset(LAYOUT, "memory_size"),
            USERSPACE_ADDR = Layouts.offset(LAYOUT, "userspace_addr");

    private KvmMemoryRegionLayout() {}
}
