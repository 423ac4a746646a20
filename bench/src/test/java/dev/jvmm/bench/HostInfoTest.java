package dev.jvmm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HostInfoTest {
    private static final String NO_VIRT = """
            processor\t: 0
            model name\t: AMD EPYC 7B13
            flags\t\t: fpu vme de pse tsc msr pae sse sse2 lm
            """;
    private static final String WITH_SVM = NO_VIRT.replace(" lm", " lm svm npt");
    private static final String WITH_VMX = NO_VIRT.replace(" lm", " lm vmx ept");

    @Test
    void pvmModuleOnACpuWithoutVmxOrSvmIsSoftwarePvm() {
        assertEquals(HostInfo.KVM_PVM, HostInfo.kvmKind(true, true, NO_VIRT));
    }

    @Test
    void hardwareVirtualizationFlagsMeanHardwareKvmEvenWithThePvmModule() {
        assertEquals(HostInfo.KVM_HARDWARE, HostInfo.kvmKind(true, true, WITH_SVM));
        assertEquals(HostInfo.KVM_HARDWARE, HostInfo.kvmKind(true, true, WITH_VMX));
    }

    @Test
    void withoutThePvmModuleKvmIsHardware() {
        assertEquals(HostInfo.KVM_HARDWARE, HostInfo.kvmKind(true, false, NO_VIRT));
        assertEquals(HostInfo.KVM_HARDWARE, HostInfo.kvmKind(true, false, WITH_VMX));
    }

    @Test
    void noDevKvmIsAbsent() {
        assertEquals(HostInfo.KVM_ABSENT, HostInfo.kvmKind(false, true, NO_VIRT));
    }

    @Test
    void aFlagThatMerelyContainsVmxDoesNotCount() {
        assertEquals(HostInfo.KVM_PVM, HostInfo.kvmKind(true, true, NO_VIRT.replace(" lm", " lm vmxx")));
    }

    @Test
    void cpuModelIsTheFirstModelName() {
        assertEquals("AMD EPYC 7B13", HostInfo.cpuModel(NO_VIRT + NO_VIRT.replace("7B13", "other")));
        assertEquals("unknown CPU", HostInfo.cpuModel(""));
    }
}
