package dev.jvmm.core.engine;

import dev.jvmm.core.cpu.CpuState;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * INIT and start-up IPIs for one vCPU of a machine with several (SDM vol. 3A, 9.4 "Multiple-Processor
 * (MP) Initialization"): an application processor waits for a start-up IPI before it runs anything; an
 * INIT resets a CPU at its next instruction boundary (vCPU 0 then runs from the reset vector, any other
 * waits for a start-up IPI again); a start-up IPI to a waiting CPU starts it in real mode at
 * {@code vector << 12}, and one to a running CPU is ignored. Other threads deliver ({@link #init},
 * {@link #startup}); the vCPU's own thread calls {@link #await} whenever {@link #mustWait()} holds.
 */
public final class StartupGate {
    private final boolean applicationProcessor;
    private final Object lock = new Object();
    private volatile boolean initPending;
    private volatile boolean waitingForSipi;
    private volatile int sipiVector = -1;
    /** For other vCPUs' threads while this one waits: an INIT or start-up IPI arrived that it has not taken yet. */
    private final BooleanSupplier aboutToStart = () -> initPending || sipiVector >= 0;

    /** {@code applicationProcessor}: any vCPU but 0, which starts waiting for a start-up IPI. */
    public StartupGate(boolean applicationProcessor) {
        this.applicationProcessor = applicationProcessor;
        this.waitingForSipi = applicationProcessor;
    }

    /** True if the vCPU may not run guest code now: an INIT is to be taken, or it waits for a start-up IPI. */
    public boolean mustWait() {
        return initPending || waitingForSipi;
    }

    /** True if an INIT arrived and the vCPU has not reset yet (a halted vCPU stops waiting for it). */
    public boolean initPending() {
        return initPending;
    }

    /** True while the vCPU waits for a start-up IPI (it runs nothing). */
    public boolean waitingForStartup() {
        return waitingForSipi;
    }

    /** Thread-safe: INIT arrived. The caller then makes the vCPU's run return so it reaches {@link #await}. */
    public void init() {
        synchronized (lock) {
            initPending = true;
            sipiVector = -1;
            lock.notifyAll();
        }
    }

    /** Thread-safe: a start-up IPI with {@code vector}; ignored unless the vCPU waits for one (or is being INIT-ed). */
    public void startup(int vector) {
        synchronized (lock) {
            if ((waitingForSipi || initPending) && sipiVector < 0) {
                sipiVector = vector & 0xFF;
                lock.notifyAll();
            }
        }
    }

    /** Thread-safe: wakes a vCPU blocked in {@link #await} so it sees a stop request. */
    public void wakeForStop() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /**
     * On the vCPU's thread: takes a pending INIT ({@code load} gets {@link CpuState#afterReset()}) and
     * waits, idle in {@code group}, for a start-up IPI ({@code load} gets
     * {@link CpuState#afterStartupIpi(int)}). Returns true once the vCPU may run, false if {@code stop}
     * became true first.
     */
    public boolean await(Consumer<CpuState> load, BooleanSupplier stop, VcpuGroup group) throws InterruptedException {
        synchronized (lock) {
            boolean idle = false;
            try {
                while (true) {
                    if (initPending) {
                        initPending = false;
                        load.accept(CpuState.afterReset());
                        waitingForSipi = applicationProcessor;
                    }
                    if (!waitingForSipi) return true;
                    if (sipiVector >= 0) {
                        load.accept(CpuState.afterStartupIpi(sipiVector));
                        sipiVector = -1;
                        waitingForSipi = false;
                        return true;
                    }
                    if (stop.getAsBoolean()) return false;
                    if (!idle) {
                        group.enterIdle(true, aboutToStart);
                        idle = true;
                    }
                    lock.wait(10);
                }
            } finally {
                if (idle) group.leaveIdle(true, aboutToStart);
            }
        }
    }
}
