package dev.jvmm.kvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jvmm.kvm.sys.KvmCpuidLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class CpuidPolicyTest {
    private static MemorySegment twoLeaves(Arena arena, int leaf1Ecx) {
        MemorySegment cpuid = arena.allocate(KvmCpuidLayout.size(2), 8);
        cpuid.set(ValueLayout.JAVA_INT, KvmCpuidLayout.NENT, 2);
        cpuid.set(ValueLayout.JAVA_INT, KvmCpuidLayout.entry(0) + KvmCpuidLayout.FUNCTION, 0);
        cpuid.set(ValueLayout.JAVA_INT, KvmCpuidLayout.entry(0) + KvmCpuidLayout.ECX, leaf1Ecx);
        cpuid.set(ValueLayout.JAVA_INT, KvmCpuidLayout.entry(1) + KvmCpuidLayout.FUNCTION, 1);
        cpuid.set(ValueLayout.JAVA_INT, KvmCpuidLayout.entry(1) + KvmCpuidLayout.ECX, leaf1Ecx);
        return cpuid;
    }

    private static int ecx(MemorySegment cpuid, int entry) {
        return cpuid.get(ValueLayout.JAVA_INT, KvmCpuidLayout.entry(entry) + KvmCpuidLayout.ECX);
    }

    @Test
    void pvmHidesWhatItsEmulatorCannotRunOnlyInLeafOne() {
        try (Arena arena = Arena.ofConfined()) {
            int all = 0xFFFF_FFFF;
            MemorySegment cpuid = twoLeaves(arena, all);
            CpuidPolicy.apply(cpuid, KvmHost.PVM, 0);
            assertEquals(all, ecx(cpuid, 0));
            assertEquals(all & ~((1 << 13) | (1 << 21) | (1 << 22) | (1 << 24) | (1 << 26) | (1 << 27)), ecx(cpuid, 1));
        }
    }

    @Test
    void hardwareKvmHidesOnlyWhatNeedsAnInKernelApic() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cpuid = twoLeaves(arena, 0xFFFF_FFFF);
            CpuidPolicy.apply(cpuid, KvmHost.HARDWARE_VMX, 0);
            assertEquals(0xFFFF_FFFF & ~((1 << 21) | (1 << 24)), ecx(cpuid, 1), "x2APIC and TSC-deadline hidden");
        }
    }

    @Test
    void initialApicIdIsTheVcpuIndex() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cpuid = twoLeaves(arena, 0);
            long leaf1 = KvmCpuidLayout.entry(1);
            cpuid.set(ValueLayout.JAVA_INT, leaf1 + KvmCpuidLayout.EBX, 0x1234_0800); // CLFLUSH size 8, 0x34 logical CPUs
            cpuid.set(ValueLayout.JAVA_INT, KvmCpuidLayout.entry(0) + KvmCpuidLayout.FUNCTION, 0xB);
            CpuidPolicy.apply(cpuid, KvmHost.HARDWARE_VMX, 2);
            assertEquals(0x0234_0800, cpuid.get(ValueLayout.JAVA_INT, leaf1 + KvmCpuidLayout.EBX));
            assertEquals(2, cpuid.get(ValueLayout.JAVA_INT, KvmCpuidLayout.entry(0) + KvmCpuidLayout.EDX), "leaf 0xB x2APIC ID");
        }
    }
}
