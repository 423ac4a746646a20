package dev.jvmm.cpu.interp;

import dev.jvmm.core.engine.Engine;
import dev.jvmm.core.engine.Machine;
import dev.jvmm.core.engine.Platform;
import dev.jvmm.core.engine.Vcpu;

/** The {@code interp} engine: every guest instruction runs through {@link Interpreter}. */
public final class InterpreterEngine implements Engine {
    @Override
    public String name() {
        return "interp";
    }

    @Override
    public String smpUnavailableReason(int vcpus) {
        return null;
    }

    @Override
    public Machine createMachine(Platform platform) {
        return new SoftwareMachine(platform, InterpreterVcpu::new);
    }

    @Override
    public Vcpu createVcpu(Platform platform) {
        return new InterpreterVcpu(platform);
    }
}
