package dev.jvmm.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.cpu.CpuState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartupGateTest {
    private final VcpuGroup group = new VcpuGroup(2);
    private final List<CpuState> loaded = new ArrayList<>();

    @Test
    void applicationProcessorWaitsForItsStartupIpiAndStartsAtTheVector() throws Exception {
        StartupGate ap = new StartupGate(true);
        assertTrue(ap.mustWait());
        ap.startup(0x9A);
        assertTrue(ap.await(loaded::add, () -> false, group));
        assertFalse(ap.mustWait());
        assertEquals(1, loaded.size());
        assertEquals(CpuState.afterStartupIpi(0x9A).rip, loaded.getFirst().rip);
        assertEquals(0x9A00, loaded.getFirst().seg[CpuState.CS].selector(), "CS = vector << 8, base vector << 12");
    }

    @Test
    void aStartupIpiToARunningCpuIsIgnored() {
        StartupGate bsp = new StartupGate(false);
        assertFalse(bsp.mustWait(), "vCPU 0 runs the boot loader's state at once");
        bsp.startup(0x10);
        assertFalse(bsp.mustWait());
        StartupGate ap = new StartupGate(true);
        ap.startup(0x10);
        ap.startup(0x20); // only the first of two start-up IPIs counts
        assertTrue(ap.mustWait());
    }

    @Test
    void initResetsTheBootstrapProcessorWhichThenRunsFromTheResetVector() throws Exception {
        StartupGate bsp = new StartupGate(false);
        bsp.init();
        assertTrue(bsp.mustWait());
        assertTrue(bsp.initPending());
        assertTrue(bsp.await(loaded::add, () -> false, group));
        assertEquals(List.of(CpuState.afterReset().rip), loaded.stream().map(s -> s.rip).toList());
        assertFalse(bsp.mustWait());
    }

    @Test
    void initSendsAnApplicationProcessorBackToWaitingAndAStopEndsTheWait() throws Exception {
        StartupGate ap = new StartupGate(true);
        ap.startup(0x08);
        assertTrue(ap.await(loaded::add, () -> false, group));
        ap.init();
        assertFalse(ap.await(loaded::add, () -> true, group), "no start-up IPI came, a stop did");
        assertEquals(2, loaded.size(), "the SIPI state, then the INIT (reset) state");
        assertTrue(ap.waitingForStartup());
        assertFalse(group.allIdle(), "the group's idle count is restored after the wait");
    }

    @Test
    void aWaitingCpuStartsWhenAnotherThreadSendsTheStartupIpi() throws Exception {
        StartupGate ap = new StartupGate(true);
        Thread sender = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ap.startup(0x12);
        });
        assertTrue(ap.await(loaded::add, () -> false, group));
        sender.join();
        assertEquals(0x1200, loaded.getFirst().seg[CpuState.CS].selector());
    }
}
