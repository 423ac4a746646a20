package dev.jvmm.kvm;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jvmm.core.engine.VcpuExit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An instruction the host cannot run must come back as a readable InternalError, never a hang or a
 * Java exception. Only PVM has such gaps in its emulator: a 64-bit INT3 here, which EmulationFallback would finish
 * in Java but cannot with an empty IDT (hardware KVM would triple-fault). MOVBE, another gap, cannot
 * serve: jvmm hides it from CPUID on PVM, so KVM raises #UD instead.
 */
class InternalErrorKvmTest {
    @BeforeEach
    void needPvm() {
        KvmTestMachine.assumeKvm();
        boolean pvm = KvmHost.detect() == KvmHost.PVM;
        if (!pvm) System.out.println("skipping: /dev/kvm is " + KvmHost.detect().description() + ", not PVM");
        assumeTrue(pvm, "needs PVM's instruction emulator");
    }

    @Test
    void int3InLongModeOnPvmIsAnInternalErrorWithTheInstructionBytes() {
        try (KvmTestMachine m = new KvmTestMachine()) {
            m.load(0x10000,
                    0x48, 0x31, 0xC0,       // xor rax, rax
                    0xCC,                   // int3
                    0xF4);
            m.vcpu.setState(GuestSetup.longMode(m.memory, 0x10000));
            VcpuExit exit = m.vcpu.run();
            VcpuExit.InternalError error = assertInstanceOf(VcpuExit.InternalError.class, exit, exit.toString());
            System.out.println(error.report());
            assertTrue(error.report().contains("INTERNAL_ERROR"), error.report());
            assertTrue(error.report().contains("cc f4"), error.report());
            assertTrue(error.report().contains("rip=0000000000010003"), error.report());
        }
    }
}
