package dev.jvmm.core.engine;

/**
 * An execution engine: the interpreter, the translator (interpreter + JIT to bytecode) or /dev/kvm.
 * All engines drive the same {@link Platform}: memory, buses, interrupt controller and timers.
 */
public interface Engine {
    /** The name used on the command line: "interp", "jit", "kvm". */
    String name();

    /** Null if the engine can run here, otherwise one line saying what is missing. */
    default String unavailableReason() {
        return null;
    }

    Vcpu createVcpu(Platform platform);
}
