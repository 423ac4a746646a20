package dev.jvmm.core.irq;

/**
 * The machine's interrupt controllers as the CPUs see them: one {@link InterruptController} view per
 * vCPU (INTR/INTA, NMI, and with a local APIC its registers, EOI and task priority), behind which sit
 * the shared controllers (8259A pair, IOAPIC) fed from one {@link GsiRouting} table. Devices never see
 * this: they keep raising their {@link IrqLine}s. (crosvm's {@code IrqChip} trait is the model.)
 */
public interface IrqChip {
    /** The CPU-facing view of vCPU {@code index} (0 = the bootstrap processor). */
    InterruptController vcpu(int index);

    /** How many vCPU views exist. */
    int vcpuCount();

    /** A chip with one vCPU whose view is {@code controller} (a bare PIC, or a test double). */
    static IrqChip single(InterruptController controller) {
        return new IrqChip() {
            @Override
            public InterruptController vcpu(int index) {
                if (index != 0) throw new IllegalArgumentException("this chip has one vCPU, not vCPU " + index);
                return controller;
            }

            @Override
            public int vcpuCount() {
                return 1;
            }
        };
    }
}
