package dev.jvmm.core.engine;

/**
 * An execution engine: the interpreter, the translator (interpreter + JIT to bytecode) or /dev/kvm.
 * All engines drive the same {@link Platform}: memory, buses, interrupt controller and timers.
 *
 * <pre>
 *   Engine ──createMachine(Platform)──► Machine ──createVcpu(index)──► Vcpu
 * </pre>
 */
public interface Engine {
    /** The name used on the command line: "interp", "jit", "kvm". */
    String name();

    /** Null if the engine can run here, otherwise one line saying what is missing. */
    default String unavailableReason() {
        return null;
    }

    /** Null if this engine can run a machine of {@code vcpus} vCPUs, otherwise one line saying why not. */
    default String smpUnavailableReason(int vcpus) {
        return vcpus == 1 ? null : "engine " + name() + " runs one vCPU per guest";
    }

    /** The machine for {@code platform}: as many vCPUs as its interrupt chip has views. */
    default Machine createMachine(Platform platform) {
        return Machine.singleVcpu(this, platform);
    }

    /** vCPU 0 of a one-vCPU machine on {@code platform}. */
    Vcpu createVcpu(Platform platform);
}
