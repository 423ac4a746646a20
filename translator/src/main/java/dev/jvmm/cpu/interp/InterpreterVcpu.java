package dev.jvmm.cpu.interp;

import dev.jvmm.core.clock.TimerQueue;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.engine.Platform;
import dev.jvmm.core.engine.Vcpu;
import dev.jvmm.core.engine.VcpuExit;
import dev.jvmm.core.irq.InterruptController;
import dev.jvmm.cpu.CpuException;

/**
 * The interpreter's run loop: instructions in batches, with maskable interrupts taken at
 * instruction boundaries (IF=1, no STI/MOV SS shadow), device timers run at least every
 * {@value #BATCH} instructions and after every port access, HLT turned into idle time, and retired
 * instructions reported to the clock. No Java exception leaves {@link #run()}: an unexpected one
 * becomes {@link VcpuExit.InternalError} naming CS:RIP and the instruction bytes.
 */
public final class InterpreterVcpu implements Vcpu {
    /** Instructions between timer checks. */
    static final int BATCH = 2048;

    private final Platform platform;
    private final Cpu cpu;
    private final Interpreter interp;
    private final TimerQueue timers;
    private final InterruptController pic;
    private volatile boolean exitRequested;
    private long reported;
    private boolean singleStep;

    InterpreterVcpu(Platform platform) {
        this.platform = platform;
        this.cpu = new Cpu(platform.memory());
        this.interp = new Interpreter(cpu, platform.ports());
        this.timers = platform.timers();
        this.pic = platform.interrupts();
    }

    private void retire() {
        long n = cpu.instructions - reported;
        if (n != 0) {
            reported = cpu.instructions;
            timers.clock().instructionsRetired(n);
        }
    }

    private boolean stopAsked() {
        return exitRequested || platform.stop().reason() != null;
    }

    @Override
    public VcpuExit run() {
        try {
            return loop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            retire();
            return new VcpuExit.ExitRequested();
        } catch (RuntimeException | StackOverflowError e) {
            retire();
            return new VcpuExit.InternalError(report(e));
        }
    }

    /**
     * Single-step mode, as {@code KvmVcpu.setSingleStep}: {@link #run()} returns
     * {@link VcpuExit.Breakpoint} with the next RIP after every guest instruction, or every
     * iteration of a REP string instruction (port I/O and timers are still handled inside); a HLT
     * ends its step once the CPU wakes up (or the run ends with {@link VcpuExit.Halted}). The
     * building block of a lockstep comparison.
     */
    @Override
    public boolean canSingleStep() {
        return true;
    }

    @Override
    public void setSingleStep(boolean on) {
        singleStep = on;
        interp.iterationPerStep = on;
    }

    /** The interpreter behind this vCPU (tests and lockstep tools). */
    Interpreter interpreter() {
        return interp;
    }

    private VcpuExit oneStep() throws InterruptedException {
        if (!cpu.nmiBlocked && !cpu.interruptShadow && pic.nmiPending()) {
            pic.acknowledgeNmi();
            interp.nmi();
        } else if ((cpu.flags & Cpu.IF) != 0 && !cpu.interruptShadow && pic.interruptPending()) {
            int vector = pic.acknowledge();
            if (vector >= 0) interp.externalInterrupt(vector);
        }
        if (interp.shutdown == null) interp.step();
        if (interp.shutdown != null) return shutdown();
        interp.ioDone = false;
        retire();
        timers.runDue();
        while (cpu.halted) {
            if (pic.nmiPending() && !cpu.nmiBlocked) break;
            if ((cpu.flags & Cpu.IF) == 0) return new VcpuExit.Halted("hlt with interrupts disabled");
            if (pic.interruptPending()) break;
            if (stopAsked()) break;
            if (!timers.idle()) return new VcpuExit.Halted("hlt with no timer or input that could wake the CPU");
        }
        return new VcpuExit.Breakpoint(cpu.rip);
    }

    private VcpuExit loop() throws InterruptedException {
        if (singleStep) {
            if (stopAsked()) {
                exitRequested = false;
                retire();
                return new VcpuExit.ExitRequested();
            }
            return oneStep();
        }
        while (true) {
            if (stopAsked()) {
                exitRequested = false;
                retire();
                return new VcpuExit.ExitRequested();
            }
            if (cpu.halted && !(pic.nmiPending() && !cpu.nmiBlocked)) {
                if ((cpu.flags & Cpu.IF) == 0) {
                    retire();
                    return new VcpuExit.Halted("hlt with interrupts disabled");
                }
                if (!pic.interruptPending()) {
                    retire();
                    if (!timers.idle()) return new VcpuExit.Halted("hlt with no timer or input that could wake the CPU");
                    continue;
                }
            }
            for (int n = 0; n < BATCH; n++) {
                if (!cpu.nmiBlocked && !cpu.interruptShadow && pic.nmiPending()) {
                    pic.acknowledgeNmi();
                    interp.nmi();
                    if (interp.shutdown != null) return shutdown();
                } else if ((cpu.flags & Cpu.IF) != 0 && !cpu.interruptShadow && pic.interruptPending()) {
                    int vector = pic.acknowledge();
                    if (vector >= 0) interp.externalInterrupt(vector);
                    if (interp.shutdown != null) return shutdown();
                }
                if (cpu.halted) break;
                interp.step();
                if (interp.shutdown != null) return shutdown();
                if (interp.ioDone) {
                    interp.ioDone = false;
                    retire();
                    timers.runDue();
                    if (stopAsked()) break;
                }
                if (cpu.halted) break;
            }
            retire();
            timers.runDue();
        }
    }

    private VcpuExit shutdown() {
        retire();
        String why = interp.shutdown;
        interp.shutdown = null;
        return new VcpuExit.Shutdown(why);
    }

    private String report(Throwable e) {
        StringBuilder bytes = new StringBuilder();
        for (int k = 0; k < 15; k++) {
            try {
                bytes.append(String.format("%02x ", cpu.fetch(cpu.rip + k)));
            } catch (CpuException | IllegalStateException f) {
                break;
            }
        }
        return String.format("interpreter failure at %04x:%x (%d-bit), bytes %s: %s", cpu.segSel[Cpu.CS], cpu.rip,
                cpu.mode, bytes.toString().trim(), e);
    }

    @Override
    public void requestExit() {
        exitRequested = true;
        timers.wake();
    }

    @Override
    public CpuState state() {
        return cpu.state();
    }

    @Override
    public void setState(CpuState state) {
        cpu.setState(state);
        interp.shutdown = null;
    }

    @Override
    public long instructionsRetired() {
        return cpu.instructions;
    }

    @Override
    public String stats() {
        return interp.stats();
    }
}
