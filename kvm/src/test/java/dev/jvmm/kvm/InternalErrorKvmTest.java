package dev.jvmm.kvm;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jvmm.core.engine.VcpuExit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An instruction PVM's emulator gives up on is executed by the interpreter, on the same state, so it ends
 * as on a CPU: a 64-bit INT3 with an empty IDT (limit 0) is #GP, then #DF, then a triple fault — a
 * shutdown, not an engine error (issue 20). Only PVM has such gaps; hardware KVM triple-faults by itself.
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
    void int3InLongModeWithNoIdtIsATripleFault() {
        try (KvmTestMachine m = new KvmTestMachine()) {
            m.load(0x10000,
                    0x48, 0x31, 0xC0,       // xor rax, rax
                    0xCC,                   // int3
                    0xF4);
            m.vcpu.setState(GuestSetup.longMode(m.memory, 0x10000));
            VcpuExit exit = m.vcpu.run();
            VcpuExit.Shutdown shutdown = assertInstanceOf(VcpuExit.Shutdown.class, exit, exit.toString());
            assertTrue(shutdown.why().startsWith("triple fault"), shutdown.why());
            assertEquals(0, m.vcpu.state().gpr[0], "the XOR before it ran on KVM");
        }
    }
}
