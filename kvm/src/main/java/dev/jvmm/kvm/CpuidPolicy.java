package dev.jvmm.kvm;

import dev.jvmm.kvm.sys.KvmCpuidLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * What the guest's CPUID says, starting from KVM_GET_SUPPORTED_CPUID. On hardware KVM that list is
 * passed through unchanged. PVM's in-kernel instruction emulator cannot run some instructions
 * (MOVBE, CMPXCHG16B, XSAVE/XRSTOR: "emulation failure"), so on PVM their CPUID bits are cleared and
 * a well-behaved guest (Linux picks these through CPUID) never uses them.
 */
final class CpuidPolicy {
    /** CPUID.01H:ECX bits (SDM vol. 2A, table 3-10). */
    static final int ECX_CMPXCHG16B = 1 << 13, ECX_MOVBE = 1 << 22, ECX_XSAVE = 1 << 26, ECX_OSXSAVE = 1 << 27;
    static final int PVM_HIDDEN_LEAF1_ECX = ECX_CMPXCHG16B | ECX_MOVBE | ECX_XSAVE | ECX_OSXSAVE;

    private CpuidPolicy() {}

    /** Edits the kvm_cpuid2 in place for {@code host}. */
    static void apply(MemorySegment cpuid2, KvmHost host) {
        if (host != KvmHost.PVM) return;
        int n = cpuid2.get(ValueLayout.JAVA_INT, KvmCpuidLayout.NENT);
        for (int i = 0; i < n; i++) {
            long e = KvmCpuidLayout.entry(i);
            if (cpuid2.get(ValueLayout.JAVA_INT, e + KvmCpuidLayout.FUNCTION) == 1) {
                int ecx = cpuid2.get(ValueLayout.JAVA_INT, e + KvmCpuidLayout.ECX);
                cpuid2.set(ValueLayout.JAVA_INT, e + KvmCpuidLayout.ECX, ecx & ~PVM_HIDDEN_LEAF1_ECX);
            }
        }
    }
}
