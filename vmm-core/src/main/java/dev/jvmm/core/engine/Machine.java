package dev.jvmm.core.engine;

/**
 * One guest as an engine runs it: the {@link Platform} it was made for and that guest's vCPUs, made by
 * index (crosvm's {@code Vm}, Firecracker's {@code Vm::create_vcpus}). vCPU 0 is the bootstrap processor
 * and runs the state the boot loader gives it; every other vCPU is an application processor that starts
 * in wait-for-SIPI, as on a PC: it runs nothing until its local APIC receives INIT and a start-up IPI
 * ({@link Vcpu#deliverInit()}, {@link Vcpu#deliverStartup(int)}). Each vCPU is run by a thread of its own.
 */
public interface Machine extends AutoCloseable {
    Platform platform();

    /** How many vCPUs this machine has: one per view of its interrupt chip. */
    default int vcpuCount() {
        return platform().irqChip().vcpuCount();
    }

    /** Makes vCPU {@code index} (0 to {@link #vcpuCount()} - 1); call once per index. */
    Vcpu createVcpu(int index);

    @Override
    default void close() {}

    /** The machine of an engine that runs one vCPU per guest: vCPU 0 is {@link Engine#createVcpu(Platform)}. */
    static Machine singleVcpu(Engine engine, Platform platform) {
        return new Machine() {
            @Override
            public Platform platform() {
                return platform;
            }

            @Override
            public Vcpu createVcpu(int index) {
                if (index != 0) throw new IllegalArgumentException("engine " + engine.name() + " runs one vCPU, not vCPU " + index);
                return engine.createVcpu(platform);
            }
        };
    }
}
