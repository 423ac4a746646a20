package dev.jvmm.kvm;

/**
 * Something about /dev/kvm failed. Two kinds: a system call or ioctl returned an error
 * ({@link KvmSyscallException}, naming the call and errno), or KVM answered but not as jvmm needs
 * ({@link KvmSetupException}: wrong API version, an MSR refused). Guest misbehaviour is never an
 * exception: it comes out of {@code Vcpu.run()} as a {@code VcpuExit}.
 */
public abstract sealed class KvmException extends RuntimeException permits KvmSyscallException, KvmSetupException {
    KvmException(String message) {
        super(message);
    }
}
