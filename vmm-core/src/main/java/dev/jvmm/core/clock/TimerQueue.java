package dev.jvmm.core.clock;

import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The device side of time: timers that fire at a clock deadline, and events posted from other
 * threads (console input), all run on a vCPU thread holding the {@link #deviceLock()}, so device
 * models stay single-threaded however many vCPUs the machine has.
 *
 * <p>Engines call {@link #runDue()} at block boundaries (cheap when nothing is due: one comparison
 * against a cached deadline) and {@link #idle()} when the guest executes HLT. Timers are armed and
 * cancelled by devices, so under the device lock too.
 */
public final class TimerQueue {
    /** A scheduled callback; cancel it or re-arm it through the queue. */
    public static final class Timer {
        private final Runnable action;
        private long deadline = Long.MAX_VALUE;
        private boolean armed;

        private Timer(Runnable action) {
            this.action = action;
        }

        public boolean armed() {
            return armed;
        }

        public long deadline() {
            return deadline;
        }
    }

    private final Clock clock;
    private final PriorityQueue<Timer> queue = new PriorityQueue<>((a, b) -> Long.compare(a.deadline, b.deadline));
    private final ConcurrentLinkedQueue<Runnable> posted = new ConcurrentLinkedQueue<>();
    private final Object wakeLock = new Object();
    private final Object deviceLock = new Object();
    /** Advanced by every {@link #wake()} and {@link #post}: what a vCPU waiting in {@link #awaitWakeup} watches. */
    private volatile long wakeups;
    private volatile boolean postedPending;
    private volatile boolean asyncSources;
    private volatile boolean woken;
    private volatile long nextDeadline = Long.MAX_VALUE;

    public TimerQueue(Clock clock) {
        this.clock = clock;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * The machine's one device lock: held while a device runs — port and MMIO accesses (the buses take
     * it), timer callbacks and posted events ({@link #runDue}), a CPU's accesses to its local APIC. With
     * one vCPU it is never contended; with several it is what makes the single-threaded device models safe.
     */
    public Object deviceLock() {
        return deviceLock;
    }

    /** A new, unarmed timer that runs {@code action} on the vCPU thread. */
    public Timer newTimer(Runnable action) {
        return new Timer(action);
    }

    /** Arms (or re-arms) {@code timer} to fire when the clock reaches {@code deadlineNanos}. */
    public void schedule(Timer timer, long deadlineNanos) {
        if (timer.armed) queue.remove(timer);
        timer.deadline = deadlineNanos;
        timer.armed = true;
        queue.add(timer);
        nextDeadline = queue.peek().deadline;
    }

    public void cancel(Timer timer) {
        if (timer.armed) {
            queue.remove(timer);
            timer.armed = false;
            timer.deadline = Long.MAX_VALUE;
            nextDeadline = queue.isEmpty() ? Long.MAX_VALUE : queue.peek().deadline;
        }
    }

    /** The earliest armed deadline, or {@link Long#MAX_VALUE}. */
    public long nextDeadline() {
        return nextDeadline;
    }

    /** Declares that events may arrive from outside (an interactive console), so HLT may wait forever. */
    public void setAsyncSources(boolean present) {
        this.asyncSources = present;
    }

    /** True if events may arrive from outside ({@link #setAsyncSources}). */
    public boolean hasAsyncSources() {
        return asyncSources;
    }

    /** Thread-safe: runs {@code event} on the vCPU thread soon, waking it from HLT. */
    public void post(Runnable event) {
        posted.add(event);
        postedPending = true;
        synchronized (wakeLock) {
            wakeups++;
            wakeLock.notifyAll();
        }
    }

    /** True if a timer is due or an event was posted; engines may use it to end a block early. */
    public boolean anythingDue() {
        return postedPending || clock.nanos() >= nextDeadline;
    }

    /** Runs posted events and every timer whose deadline has passed, holding the device lock. Call on a vCPU thread. */
    public void runDue() {
        if (!postedPending && clock.nanos() < nextDeadline) return;
        synchronized (deviceLock) {
            runDueLocked();
        }
    }

    private void runDueLocked() {
        if (postedPending) {
            postedPending = false;
            Runnable r;
            while ((r = posted.poll()) != null) r.run();
        }
        long now = clock.nanos();
        while (now >= nextDeadline) {
            Timer t = queue.poll();
            t.armed = false;
            nextDeadline = queue.isEmpty() ? Long.MAX_VALUE : queue.peek().deadline;
            t.action.run();
        }
    }

    /**
     * The vCPU is halted: let time pass until the next timer or posted event, then run what is due.
     * Returns false if nothing can ever wake the CPU (no timer armed, no asynchronous source).
     */
    public boolean idle() throws InterruptedException {
        if (!postedPending) {
            long deadline = nextDeadline;
            if (deadline == Long.MAX_VALUE && !asyncSources) return false;
            if (!clock.skipTo(deadline)) {
                synchronized (wakeLock) {
                    while (!postedPending && !woken) {
                        long wait = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - clock.nanos();
                        if (wait <= 0) break;
                        if (wait == Long.MAX_VALUE) wakeLock.wait();
                        else wakeLock.wait(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    woken = false;
                }
            }
        }
        runDue();
        return true;
    }

    /** Wakes a thread blocked in {@link #idle()} without posting anything (used to stop a vCPU). */
    public void wake() {
        synchronized (wakeLock) {
            woken = true;
            wakeups++;
            wakeLock.notifyAll();
        }
    }

    /** The number of wake-ups so far (read it before checking what a wait would wait for). */
    public long wakeups() {
        return wakeups;
    }

    /**
     * For a halted vCPU of a machine with several: waits up to {@code maxNanos} of host time, or less if
     * a {@link #wake()} or {@link #post} came after the count {@code seen} returned by {@link #wakeups()}.
     */
    public void awaitWakeup(long seen, long maxNanos) throws InterruptedException {
        long end = System.nanoTime() + maxNanos;
        synchronized (wakeLock) {
            while (wakeups == seen && !postedPending) {
                long wait = end - System.nanoTime();
                if (wait <= 0) return;
                wakeLock.wait(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
    }
}
