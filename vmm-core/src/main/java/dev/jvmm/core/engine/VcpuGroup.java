package dev.jvmm.cpu.interp;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the software vCPUs of one machine with several share besides the platform: how many there are
 * and how many are idle (halted, or waiting for a start-up IPI). When every one is idle, time can only
 * move through the timers: a virtual clock jumps to the next deadline, and with none armed (and no
 * console) nothing can ever wake a CPU, which vCPU 0 reports as the end of the run.
 */
public final class VcpuGroup {
    private final int size;
    private final AtomicInteger idle = new AtomicInteger();
    /** Idle ones that no timer or device can wake: HLT with IF=0, waiting for a start-up IPI. */
    private final AtomicInteger stuck = new AtomicInteger();

    public VcpuGroup(int size) {
        if (size < 2) throw new IllegalArgumentException("a group is two vCPUs or more, not " + size);
        this.size = size;
    }

    public int size() {
        return size;
    }

    /** {@code stuck}: only another vCPU (an IPI, NMI, INIT or SIPI) can wake this one. */
    void enterIdle(boolean stuck) {
        if (stuck) this.stuck.incrementAndGet();
        idle.incrementAndGet();
    }

    void leaveIdle(boolean stuck) {
        idle.decrementAndGet();
        if (stuck) this.stuck.decrementAndGet();
    }

    /** True if every vCPU of the machine is halted or waiting for a start-up IPI. */
    boolean allIdle() {
        return idle.get() == size;
    }

    /** True if every vCPU is idle in a way only another vCPU could end: none ever will. */
    boolean allStuck() {
        return stuck.get() == size;
    }
}
