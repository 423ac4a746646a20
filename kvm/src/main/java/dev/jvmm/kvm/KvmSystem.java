package dev.jvmm.kvm;

import dev.jvmm.kvm.sys.KvmApi;
import dev.jvmm.kvm.sys.KvmCpuidLayout;
import dev.jvmm.kvm.sys.LibC;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The /dev/kvm file descriptor: the "system" ioctls (API version, kvm_run size, supported CPUID)
 * and the factory for VMs. Step one of every KVM program (KVM API doc, section 4).
 */
public final class KvmSystem implements AutoCloseable {
    public static final String DEVICE = "/dev/kvm";

    private final int fd;

    private KvmSystem(int fd) {
        this.fd = fd;
    }

    /** Opens /dev/kvm and checks KVM_GET_API_VERSION == 12. */
    public static KvmSystem open() {
        int fd = LibC.open(DEVICE, LibC.O_RDWR | LibC.O_CLOEXEC);
        if (fd < 0) throw new KvmSyscallException("open(" + DEVICE + ")", LibC.errno());
        KvmSystem kvm = new KvmSystem(fd);
        int version = Ioctls.call("KVM_GET_API_VERSION", fd, KvmApi.KVM_GET_API_VERSION, 0);
        if (version != KvmApi.API_VERSION) {
            kvm.close();
            throw new KvmSetupException("KVM API version is " + version + ", jvmm needs " + KvmApi.API_VERSION);
        }
        return kvm;
    }

    /** KVM_CHECK_EXTENSION: 0 if the capability is absent, otherwise a capability-specific positive value. */
    public int checkExtension(int capability) {
        return Ioctls.call("KVM_CHECK_EXTENSION", fd, KvmApi.KVM_CHECK_EXTENSION, capability);
    }

    /** The size of the kvm_run mapping of every vCPU (kvm_run plus the pages port I/O data lands in). */
    public long vcpuMmapSize() {
        return Ioctls.call("KVM_GET_VCPU_MMAP_SIZE", fd, KvmApi.KVM_GET_VCPU_MMAP_SIZE, 0);
    }

    /**
     * KVM_GET_SUPPORTED_CPUID: the CPUID leaves KVM can present to a guest, as a kvm_cpuid2 in
     * {@code arena}. The caller does not know the count in advance: the kernel answers E2BIG while
     * the buffer is too small, so the buffer grows until it fits.
     */
    public MemorySegment supportedCpuid(Arena arena) {
        for (int capacity = 64; ; capacity *= 2) {
            MemorySegment cpuid = arena.allocate(KvmCpuidLayout.size(capacity), 8);
            cpuid.set(ValueLayout.JAVA_INT, KvmCpuidLayout.NENT, capacity);
            int rc = LibC.ioctl(fd, KvmApi.KVM_GET_SUPPORTED_CPUID, cpuid);
            if (rc >= 0) return cpuid;
            int errno = LibC.errno();
            if (errno != LibC.E2BIG || capacity >= 4096) throw new KvmSyscallException("KVM_GET_SUPPORTED_CPUID", errno);
        }
    }

    /** KVM_CREATE_VM (machine type 0, the default x86 VM); the returned VM owns its own fd. */
    public KvmVm createVm() {
        int vmFd = Ioctls.call("KVM_CREATE_VM", fd, KvmApi.KVM_CREATE_VM, 0);
        return new KvmVm(vmFd);
    }

    @Override
    public void close() {
        Ioctls.close(fd);
    }
}
