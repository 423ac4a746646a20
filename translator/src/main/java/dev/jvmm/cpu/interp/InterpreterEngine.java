package dev.jvmm.cpu.interp;

import dev.jvmm.core.engine.Engine;
import dev.jvmm.core.engine.Platform;
import dev.jvmm.core.engine.Vcpu;

/** The {@code interp} engine: every guest instruction runs through {@link Interpreter}. */
public final class InterpreterEngine implements Engine {
    @Override
    public String name() {
        return "interp";
    }

    @Override
    public Vcpu createVcpu(Platform platform) {
        return new InterpreterVcpu(platform);
    }
}
