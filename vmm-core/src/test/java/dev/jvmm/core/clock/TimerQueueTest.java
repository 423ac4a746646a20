package dev.jvmm.core.clock;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimerQueueTest {
    @Test
    void timersFireInDeadlineOrderWhenTheVirtualClockPassesThem() {
        VirtualClock clock = new VirtualClock(10);
        TimerQueue q = new TimerQueue(clock);
        List<String> fired = new ArrayList<>();
        TimerQueue.Timer a = q.newTimer(() -> fired.add("a"));
        TimerQueue.Timer b = q.newTimer(() -> fired.add("b"));
        q.schedule(b, 500);
        q.schedule(a, 200);
        assertEquals(200, q.nextDeadline());
        clock.instructionsRetired(19); // 190 ns
        q.runDue();
        assertEquals(List.of(), fired);
        clock.instructionsRetired(40); // 590 ns
        assertTrue(q.anythingDue());
        q.runDue();
        assertEquals(List.of("a", "b"), fired);
        assertEquals(Long.MAX_VALUE, q.nextDeadline());
    }

    @Test
    void cancelAndRearm() {
        VirtualClock clock = new VirtualClock(1);
        TimerQueue q = new TimerQueue(clock);
        int[] count = {0};
        TimerQueue.Timer t = q.newTimer(() -> count[0]++);
        q.schedule(t, 10);
        q.schedule(t, 30); // re-arming moves it
        clock.instructionsRetired(20);
        q.runDue();
        assertEquals(0, count[0]);
        q.cancel(t);
        assertFalse(t.armed());
        clock.instructionsRetired(20);
        q.runDue();
        assertEquals(0, count[0]);
    }

    @Test
    void idleSkipsVirtualTimeToTheNextTimerAndReportsWhenNothingCanWake() throws Exception {
        VirtualClock clock = new VirtualClock(1);
        TimerQueue q = new TimerQueue(clock);
        int[] count = {0};
        TimerQueue.Timer t = q.newTimer(() -> count[0]++);
        q.schedule(t, 1_000_000);
        assertTrue(q.idle());
        assertEquals(1_000_000, clock.nanos());
        assertEquals(1, count[0]);
        assertFalse(q.idle(), "no timer and no input source: a halted CPU would sleep forever");
    }

    @Test
    void postedEventsRunOnTheVcpuThreadAndWakeAnIdleHostClock() throws Exception {
        TimerQueue q = new TimerQueue(new HostClock());
        q.setAsyncSources(true);
        List<String> seen = new ArrayList<>();
        Thread poster = new Thread(() -> {
            try { Thread.sleep(50); } catch (InterruptedException ignored) { }
            q.post(() -> seen.add(Thread.currentThread().getName()));
        });
        poster.start();
        Thread.currentThread().setName("vcpu-test");
        assertTrue(q.idle());
        poster.join();
        assertEquals(List.of("vcpu-test"), seen);
    }
}
