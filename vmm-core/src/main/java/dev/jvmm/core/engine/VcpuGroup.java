package dev.jvmm.core.engine;

import dev.jvmm.core.clock.TimerQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * What the vCPUs of one machine with several share besides the platform: how many there are and how
 * many are idle (halted, or waiting for a start-up IPI). When every one is idle, time can only move
 * through the timers: a virtual clock jumps to the next deadline, and with none armed (and no console)
 * nothing can ever wake a CPU, which vCPU 0 reports as the end of the run. Every engine's vCPUs idle
 * through {@link #idleWhileHalted} (the software CPU's HLT, KVM's HLT exit with a userspace APIC).
 */
public final class VcpuGroup {
    /** The longest a halted vCPU of several sleeps before it looks again (interrupts from the 8259A wake nobody). */
    private static final long IDLE_POLL_NANOS = 1_000_000;

    private final int size;
    private final AtomicInteger idle = new AtomicInteger();
    /** Idle ones that no timer or device can wake: HLT with IF=0, waiting for a start-up IPI. */
    private final AtomicInteger stuck = new AtomicInteger();
    /** Per idle vCPU: has something arrived that wakes it once its thread looks ({@link #anyAboutToWake})? */
    private final Set<BooleanSupplier> wakeConditions = ConcurrentHashMap.newKeySet();

    public VcpuGroup(int size) {
        if (size < 2) throw new IllegalArgumentException("a group is two vCPUs or more, not " + size);
        this.size = size;
    }

    public int size() {
        return size;
    }

    /** {@code stuck}: only another vCPU (an IPI, NMI, INIT or SIPI) can wake this one. */
    public void enterIdle(boolean stuck) {
        if (stuck) this.stuck.incrementAndGet();
        idle.incrementAndGet();
    }

    public void leaveIdle(boolean stuck) {
        idle.decrementAndGet();
        if (stuck) this.stuck.decrementAndGet();
    }

    /**
     * {@link #enterIdle(boolean)}, telling the group how another vCPU's thread can ask whether this one is
     * about to wake ({@code wakes}, thread-safe): until {@link #leaveIdle(boolean, BooleanSupplier)}.
     */
    public void enterIdle(boolean stuck, BooleanSupplier wakes) {
        wakeConditions.add(wakes);
        enterIdle(stuck);
    }

    public void leaveIdle(boolean stuck, BooleanSupplier wakes) {
        leaveIdle(stuck);
        wakeConditions.remove(wakes);
    }

    /**
     * True if an idle vCPU has an interrupt, NMI, INIT or start-up IPI waiting that its thread has not seen yet:
     * one vCPU may send another an IPI and halt before the other's thread looks, so "every vCPU is idle" alone
     * does not mean none will ever run again.
     */
    boolean anyAboutToWake() {
        for (BooleanSupplier w : wakeConditions) {
            if (w.getAsBoolean()) return true;
        }
        return false;
    }

    /** Asked by a running vCPU: is any other vCPU running too (not halted, not waiting for a start-up IPI)? */
    public boolean othersRunning() {
        return idle.get() < size - 1;
    }

    /** True if every vCPU of the machine is halted or waiting for a start-up IPI. */
    public boolean allIdle() {
        return idle.get() == size;
    }

    /** True if every vCPU is idle in a way only another vCPU could end: none ever will. */
    public boolean allStuck() {
        return stuck.get() == size;
    }

    /**
     * HLT on vCPU {@code index} of this machine: any other vCPU may wake it (an IPI, an interrupt routed
     * here, an NMI, INIT), so it sleeps until a wake-up or its poll period, running due timers meanwhile,
     * and returns null as soon as {@code wake} holds. Only when every vCPU is idle does time jump (a
     * virtual clock), or does vCPU 0 end the run with the returned {@link VcpuExit.Halted} because
     * nothing could ever wake any of them. {@code stuck}: interrupts are disabled, only another vCPU's
     * NMI or INIT can wake this one.
     */
    public VcpuExit.Halted idleWhileHalted(int index, boolean stuck, TimerQueue timers, BooleanSupplier wake)
            throws InterruptedException {
        enterIdle(stuck, wake);
        try {
            while (true) {
                long seen = timers.wakeups();
                if (wake.getAsBoolean()) return null;
                timers.runDue();
                long wait = IDLE_POLL_NANOS;
                if (allIdle()) {
                    long deadline = timers.nextDeadline();
                    if (allStuck()) {
                        if (index == 0 && !anyAboutToWake()) return new VcpuExit.Halted("hlt with interrupts disabled on every vCPU");
                    } else if (deadline == Long.MAX_VALUE) {
                        if (index == 0 && !timers.hasAsyncSources() && !anyAboutToWake()) {
                            return new VcpuExit.Halted("every vCPU halted with no timer or input that could wake one");
                        }
                    } else if (timers.clock().skipTo(deadline)) {
                        timers.runDue();
                        continue;
                    } else {
                        wait = Math.min(wait, Math.max(0, deadline - timers.clock().nanos()));
                    }
                }
                timers.awaitWakeup(seen, wait);
            }
        } finally {
            leaveIdle(stuck, wake);
        }
    }
}
