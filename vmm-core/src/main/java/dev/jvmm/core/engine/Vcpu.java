package dev.jvmm.core.engine;

import dev.jvmm.core.cpu.CpuState;

/** One virtual CPU of some engine. Not thread-safe except for {@link #requestExit()}. */
public interface Vcpu extends AutoCloseable {
    /** Runs guest code until something the machine must handle; see {@link VcpuExit}. */
    VcpuExit run();

    /** Thread-safe: makes a running (or idle) {@link #run()} return {@link VcpuExit.ExitRequested} soon. */
    void requestExit();

    /** A snapshot of the architectural state (a copy). */
    CpuState state();

    /** Replaces the architectural state, e.g. as set up by a boot loader. */
    void setState(CpuState state);

    /** Guest instructions retired so far (engines that cannot count return -1). */
    long instructionsRetired();

    /** True if {@link #setSingleStep} works on this engine. */
    default boolean canSingleStep() {
        return false;
    }

    /**
     * Single-step mode: {@link #run()} returns {@link VcpuExit.Breakpoint} after every guest instruction
     * (port I/O and timers are still served inside). For instruction traces and lockstep comparison.
     */
    default void setSingleStep(boolean on) {
        throw new UnsupportedOperationException("this engine cannot single-step");
    }

    /**
     * Watches data accesses for a debugger ({@code null} stops watching); false if this engine cannot.
     * Where it can, accesses are reported while single-stepping ({@link #setSingleStep}); whether
     * translated code reports them is the engine's business (the software engines' do not: their
     * debugger steps them instead).
     */
    default boolean setMemoryWatch(MemoryWatch watch) {
        return false;
    }

    /**
     * Data watchpoints in the x86 debug registers, for engines that cannot report every access through
     * {@link #setMemoryWatch} (kvm: KVM_SET_GUEST_DEBUG with USE_HW_BP). At most four; each 1, 2, 4 or 8
     * bytes at an address aligned to its length; {@code writesOnly} false means reads and writes (DR7 has
     * no read-only kind). {@link #run()} returns {@link VcpuExit.Breakpoint} after the instruction whose
     * access hit one, and {@link #debugTrapHits()} says which. An empty list clears them; false if this
     * engine has no debug registers to offer.
     */
    default boolean setDebugWatchpoints(java.util.List<DebugWatchpoint> watchpoints) {
        return false;
    }

    /** After a {@link VcpuExit.Breakpoint}: bit i set if watchpoint i of {@link #setDebugWatchpoints} hit (DR6 B0-B3). */
    default int debugTrapHits() {
        return 0;
    }

    /**
     * Live counters for a monitor ({@code jvmm stat}): each name with its value so far. Called from
     * ANOTHER thread while {@link #run()} goes on, so values are plain reads of fields the vCPU thread
     * writes and may be a moment old (HotSpot does not tear a {@code long} on 64-bit hosts). Names stay
     * the same from call to call; counters may be added as they first become non-zero.
     */
    default void sampleCounters(java.util.function.ObjLongConsumer<String> out) {
        long retired = instructionsRetired();
        if (retired >= 0) out.accept("instructions retired", retired);
    }

    /**
     * Thread-safe: this vCPU's local APIC received INIT. The vCPU resets (registers to their INIT values,
     * SDM vol. 3A "Initialization Overview") at its next instruction boundary; an application processor
     * then waits for a start-up IPI. Engines that run one vCPU ignore it.
     */
    default void deliverInit() {}

    /**
     * Thread-safe: a start-up IPI with {@code vector} arrived. A vCPU waiting for one starts in real mode at
     * {@code vector << 12} (CS = vector << 8, IP = 0); any other vCPU ignores it, as the SDM says.
     */
    default void deliverStartup(int vector) {}

    /**
     * For a debugger ({@code monitor jit}): the translated code that holds the instruction at CS:RIP,
     * each guest instruction with the code made for it; null where there is none (or no translator).
     */
    default String translationAtPc() {
        return null;
    }

    /** Reports every interrupt and exception delivered ({@code null} stops); false if this engine cannot. */
    default boolean setInterruptTrace(InterruptTrace trace) {
        return false;
    }

    /** Engine-specific counters for {@code --stats}, one per line. */
    default String stats() {
        return "";
    }

    @Override
    default void close() {}
}
