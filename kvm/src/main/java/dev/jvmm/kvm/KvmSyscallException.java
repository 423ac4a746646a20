package dev.jvmm.kvm;

import dev.jvmm.kvm.sys.LibC;

/** A system call or ioctl failed: "KVM_CREATE_VM failed: errno 13 (Permission denied)". */
public final class KvmSyscallException extends KvmException {
    private final String call;
    private final int errno;

    public KvmSyscallException(String call, int errno) {
        super(call + " failed: errno " + errno + " (" + LibC.strerror(errno) + ")");
        this.call = call;
        this.errno = errno;
    }

    /** The ioctl or function name, e.g. "KVM_SET_SREGS" or "open(/dev/kvm)". */
    public String call() {
        return call;
    }

    public int errno() {
        return errno;
    }
}
