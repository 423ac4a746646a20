package dev.jvmm.core.engine;

/**
 * Which vCPU the calling thread runs, for the few devices that answer each CPU differently at the same
 * address (the xAPIC page: every CPU sees its own local APIC there). A software vCPU thread of a machine
 * with several sets it; any other thread reads 0, the bootstrap processor.
 */
public final class CurrentVcpu {
    private static final ThreadLocal<int[]> INDEX = ThreadLocal.withInitial(() -> new int[1]);

    private CurrentVcpu() {}

    /** The index of the vCPU this thread runs (0 if it runs none). */
    public static int index() {
        return INDEX.get()[0];
    }

    /** Declares that this thread runs vCPU {@code index}. */
    public static void set(int index) {
        INDEX.get()[0] = index;
    }
}
