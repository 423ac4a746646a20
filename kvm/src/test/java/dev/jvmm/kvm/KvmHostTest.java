package dev.jvmm.kvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KvmHostTest {
    private static final String VMX_CPU = "processor\t: 0\nflags\t\t: fpu vme de pse tsc msr vmx ept\n";
    private static final String SVM_CPU = "processor\t: 0\nflags\t\t: fpu svm npt\n";
    private static final String PLAIN_CPU = "processor\t: 0\nflags\t\t: fpu vme de pse tsc msr hypervisor\n";

    @Test
    void pvmIsTheModuleWithoutHardwareVirtualization() {
        assertEquals(KvmHost.PVM, KvmHost.classify(PLAIN_CPU, true));
        assertEquals("PVM (software, ~1 us/instruction)", KvmHost.PVM.description());
    }

    @Test
    void hardwareFlagsWin() {
        assertEquals(KvmHost.HARDWARE_VMX, KvmHost.classify(VMX_CPU, true));
        assertEquals(KvmHost.HARDWARE_VMX, KvmHost.classify(VMX_CPU, false));
        assertEquals(KvmHost.HARDWARE_SVM, KvmHost.classify(SVM_CPU, false));
        assertEquals(KvmHost.UNKNOWN, KvmHost.classify(PLAIN_CPU, false));
    }

    @Test
    void vmxMustBeAWholeFlag() {
        assertEquals(KvmHost.UNKNOWN, KvmHost.classify("flags\t\t: fpu vmxfoo\n", false));
    }

    @Test
    void describeHostNamesWhatIsHere() {
        String described = KvmEngine.describeHost();
        System.out.println("this host's /dev/kvm: " + described);
        boolean known = described.equals("/dev/kvm is absent");
        for (KvmHost h : KvmHost.values()) known |= described.equals(h.description());
        assertEquals(true, known, described);
    }
}
