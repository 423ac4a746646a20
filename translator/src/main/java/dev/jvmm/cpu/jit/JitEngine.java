package dev.jvmm.cpu.jit;

import dev.jvmm.core.engine.Engine;
import dev.jvmm.core.engine.Platform;
import dev.jvmm.core.engine.Vcpu;

/**
 * The {@code jit} engine: the interpreter plus the bytecode translator. Hot guest code is
 * translated into hidden classes that HotSpot compiles; everything else is interpreted. Set
 * {@code -Djvmm.jit.trace=true} to print every translated unit (guest instructions and bytecode).
 * Translation runs on a background thread while the vCPU keeps interpreting
 * ({@code -Djvmm.jit.background=false} translates on the vCPU thread instead).
 */
public final class JitEngine implements Engine {
    private final boolean background;

    /** Translation on a background thread unless {@code -Djvmm.jit.background=false}. */
    public JitEngine() {
        this(!"false".equals(System.getProperty("jvmm.jit.background")));
    }

    /** {@code background}: translate on a worker thread (the vCPU keeps interpreting meanwhile) or on the vCPU thread. */
    JitEngine(boolean background) {
        this.background = background;
    }

    @Override
    public String name() {
        return "jit";
    }

    @Override
    public Vcpu createVcpu(Platform platform) {
        return new JitVcpu(platform, Boolean.getBoolean("jvmm.jit.trace") ? System.err : null, background);
    }
}
