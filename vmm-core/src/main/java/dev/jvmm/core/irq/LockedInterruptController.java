package dev.jvmm.core.irq;

import java.util.OptionalLong;

/**
 * A vCPU's view of the interrupt controllers for a machine with several vCPU threads: every call that
 * reads or changes controller state runs holding the machine's device lock, except the two polls a CPU
 * makes at every boundary ({@link #interruptPending()}, {@link #nmiPending()}), which read the view's
 * cached answer without it: a stale "no" only delays the interrupt to the next poll, a stale "yes" ends in
 * an {@link #acknowledge()} that (locked) finds nothing and returns -1.
 */
public final class LockedInterruptController implements InterruptController {
    private final InterruptController view;
    private final Object lock;

    public LockedInterruptController(InterruptController view, Object lock) {
        this.view = view;
        this.lock = lock;
    }

    @Override
    public boolean interruptPending() {
        return view.interruptPending();
    }

    @Override
    public int acknowledge() {
        synchronized (lock) {
            return view.acknowledge();
        }
    }

    @Override
    public boolean nmiPending() {
        return view.nmiPending();
    }

    @Override
    public void acknowledgeNmi() {
        synchronized (lock) {
            view.acknowledgeNmi();
        }
    }

    @Override
    public void nmiHandlerEnded() {
        synchronized (lock) {
            view.nmiHandlerEnded();
        }
    }

    @Override
    public boolean ownsMsr(int msr) {
        return view.ownsMsr(msr);
    }

    @Override
    public OptionalLong readMsr(int msr) {
        synchronized (lock) {
            return view.readMsr(msr);
        }
    }

    @Override
    public boolean writeMsr(int msr, long value, long tsc) {
        synchronized (lock) {
            return view.writeMsr(msr, value, tsc);
        }
    }

    @Override
    public boolean sendIpiToApicId(int apicId, int icrLow) {
        synchronized (lock) {
            return view.sendIpiToApicId(apicId, icrLow);
        }
    }

    @Override
    public boolean hasTaskPriority() {
        return view.hasTaskPriority();
    }

    @Override
    public int readCr8() {
        synchronized (lock) {
            return view.readCr8();
        }
    }

    @Override
    public void writeCr8(int value) {
        synchronized (lock) {
            view.writeCr8(value);
        }
    }

    @Override
    public int[] cpuidLeaf1(int ebx, int ecx, int edx) {
        synchronized (lock) {
            return view.cpuidLeaf1(ebx, ecx, edx);
        }
    }

    @Override
    public int initialApicId() {
        return view.initialApicId();
    }

    @Override
    public void setKickListener(Runnable kick) {
        synchronized (lock) {
            view.setKickListener(kick);
        }
    }
}
