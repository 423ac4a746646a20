package dev.jvmm.kvm;

import dev.jvmm.kvm.sys.KvmCpuidLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * What the guest's CPUID says, starting from KVM_GET_SUPPORTED_CPUID.
 * <ul>
 *   <li>Every host: the local APIC is jvmm's, in user space, reached through its MMIO page only (no
 *       in-kernel irqchip). KVM answers the x2APIC MSRs (0x800-0x8FF) with #GP and drops
 *       IA32_TSC_DEADLINE writes without an in-kernel APIC, so x2APIC and TSC-deadline are not
 *       reported; the initial APIC ID (leaf 1 EBX[31:24], the x2APIC ID of leaves 0xB and 0x1F) is
 *       the vCPU's index, as its APIC's ID register says.</li>
 *   <li>PVM: its in-kernel instruction emulator cannot run some instructions (MOVBE, CMPXCHG16B,
 *       XSAVE/XRSTOR: "emulation failure"), so their bits are cleared and a well-behaved guest (Linux
 *       picks these through CPUID) never uses them.</li>
 * </ul>
 */
final class CpuidPolicy {
    /** CPUID.01H:ECX bits (SDM vol. 2A, table 3-10). */
    static final int ECX_CMPXCHG16B = 1 << 13, ECX_X2APIC = 1 << 21, ECX_MOVBE = 1 << 22, ECX_TSC_DEADLINE = 1 << 24,
            ECX_XSAVE = 1 << 26, ECX_OSXSAVE = 1 << 27;
    static final int PVM_HIDDEN_LEAF1_ECX = ECX_CMPXCHG16B | ECX_MOVBE | ECX_XSAVE | ECX_OSXSAVE;
    static final int USERSPACE_APIC_HIDDEN_LEAF1_ECX = ECX_X2APIC | ECX_TSC_DEADLINE;

    private CpuidPolicy() {}

    /** Edits the kvm_cpuid2 in place for {@code host} and the vCPU whose APIC ID is {@code apicId}. */
    static void apply(MemorySegment cpuid2, KvmHost host, int apicId) {
        int n = cpuid2.get(ValueLayout.JAVA_INT, KvmCpuidLayout.NENT);
        for (int i = 0; i < n; i++) {
            long e = KvmCpuidLayout.entry(i);
            int function = cpuid2.get(ValueLayout.JAVA_INT, e + KvmCpuidLayout.FUNCTION);
            if (function == 1) {
                int hidden = USERSPACE_APIC_HIDDEN_LEAF1_ECX | (host == KvmHost.PVM ? PVM_HIDDEN_LEAF1_ECX : 0);
                int ecx = cpuid2.get(ValueLayout.JAVA_INT, e + KvmCpuidLayout.ECX);
                cpuid2.set(ValueLayout.JAVA_INT, e + KvmCpuidLayout.ECX, ecx & ~hidden);
                int ebx = cpuid2.get(ValueLayout.JAVA_INT, e + KvmCpuidLayout.EBX);
                cpuid2.set(ValueLayout.JAVA_INT, e + KvmCpuidLayout.EBX, (ebx & 0x00FF_FFFF) | (apicId & 0xFF) << 24);
            } else if (function == 0xB || function == 0x1F) {
                cpuid2.set(ValueLayout.JAVA_INT, e + KvmCpuidLayout.EDX, apicId);
            }
        }
    }
}
