package dev.jvmm.kvm;

import dev.jvmm.kvm.sys.KvmApi;
import dev.jvmm.kvm.sys.KvmMemoryRegionLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** A VM file descriptor: guest memory slots, the real-mode TSS address, vCPU creation. */
public final class KvmVm implements AutoCloseable {
    /**
     * Where KVM may put the three pages of its real-mode TSS (Intel VMX without unrestricted guest
     * runs real mode as vm86 and needs them): just below the 4 GiB BIOS area, far above any jvmm RAM,
     * the address QEMU and kvmtool use too.
     */
    public static final long TSS_ADDRESS = 0xFFFB_D000L;

    private final int fd;

    KvmVm(int fd) {
        this.fd = fd;
    }

    public void setTssAddress(long address) {
        Ioctls.call("KVM_SET_TSS_ADDR", fd, KvmApi.KVM_SET_TSS_ADDR, address);
    }

    /**
     * KVM_SET_USER_MEMORY_REGION: guest physical {@code [guestPhys, guestPhys + host.byteSize())} is
     * backed by {@code host}'s bytes. The kernel keeps using the host address after the call, so
     * {@code host} must stay mapped as long as the VM lives (GuestMemory outlives the VM).
     */
    public void mapMemory(int slot, long guestPhys, MemorySegment host) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment region = arena.allocate(KvmMemoryRegionLayout.LAYOUT);
            region.set(ValueLayout.JAVA_INT, KvmMemoryRegionLayout.SLOT, slot);
            region.set(ValueLayout.JAVA_INT, KvmMemoryRegionLayout.FLAGS, 0);
            region.set(ValueLayout.JAVA_LONG, KvmMemoryRegionLayout.GUEST_PHYS_ADDR, guestPhys);
            region.set(ValueLayout.JAVA_LONG, KvmMemoryRegionLayout.MEMORY_SIZE, host.byteSize());
            region.set(ValueLayout.JAVA_LONG, KvmMemoryRegionLayout.USERSPACE_ADDR, host.address());
            Ioctls.call(String.format("KVM_SET_USER_MEMORY_REGION(slot %d, 0x%x+0x%x)", slot, guestPhys, host.byteSize()),
                    fd, KvmApi.KVM_SET_USER_MEMORY_REGION, region);
        }
    }

    /** KVM_CREATE_VCPU with APIC id {@code id}; returns the vCPU fd. */
    int createVcpuFd(int id) {
        return Ioctls.call("KVM_CREATE_VCPU", fd, KvmApi.KVM_CREATE_VCPU, id);
    }

    @Override
    public void close() {
        Ioctls.close(fd);
    }
}
