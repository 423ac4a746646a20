package dev.jvmm.kvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.engine.StopReason;
import dev.jvmm.core.engine.VcpuExit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** requestExit() from another thread must pull the vCPU out of a KVM_RUN that would never return. */
class RequestExitKvmTest {
    @BeforeEach
    void needKvm() {
        KvmTestMachine.assumeKvm();
    }

    private static Thread later(long ms, Runnable action) {
        return Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                return;
            }
            action.run();
        });
    }

    @Test
    void requestExitInterruptsASpinningGuestAndRunCanResume() throws Exception {
        try (KvmTestMachine m = new KvmTestMachine()) {
            m.load(0x7C00, 0x66, 0x40, 0xEB, 0xFC);     // l: inc eax; jmp l
            m.vcpu.setState(CpuState.realMode(0, 0x7C00));
            // A first run, kicked late: its one-time set-up before KVM_RUN (mapping guest RAM, loading the
            // classes on the run path, JFR's event classes among them) takes longer than the 100 ms below.
            Thread warmUp = later(1_000, m.vcpu::requestExit);
            assertInstanceOf(VcpuExit.ExitRequested.class, m.vcpu.run());
            warmUp.join();
            for (int round = 0; round < 3; round++) {
                long before = m.vcpu.state().gpr[CpuState.RAX];
                java.util.concurrent.atomic.AtomicLong requestedAt = new java.util.concurrent.atomic.AtomicLong();
                Thread kicker = later(100, () -> {
                    requestedAt.set(System.nanoTime());
                    m.vcpu.requestExit();
                });
                VcpuExit exit = m.vcpu.run();
                long latencyUs = (System.nanoTime() - requestedAt.get()) / 1000;
                kicker.join();
                assertInstanceOf(VcpuExit.ExitRequested.class, exit);
                assertTrue(latencyUs < 2_000_000, "took " + latencyUs + " us after the request");
                assertTrue(m.vcpu.state().gpr[CpuState.RAX] > before, "the guest ran in round " + round);
                System.out.println("requestExit: run() returned " + latencyUs + " us after the request");
            }
        }
    }

    @Test
    void aStopRequestFromAnotherThreadEndsTheRun() throws Exception {
        try (KvmTestMachine m = new KvmTestMachine()) {
            m.load(0x7C00, 0xEB, 0xFE);                 // jmp $
            m.vcpu.setState(CpuState.realMode(0, 0x7C00));
            m.platform.stop().onRequest(m.vcpu::requestExit);
            Thread t = later(50, () -> m.platform.stop().request(new StopReason.Timeout(0.05)));
            assertInstanceOf(VcpuExit.ExitRequested.class, m.vcpu.run());
            t.join();
            assertEquals(new StopReason.Timeout(0.05), m.platform.stop().reason());
        }
    }

    @Test
    void requestExitAfterCloseIsHarmless() {
        KvmTestMachine m = new KvmTestMachine();
        m.close();
        m.vcpu.requestExit(); // kvm_run is unmapped: must neither crash the JVM nor throw
        m.vcpu.close();       // idempotent
    }
}
