package dev.jvmm.kvm;

import dev.jvmm.kvm.sys.LibC;
import java.lang.foreign.MemorySegment;

/** ioctl calls that turn a -1 return into a {@link KvmSyscallException} naming the request. */
final class Ioctls {
    private Ioctls() {}

    /** {@code ioctl(fd, request, arg)} with a struct argument; returns the non-negative result. */
    static int call(String name, int fd, long request, MemorySegment arg) {
        int rc = LibC.ioctl(fd, request, arg);
        if (rc < 0) throw new KvmSyscallException(name, LibC.errno());
        return rc;
    }

    /** {@code ioctl(fd, request, value)} with an integer argument; returns the non-negative result. */
    static int call(String name, int fd, long request, long value) {
        int rc = LibC.ioctl(fd, request, value);
        if (rc < 0) throw new KvmSyscallException(name, LibC.errno());
        return rc;
    }

    static void close(int fd) {
        if (fd >= 0) LibC.close(fd); // a failing close of a KVM fd leaves nothing to recover
    }
}
