package dev.jvmm.cpu.interp;

import dev.jvmm.core.clock.TimerQueue;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.engine.Platform;
import dev.jvmm.core.engine.StartupGate;
import dev.jvmm.core.engine.Vcpu;
import dev.jvmm.core.engine.VcpuExit;
import dev.jvmm.core.engine.VcpuGroup;
import dev.jvmm.core.irq.InterruptController;
import dev.jvmm.cpu.CpuException;

/**
 * What every vCPU built on the software CPU shares — the interp engine's and the jit engine's: the
 * {@link Cpu} and its {@link Interpreter}, interrupts taken at instruction boundaries (an NMI whatever IF
 * says, a maskable interrupt with IF=1 and no STI/MOV SS shadow), HLT turned into idle time, retired
 * instructions reported to the clock, stop requests, single-step mode, and the rule that no Java
 * exception leaves {@link #run()}: an unexpected one becomes {@link VcpuExit.InternalError} naming
 * CS:RIP and the instruction bytes. A subclass supplies the batch loop ({@link #loop()}).
 */
public abstract class SoftwareVcpu implements Vcpu {
    /** Instructions between timer checks. */
    protected static final int BATCH = 2048;

    protected final Platform platform;
    protected final Cpu cpu;
    protected final Interpreter interp;
    protected final TimerQueue timers;
    protected final InterruptController pic;
    /** This vCPU's index in its machine (0: the bootstrap processor). */
    protected final int index;
    /** The machine's other vCPUs, or null if this is its only one. */
    private final VcpuGroup group;
    private volatile boolean exitRequested;
    private long reported;
    private boolean singleStep;

    /** INIT and start-up IPIs from other vCPUs (null: the only vCPU, which ignores them). */
    private final StartupGate startup;

    /** The only vCPU of its machine. */
    protected SoftwareVcpu(Platform platform) {
        this(platform, 0, null);
    }

    /** vCPU {@code index} of a machine whose vCPUs share {@code group} (null: the only one). */
    protected SoftwareVcpu(Platform platform, int index, VcpuGroup group) {
        this.platform = platform;
        this.index = index;
        this.group = group;
        this.cpu = new Cpu(platform.memory());
        this.interp = new Interpreter(cpu, platform.ports());
        this.timers = platform.timers();
        InterruptController view = platform.interrupts(index);
        if (group != null) {
            view = new dev.jvmm.core.irq.LockedInterruptController(view, timers.deviceLock());
            interp.enableAtomics();
            interp.othersRunning = group::othersRunning;
        }
        this.startup = group != null ? new StartupGate(index != 0) : null;
        this.pic = view;
        cpu.interrupts = pic; // a local APIC also owns its MSRs and CR8
        cpu.tscNanos = this::clockNanos;
    }

    /** The machine clock now; instructions retired so far are reported first, so a virtual clock is exact. */
    private long clockNanos() {
        retire();
        return timers.clock().nanos();
    }

    /** Runs instructions in batches until something ends the run; called when not single-stepping. */
    protected abstract VcpuExit loop() throws InterruptedException;

    /** "jit engine", "interpreter": how failures name this vCPU. */
    protected abstract String label();

    /** Extra context for a failure report (e.g. the last translated unit), or "". */
    protected String failureContext() {
        return "";
    }

    /**
     * CPU time this vCPU's thread spent in {@link #run()} outside single-step mode, in nanoseconds (0 where
     * the JVM cannot measure it). Reading the thread's CPU clock asks the kernel: once per run, never per step.
     */
    private long runCpuNanos;

    /** CPU time spent running this vCPU so far, in seconds: guest instructions per CPU second for {@code --stats}. */
    protected final double runCpuSeconds() {
        return runCpuNanos / 1e9;
    }

    @Override
    public final VcpuExit run() {
        if (singleStep) return runMeasured();
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
        try {
            return runMeasured();
        } finally {
            if (cpu0 >= 0) runCpuNanos += threads.getCurrentThreadCpuTime() - cpu0;
        }
    }

    private VcpuExit runMeasured() {
        if (group != null) dev.jvmm.core.engine.CurrentVcpu.set(index);
        try {
            if (startup != null && startup.mustWait()) {
                boolean go = startup.await(s -> {
                    cpu.setState(s);
                    interp.shutdown = null;
                }, this::stopAsked, group);
                if (!go) return exitForStop();
            }
            if (!singleStep) return loop();
            return stopAsked() ? exitForStop() : oneStep();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            retire();
            return new VcpuExit.ExitRequested();
        } catch (RuntimeException | StackOverflowError | LinkageError | OutOfMemoryError e) {
            retire();
            return new VcpuExit.InternalError(report(e));
        }
    }

    /**
     * Tells the clock about instructions retired since the last report, in cycles: one per instruction
     * plus the stalls some took ({@link Cpu#stallCycles}).
     */
    protected final void retire() {
        long cycles = cpu.instructions + cpu.stallCycles;
        long n = cycles - reported;
        if (n != 0) {
            reported = cycles;
            timers.clock().instructionsRetired(n);
        }
    }

    protected final boolean stopAsked() {
        return exitRequested || platform.stop().reason() != null;
    }

