package dev.jvmm.kvm;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.engine.VcpuExit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Exit accounting, and a measurement printed for the record: the cost of one port-I/O exit round
 * trip (guest OUT -> KVM_RUN returns -> PortBus -> KVM_RUN again) and of a guest instruction that
 * does not exit. Tiny on purpose: under PVM every instruction is emulated.
 */
class ExitRoundTripKvmTest {
    static final int OUTS = 2000, LOOPS = 20000, ROUNDS = 4;

    @BeforeEach
    void needKvm() {
        KvmTestMachine.assumeKvm();
    }

    @Test
    void portExitsAreCountedByPortAndTimed() {
        try (KvmTestMachine m = new KvmTestMachine()) {
            m.load(0x7C00,
                    0xB9, OUTS & 0xFF, OUTS >> 8,   // mov cx, OUTS
                    0xE6, 0x80,                     // l: out 0x80, al
                    0xE2, 0xFC,                     // loop l
                    0xFA, 0xF4);                    // cli; hlt
            long nanos = 0;
            for (int round = 0; round < ROUNDS; round++) { // the last round runs with the exit path JIT-compiled
                m.vcpu.setState(CpuState.realMode(0, 0x7C00));
                long t0 = System.nanoTime();
                assertInstanceOf(VcpuExit.Halted.class, m.vcpu.run());
                nanos = System.nanoTime() - t0;
            }
            String stats = m.vcpu.stats();
            assertTrue(stats.contains("kvm io port 0x0080: " + OUTS * ROUNDS + "\n"), stats);
            assertTrue(stats.contains("kvm exit IO: " + OUTS * ROUNDS + "\n"), stats);
            assertTrue(stats.contains("kvm exit HLT: " + ROUNDS + "\n"), stats);
            System.out.printf("kvm port-I/O exit round trip: %.2f us (%d exits in %.2f ms, warm round) on %s%n",
                    nanos / 1000.0 / OUTS, OUTS, nanos / 1e6, m.vcpu.host().description());
            System.out.println(stats);
        }
    }

    @Test
    void instructionsWithoutExitsStayInTheKernel() {
        try (KvmTestMachine m = new KvmTestMachine()) {
            m.load(0x7C00,
                    0x66, 0xB9, LOOPS & 0xFF, (LOOPS >> 8) & 0xFF, 0, 0, // mov ecx, LOOPS
                    0x66, 0xE2, 0xFD,                                  // l: loop l (32-bit ecx)
                    0xFA, 0xF4);                                       // cli; hlt
            m.vcpu.setState(CpuState.realMode(0, 0x7C00));
            long t0 = System.nanoTime();
            assertInstanceOf(VcpuExit.Halted.class, m.vcpu.run());
            long nanos = System.nanoTime() - t0;
            assertTrue(m.vcpu.exitCount() < 10, "a loop without I/O must not exit: " + m.vcpu.stats());
            System.out.printf("kvm guest LOOP instruction: %.3f us each (%d in %.2f ms) on %s%n",
                    nanos / 1000.0 / LOOPS, LOOPS, nanos / 1e6, m.vcpu.host().description());
        }
    }
}
