package dev.jvmm.kvm.sys;

import static dev.jvmm.kvm.sys.Layouts.U64;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/** {@code struct kvm_debugregs} (KVM_GET/SET_DEBUGREGS): DR0-DR3, DR6, DR7; {@code flags} must be 0. */
public final class KvmDebugregsLayout {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            MemoryLayout.sequenceLayout(4, U64).withName("db"), U64.withName("dr6"), U64.withName("dr7"),
            U64.withName("flags"), MemoryLayout.sequenceLayout(9, U64).withName("reserved")).withName("kvm_debugregs");

    public static final long DB = Layouts.offset(LAYOUT, "db"), DR6 = Layouts.offset(LAYOUT, "dr6"),
            DR7 = Layouts.offset(LAYOUT, "dr7"), FLAGS = Layouts.offset(LAYOUT, "flags");

    private KvmDebugregsLayout() {}
}
