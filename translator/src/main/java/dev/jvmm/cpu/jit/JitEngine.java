package dev.jvmm.cpu.jit;

import dev.jvmm.core.engine.Engine;
import dev.jvmm.core.engine.Platform;
import dev.jvmm.core.engine.Vcpu;

/**
 * The {@code jit} engine: the interpreter plus the bytecode translator. Hot guest code is
 * translated into hidden classes that HotSpot compiles; everything else is interpreted. Set
 * {@code -Djvmm.jit.trace=true} to print every translated unit (guest instructions and bytecode).
 */
public final class JitEngine implements Engine {
    @Override
    public String name() {
        return "jit";
    }

    @Override
    public Vcpu createVcpu(Platform platform) {
        return new JitVcpu(platform, Boolean.getBoolean("jvmm.jit.trace") ? System.err : null);
    }
}
