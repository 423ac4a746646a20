package dev.jvmm.kvm.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The handful of C library calls a VMM needs to drive /dev/kvm, as raw FFM downcalls.
 *
 * <p>Every call returns the C return value unchanged; when it signals failure (-1, or
 * {@code MAP_FAILED}) the reason is in {@link #errno()}, captured right after the call by
 * {@code Linker.Option.captureCallState("errno")} (reading the real {@code errno} later from Java
 * would be unreliable: the JVM itself makes system calls in between). Turning failures into
 * exceptions is the job of the safe classes in {@code dev.jvmm.kvm}.
 *
 * <p>{@code ioctl(int, unsigned long, ...)} and {@code open(const char*, int, ...)} are variadic:
 * they are linked with {@code Linker.Option.firstVariadicArg(2)} so the arguments after the second
 * are passed as C varargs (on x86-64 SysV this also sets {@code %al}, which variadic callees read).
 */
public final class LibC {
    public static final int O_RDWR = 0x2, O_CLOEXEC = 0x80000;
    public static final int PROT_READ = 0x1, PROT_WRITE = 0x2, MAP_SHARED = 0x01;
    public static final int SIG_BLOCK = 0, SIG_UNBLOCK = 1;
    public static final int EINTR = 4, EAGAIN = 11, E2BIG = 7;
    /** glibc's {@code sigset_t} is 1024 bits; the kernel's is 64 bits on x86-64 (KVM_SET_SIGNAL_MASK wants that one). */
    public static final int LIBC_SIGSET_BYTES = 128, KERNEL_SIGSET_BYTES = 8;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private static final MethodHandle OPEN = link("open",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
            CAPTURE_ERRNO, Linker.Option.firstVariadicArg(2));
    private static final MethodHandle CLOSE = link("close",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle IOCTL_PTR = link("ioctl",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS),
            CAPTURE_ERRNO, Linker.Option.firstVariadicArg(2));
    private static final MethodHandle IOCTL_LONG = link("ioctl",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG),
            CAPTURE_ERRNO, Linker.Option.firstVariadicArg(2));
    private static final MethodHandle MMAP = link("mmap",
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG), CAPTURE_ERRNO);
    private static final MethodHandle MUNMAP = link("munmap",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG), CAPTURE_ERRNO);
    private static final MethodHandle STRERROR = link("strerror",
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle PTHREAD_SIGMASK = link("pthread_sigmask",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    private static final MethodHandle SIGTIMEDWAIT = link("sigtimedwait",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS),
            CAPTURE_ERRNO);
    private static final MethodHandle GETPID = link("getpid", FunctionDescriptor.of(ValueLayout.JAVA_INT));
    private static final MethodHandle GETTID = link("gettid", FunctionDescriptor.of(ValueLayout.JAVA_INT));
    private static final MethodHandle TGKILL = link("tgkill",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
            CAPTURE_ERRNO);

    /** One errno capture buffer per thread: downcalls on different threads must not share it. */
    private static final ThreadLocal<MemorySegment> CAPTURED =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE));

    private LibC() {}

    private static MethodHandle link(String name, FunctionDescriptor fd, Linker.Option... options) {
        MemorySegment symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        return LINKER.downcallHandle(symbol, fd, options);
    }

    /** The errno the last failing call on this thread left behind. */
    public static int errno() {
        return (int) ERRNO.get(CAPTURED.get(), 0L);
    }

    /** {@code strerror(errno)}: "Permission denied", ... */
    public static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            // SAFETY: strerror returns a pointer to a NUL-terminated message of at most a few dozen
            // bytes in static storage (glibc's table or a per-thread buffer); 1 KiB bounds the scan
            // for the terminator, and the string is copied into a Java String at once.
            return text.reinterpret(1024).getString(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int open(String path, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            return (int) OPEN.invokeExact(CAPTURED.get(), arena.allocateFrom(path), flags, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int close(int fd) {
        try {
            return (int) CLOSE.invokeExact(CAPTURED.get(), fd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code ioctl(fd, request, pointer)}: the argument is a struct in native memory. */
    public static int ioctl(int fd, long request, MemorySegment argument) {
        try {
            return (int) IOCTL_PTR.invokeExact(CAPTURED.get(), fd, request, argument);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code ioctl(fd, request, value)}: the argument is a plain integer (or unused: pass 0). */
    public static int ioctl(int fd, long request, long value) {
        try {
            return (int) IOCTL_LONG.invokeExact(CAPTURED.get(), fd, request, value);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code mmap(NULL, length, prot, flags, fd, 0)}; returns the raw (zero-length) address segment. */
    public static MemorySegment mmap(long length, int prot, int flags, int fd) {
        try {
            return (MemorySegment) MMAP.invokeExact(CAPTURED.get(), MemorySegment.NULL, length, prot, flags, fd, 0L);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** True for mmap's {@code MAP_FAILED} ((void *) -1). */
    public static boolean mapFailed(MemorySegment address) {
        return address.address() == -1L;
    }

    public static int munmap(long address, long length) {
        try {
            return (int) MUNMAP.invokeExact(CAPTURED.get(), MemorySegment.ofAddress(address), length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code pthread_sigmask}; returns 0 or an error number (it does not use errno). */
    public static int pthreadSigmask(int how, MemorySegment set, MemorySegment oldSet) {
        try {
            return (int) PTHREAD_SIGMASK.invokeExact(how, set, oldSet);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code sigtimedwait(set, NULL, timeout)}: the signal number taken, or -1 (EAGAIN when none was pending). */
    public static int sigtimedwait(MemorySegment set, MemorySegment timespec) {
        try {
            return (int) SIGTIMEDWAIT.invokeExact(CAPTURED.get(), set, MemorySegment.NULL, timespec);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int getpid() {
        try {
            return (int) GETPID.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The kernel thread id of the calling thread (what {@code tgkill} addresses). */
    public static int gettid() {
        try {
            return (int) GETTID.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Sends {@code signal} to one thread of process {@code pid}. */
    public static int tgkill(int pid, int tid, int signal) {
        try {
            return (int) TGKILL.invokeExact(CAPTURED.get(), pid, tid, signal);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException re) return re;
        if (t instanceof Error e) throw e;
        return new IllegalStateException("downcall failed", t);
    }
}
