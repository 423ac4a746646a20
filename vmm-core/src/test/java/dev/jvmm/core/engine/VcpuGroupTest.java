package dev.jvmm.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.clock.TimerQueue;
import dev.jvmm.core.clock.VirtualClock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class VcpuGroupTest {
    private final VcpuGroup group = new VcpuGroup(2);
    private final TimerQueue timers = new TimerQueue(new VirtualClock(1));

    @Test
    void returnsAtOnceWhenTheCpuCanRun() throws Exception {
        assertNull(group.idleWhileHalted(1, false, timers, () -> true));
        assertTrue(!group.allIdle());
    }

    @Test
    void everyCpuHaltedWithInterruptsOffEndsTheRunOnVcpuZero() throws Exception {
        group.enterIdle(true); // vCPU 1: HLT with IF=0
        VcpuExit.Halted h = group.idleWhileHalted(0, true, timers, () -> false);
        assertNotNull(h);
        assertEquals("hlt with interrupts disabled on every vCPU", h.why());
    }

    @Test
    void nothingArmedAndNoInputEndsTheRun() throws Exception {
        group.enterIdle(false);
        VcpuExit.Halted h = group.idleWhileHalted(0, false, timers, () -> false);
        assertNotNull(h);
        assertTrue(h.why().contains("no timer or input"), h.why());
    }

    @Test
    void anIdleCpuWithAnInterruptItHasNotSeenYetKeepsTheRunGoing() throws Exception {
        // vCPU 1 sent vCPU 0 nothing, but was itself sent an IPI just before vCPU 0 halted, and its thread has
        // not looked yet: every vCPU counts as idle, and still the run must not end.
        java.util.function.BooleanSupplier vcpu1Pending = () -> true;
        group.enterIdle(false, vcpu1Pending);
        Thread vcpu1 = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(30); // its thread gets around to it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            group.leaveIdle(false, vcpu1Pending); // it saw the IPI and runs
        });
        AtomicBoolean woken = new AtomicBoolean();
        Thread waker = Thread.ofPlatform().start(() -> {
            try {
                vcpu1.join();
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            woken.set(true); // vCPU 1 ran and sent vCPU 0 an IPI
            timers.wake();
        });
        assertNull(group.idleWhileHalted(0, false, timers, woken::get), "vCPU 0 waits for the vCPU about to wake");
        vcpu1.join();
        waker.join();
    }

    @Test
    void anIdleCpuWithNothingPendingLetsTheRunEnd() throws Exception {
        group.enterIdle(false, () -> false);
        VcpuExit.Halted h = group.idleWhileHalted(0, false, timers, () -> false);
        assertNotNull(h, "nothing can wake either vCPU");
    }

    @Test
    void whenEveryCpuIdlesAVirtualClockJumpsToTheNextTimer() throws Exception {
        AtomicBoolean fired = new AtomicBoolean();
        TimerQueue.Timer t = timers.newTimer(() -> fired.set(true));
        timers.schedule(t, 5_000_000_000L); // five virtual seconds away: no host wait could get there
        group.enterIdle(false);
        assertNull(group.idleWhileHalted(0, false, timers, fired::get));
        assertTrue(timers.clock().nanos() >= 5_000_000_000L);
    }

    @Test
    void anotherThreadsWakeEndsTheWait() throws Exception {
        AtomicBoolean pending = new AtomicBoolean();
        Thread other = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            pending.set(true);
            timers.wake();
        });
        assertNull(group.idleWhileHalted(1, false, timers, pending::get), "vCPU 1 never ends the run");
        other.join();
    }
}