    @Override
    public void deliverInit() {
        if (startup == null) return;
        startup.init();
        requestExit();
    }

    @Override
    public void deliverStartup(int vector) {
        if (startup != null) startup.startup(vector);
    }

    /** Consumes the exit request and returns the exit for it. */
    protected final VcpuExit exitForStop() {
        exitRequested = false;
        retire();
        return new VcpuExit.ExitRequested();
    }

    /**
     * At an instruction boundary: delivers a pending NMI (unless one is being handled), else a maskable
     * interrupt if IF and the interrupt shadow allow. True if something was delivered.
     */
    protected final boolean acceptInterrupt() {
        if (!cpu.nmiBlocked && !cpu.interruptShadow && pic.nmiPending()) {
            pic.acknowledgeNmi();
            interp.nmi();
            return true;
        }
        if ((cpu.flags & Cpu.IF) != 0 && !cpu.interruptShadow && pic.interruptPending()) {
            int vector = pic.acknowledge();
            if (vector >= 0) {
                interp.externalInterrupt(vector);
                return true;
            }
        }
        return false;
    }

    private boolean nmiCanWake() {
        return pic.nmiPending() && !cpu.nmiBlocked;
    }

    /**
     * While the CPU sits in HLT, lets time pass. Returns {@link VcpuExit.Halted} if nothing can ever
     * wake it, or null once an interrupt is pending or a stop was asked for.
     */
    protected final VcpuExit waitWhileHalted() throws InterruptedException {
        if (group != null) return waitWhileHaltedWithOthers();
        while (cpu.halted && !nmiCanWake()) {
            if ((cpu.flags & Cpu.IF) == 0) {
                retire();
                return new VcpuExit.Halted("hlt with interrupts disabled");
            }
            if (pic.interruptPending()) return null;
            retire();
            if (!timers.idle()) return new VcpuExit.Halted("hlt with no timer or input that could wake the CPU");
            if (stopAsked()) return null;
        }
        return null;
    }

    /** HLT on a machine with other vCPUs: {@link VcpuGroup#idleWhileHalted}, until this CPU can run again. */
    private VcpuExit waitWhileHaltedWithOthers() throws InterruptedException {
        if (!cpu.halted) return null;
        retire();
        boolean stuck = (cpu.flags & Cpu.IF) == 0; // only an NMI or INIT from another vCPU can wake it
        return group.idleWhileHalted(index, stuck, timers, () -> !cpu.halted || nmiCanWake()
                || !stuck && pic.interruptPending() || stopAsked() || startup.initPending());
    }

    /** Single-step mode: one interpreted instruction (or REP iteration) per run, then a Breakpoint exit. */
    private VcpuExit oneStep() throws InterruptedException {
        acceptInterrupt();
        if (interp.shutdown == null) interp.step();
        if (interp.shutdown != null) return shutdown();
        interp.ioDone = false;
        retire();
        timers.runDue();
        while (cpu.halted) {
            if (nmiCanWake()) break;
            if ((cpu.flags & Cpu.IF) == 0) return new VcpuExit.Halted("hlt with interrupts disabled");
            if (pic.interruptPending()) break;
            if (stopAsked()) break;
            if (!timers.idle()) return new VcpuExit.Halted("hlt with no timer or input that could wake the CPU");
        }
        return new VcpuExit.Breakpoint(cpu.rip);
    }

    /** The interpreter reported a triple fault (or another shutdown). */
    protected final VcpuExit shutdown() {
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
        return String.format("%s failure at %04x:%x (%d-bit), bytes %s%s: %s", label(), cpu.segSel[Cpu.CS], cpu.rip,
                cpu.mode, bytes.toString().trim(), failureContext(), e);
    }

    @Override
    public boolean canSingleStep() {
        return true;
    }

    /**
     * Single-step mode, as {@code KvmVcpu.setSingleStep}: {@link #run()} returns
     * {@link VcpuExit.Breakpoint} with the next RIP after every guest instruction, or every iteration of
     * a REP string instruction (port I/O and timers are still handled inside); a HLT ends its step once
     * the CPU wakes up (or the run ends with {@link VcpuExit.Halted}). The building block of a lockstep
     * comparison and of {@code jvmm run --trace insn}.
     */
    @Override
    public void setSingleStep(boolean on) {
        singleStep = on;
        interp.iterationPerStep = on;
    }

    protected final boolean singleStepping() {
        return singleStep;
    }

    /** Data accesses go through {@link Cpu#linear}, where the watch is called (single-stepped code only: see {@link Vcpu}). */
    @Override
    public boolean setMemoryWatch(dev.jvmm.core.engine.MemoryWatch watch) {
        cpu.debuggerWatch = watch;
        cpu.debugArmed = DebugRegisters.armed(cpu);
        return true;
    }

    /** Every event {@code Interrupts} delivers is reported ({@code -d int}). */
    @Override
    public boolean setInterruptTrace(dev.jvmm.core.engine.InterruptTrace trace) {
        cpu.interruptTrace = trace;
        return true;
    }

    @Override
    public void requestExit() {
        exitRequested = true;
        timers.wake();
        if (startup != null && startup.waitingForStartup()) startup.wakeForStop();
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
}
