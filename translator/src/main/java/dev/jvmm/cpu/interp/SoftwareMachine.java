package dev.jvmm.cpu.interp;

import dev.jvmm.core.engine.VcpuGroup;
import dev.jvmm.core.engine.Machine;
import dev.jvmm.core.engine.Platform;
import dev.jvmm.core.engine.Vcpu;

/**
 * A machine of software vCPUs (interp or jit): one per view of the platform's interrupt chip. With
 * more than one they share a {@link VcpuGroup}, take the device lock for their local APICs and run
 * LOCK-ed instructions atomically on the shared RAM.
 */
public final class SoftwareMachine implements Machine {
    /** Makes vCPU {@code index} of the machine; {@code group} is null for a machine of one. */
    @FunctionalInterface
    public interface VcpuFactory {
        Vcpu create(Platform platform, int index, VcpuGroup group);
    }

    private final Platform platform;
    private final VcpuFactory factory;
    private final VcpuGroup group;

    public SoftwareMachine(Platform platform, VcpuFactory factory) {
        this.platform = platform;
        this.factory = factory;
        int n = platform.irqChip().vcpuCount();
        this.group = n > 1 ? new VcpuGroup(n) : null;
    }

    @Override
    public Platform platform() {
        return platform;
    }

    @Override
    public Vcpu createVcpu(int index) {
        if (index < 0 || index >= vcpuCount()) throw new IllegalArgumentException("this machine has " + vcpuCount() + " vCPUs, not vCPU " + index);
        return factory.create(platform, index, group);
    }
}
