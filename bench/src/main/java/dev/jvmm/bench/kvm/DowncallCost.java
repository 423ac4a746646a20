package dev.jvmm.bench.kvm;

import dev.jvmm.kvm.sys.KvmApi;
import dev.jvmm.kvm.sys.LibC;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Where a Java ioctl's time goes, without a guest: M no-op ioctls ({@code KVM_GET_API_VERSION} on
 * /dev/kvm, the same call the C program times) three ways: through the engine's {@link LibC#ioctl}
 * (errno captured into a per-thread buffer found through a ThreadLocal), through a downcall that
 * captures errno into a buffer held in a local, and through a plain downcall without capture.
 */
final class DowncallCost {
    /** Nanoseconds per call: engine path (LibC), capture into a fixed buffer, no capture. */
    record Result(double libc, double fixedCapture, double plain) {}

    private static final Linker LINKER = Linker.nativeLinker();
    private static final FunctionDescriptor IOCTL = FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
            ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG);
    private static final MemorySegment SYMBOL = LINKER.defaultLookup().find("ioctl").orElseThrow();
    private static final MethodHandle PLAIN = LINKER.downcallHandle(SYMBOL, IOCTL, Linker.Option.firstVariadicArg(2));
    private static final MethodHandle CAPTURING = LINKER.downcallHandle(SYMBOL, IOCTL,
            Linker.Option.captureCallState("errno"), Linker.Option.firstVariadicArg(2));

    private DowncallCost() {}

    /** Runs each variant {@code rounds} times for {@code calls} calls and keeps its fastest round. */
    static Result measure(int calls, int rounds) throws Throwable {
        int fd = LibC.open("/dev/kvm", LibC.O_RDWR | LibC.O_CLOEXEC);
        if (fd < 0) throw new IllegalStateException("open /dev/kvm: " + LibC.strerror(LibC.errno()));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            double libc = Double.MAX_VALUE, fixed = Double.MAX_VALUE, plain = Double.MAX_VALUE;
            for (int r = 0; r < rounds; r++) {
                libc = Math.min(libc, viaLibC(fd, calls));
                fixed = Math.min(fixed, capturing(fd, calls, state));
                plain = Math.min(plain, plain(fd, calls));
            }
            return new Result(libc, fixed, plain);
        } finally {
            LibC.close(fd);
        }
    }

    private static double viaLibC(int fd, int calls) {
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) check(LibC.ioctl(fd, KvmApi.KVM_GET_API_VERSION, 0L));
        return (System.nanoTime() - t0) / (double) calls;
    }

    private static double capturing(int fd, int calls, MemorySegment state) throws Throwable {
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) check((int) CAPTURING.invokeExact(state, fd, KvmApi.KVM_GET_API_VERSION, 0L));
        return (System.nanoTime() - t0) / (double) calls;
    }

    private static double plain(int fd, int calls) throws Throwable {
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) check((int) PLAIN.invokeExact(fd, KvmApi.KVM_GET_API_VERSION, 0L));
        return (System.nanoTime() - t0) / (double) calls;
    }

    private static void check(int version) {
        if (version != 12) throw new IllegalStateException("KVM_GET_API_VERSION returned " + version);
    }
}
