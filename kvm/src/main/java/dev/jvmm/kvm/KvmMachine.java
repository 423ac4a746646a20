package dev.jvmm.kvm;

import dev.jvmm.core.engine.Machine;
import dev.jvmm.core.engine.Platform;
import dev.jvmm.core.engine.VcpuGroup;
import dev.jvmm.core.memory.GuestMemory;

/**
 * One guest on /dev/kvm: one VM file descriptor (its memory slots, its real-mode TSS) and one vCPU
 * file descriptor per view of the platform's interrupt chip, each vCPU run by a thread of its own.
 *
 * <p>The interrupt controllers stay in user space (no KVM_CREATE_IRQCHIP): every vCPU's local APIC is
 * jvmm's, reached through MMIO exits, and an interrupt is queued with KVM_INTERRUPT by the vCPU's own
 * thread. A vCPU inside KVM_RUN does not look at its APIC, so whenever a device or another vCPU makes
 * an interrupt or NMI deliverable to it, its APIC's kick listener gets it out of the guest to take it
 * ({@code KvmVcpu}). Application processors wait for INIT and
 * a start-up IPI in user space, as the software engines' do, and then get the SIPI state through
 * KVM_SET_REGS/SREGS.
 */
public final class KvmMachine implements Machine {
    private final Platform platform;
    private final KvmHost host;
    private final KvmSystem kvm;
    private final KvmVm vm;
    /** The machine's vCPUs when it has several, else null. */
    private final VcpuGroup group;
    private boolean memoryMapped;

    /** Opens /dev/kvm and creates the VM; vCPUs come from {@link #createVcpu}. */
    public KvmMachine(Platform platform) {
        this.platform = platform;
        this.host = KvmHost.detect();
        this.kvm = KvmSystem.open();
        try {
            this.vm = kvm.createVm();
            vm.setTssAddress(KvmVm.TSS_ADDRESS);
        } catch (RuntimeException e) {
            kvm.close();
            throw e;
        }
        int n = vcpuCount();
        this.group = n > 1 ? new VcpuGroup(n) : null;
    }

    @Override
    public Platform platform() {
        return platform;
    }

    @Override
    public KvmVcpu createVcpu(int index) {
        if (index < 0 || index >= vcpuCount()) throw new IllegalArgumentException("this machine has " + vcpuCount() + " vCPUs, not vCPU " + index);
        return KvmVcpu.create(this, index);
    }

    KvmHost host() {
        return host;
    }

    KvmSystem kvm() {
        return kvm;
    }

    KvmVm vm() {
        return vm;
    }

    /** The vCPUs' group when the machine has several, else null. */
    VcpuGroup group() {
        return group;
    }

    /**
     * Maps guest RAM into the VM once, at the first run of any vCPU (so MMIO holes placed after the
     * vCPUs were created are honoured): one slot per run of RAM pages between holes.
     */
    synchronized void mapGuestMemoryOnce() {
        if (memoryMapped) return;
        GuestMemory memory = platform.memory();
        for (RamSlots.Slot slot : RamSlots.of(memory)) {
            vm.mapMemory(slot.number(), slot.start(), memory.ram().asSlice(slot.start(), slot.size()));
        }
        memoryMapped = true;
    }

    /** Closes the VM and /dev/kvm; close the vCPUs first. */
    @Override
    public void close() {
        vm.close();
        kvm.close();
    }
}
