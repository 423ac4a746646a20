package dev.jvmm.devices.apic;

import dev.jvmm.core.clock.TimerQueue;

/**
 * The local APIC timer (SDM vol. 3A "APIC Timer"): a 32-bit down-counter clocked by the bus clock
 * through the divide configuration register, in one-shot, periodic or TSC-deadline mode. As with
 * the PIT, the count is not decremented tick by tick: the timer remembers when counting started and
 * computes the current count from the machine {@code Clock}, so {@code --clock virtual} runs are
 * reproducible. The bus clock is 1 GHz, one count per clock nanosecond divided by the divisor (QEMU
 * uses the same rate); in TSC-deadline mode one TSC tick is taken as one nanosecond, which is what
 * jvmm's TSC (retired instructions) and its virtual clock (1 ns per instruction) agree on.
 */
final class ApicTimer {
    private final TimerQueue timers;
    private final TimerQueue.Timer timer;
    private final Runnable expired;
    private int mode = ApicRegisters.TIMER_ONE_SHOT;
    private long initialCount;
    private int divideConfig;
    private int divideShift = 1;
    /** Clock time at which the current period started (one-shot/periodic, count > 0). */
    private long periodStart;
    private boolean counting;
    private long deadline;

    ApicTimer(TimerQueue timers, Runnable expired) {
        this.timers = timers;
        this.expired = expired;
        this.timer = timers.newTimer(this::fire);
    }

    private long now() {
        return timers.clock().nanos();
    }

    /** Divide configuration bits 0, 1 and 3 select 2, 4, 8, 16, 32, 64, 128 or 1. */
    void setDivideConfig(int value) {
        long current = currentCount();
        divideConfig = value & 0xB;
        int code = (divideConfig & 3) | ((divideConfig >> 1) & 4);
        divideShift = (code + 1) & 7;
        if (counting) restartFrom(current);
    }

    int divideConfig() {
        return divideConfig;
    }

    /** The LVT timer mode changed; leaving or entering TSC-deadline mode disarms the timer. */
    void setMode(int newMode) {
        if (newMode == mode) return;
        boolean deadlineInvolved = newMode == ApicRegisters.TIMER_TSC_DEADLINE || mode == ApicRegisters.TIMER_TSC_DEADLINE;
        mode = newMode;
        if (deadlineInvolved) {
            stop();
            initialCount = 0;
            deadline = 0;
        }
    }

    /** A write to the initial-count register: (re)starts counting; 0 stops the timer. Ignored in TSC-deadline mode. */
    void setInitialCount(long count) {
        if (mode == ApicRegisters.TIMER_TSC_DEADLINE) return;
        initialCount = count & 0xFFFF_FFFFL;
        stop();
        if (initialCount != 0) {
            periodStart = now();
            counting = true;
            timers.schedule(timer, periodStart + (initialCount << divideShift));
        }
    }

    long initialCount() {
        return initialCount;
    }

    /** The current-count register: counts down from the initial count, 0 once a one-shot expired. */
    long currentCount() {
        if (!counting || mode == ApicRegisters.TIMER_TSC_DEADLINE) return 0;
        long ticks = (now() - periodStart) >> divideShift;
        if (ticks < initialCount) return initialCount - ticks;
        if (mode == ApicRegisters.TIMER_PERIODIC) return initialCount - ticks % initialCount;
        return 0;
    }

    /** IA32_TSC_DEADLINE write at TSC {@code tsc}: arms the timer (0 disarms); ignored in other modes. */
    void setDeadline(long value, long tsc) {
        if (mode != ApicRegisters.TIMER_TSC_DEADLINE) return;
        stop();
        deadline = value;
        if (value == 0) return;
        long delta = value - tsc;
        if (delta <= 0) {
            fire();
        } else {
            counting = true;
            timers.schedule(timer, now() + delta);
        }
    }

    /** IA32_TSC_DEADLINE read: the armed deadline, 0 once it fired or outside TSC-deadline mode. */
    long deadline() {
        return mode == ApicRegisters.TIMER_TSC_DEADLINE ? deadline : 0;
    }

    /** Stops counting (APIC reset or disable). */
    void reset() {
        stop();
        mode = ApicRegisters.TIMER_ONE_SHOT;
        initialCount = 0;
        deadline = 0;
        setDivideConfig(0);
    }

    private void stop() {
        timers.cancel(timer);
        counting = false;
    }

    private void restartFrom(long current) {
        long elapsedTicks = initialCount - current;
        periodStart = now() - (elapsedTicks << divideShift);
        timers.schedule(timer, periodStart + (initialCount << divideShift));
    }

    private void fire() {
        if (mode == ApicRegisters.TIMER_TSC_DEADLINE) {
            deadline = 0;
            counting = false;
        } else if (mode == ApicRegisters.TIMER_PERIODIC && initialCount != 0) {
            long period = initialCount << divideShift;
            long now = now();
            // Catch up whole periods missed while the vCPU was busy, as hardware would have counted on.
            long periods = Math.max(1, (now - periodStart) / period);
            periodStart += periods * period;
            timers.schedule(timer, periodStart + period);
        } else {
            counting = false; // the current count reads 0 from now on
        }
        expired.run();
    }
}
