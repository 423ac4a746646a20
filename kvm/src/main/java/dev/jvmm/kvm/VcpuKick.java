package dev.jvmm.kvm;

import dev.jvmm.kvm.sys.KvmApi;
import dev.jvmm.kvm.sys.LibC;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Getting a vCPU thread out of a blocking KVM_RUN from another thread, without a signal handler.
 *
 * <p>The classic way is a signal to the vCPU thread: KVM_RUN returns EINTR when a signal is pending.
 * A handler cannot be written in Java (an upcall in signal context is unsafe), so jvmm uses the
 * signal-mask trick QEMU also relies on:
 * <ol>
 *   <li>the vCPU thread blocks {@link #SIGNAL} (SIGURG, whose default action is "ignore", so a stray
 *       one is harmless anywhere), so the signal stays <em>pending</em> instead of being delivered;</li>
 *   <li>KVM_SET_SIGNAL_MASK gives KVM the mask to use <em>while in KVM_RUN</em>: the same mask minus
 *       SIGURG. A pending SIGURG therefore interrupts KVM_RUN (or makes the next one return at once),
 *       and back in user space it is blocked again, so no handler is ever needed;</li>
 *   <li>after an EINTR the vCPU thread consumes the pending signal with {@code sigtimedwait} (zero
 *       timeout), or every later KVM_RUN would return at once.</li>
 * </ol>
 * Other threads kick with {@code tgkill(pid, tid, SIGURG)}. The latency is the kernel's signal
 * delivery plus scheduling the vCPU thread: KVM checks for pending signals before every guest entry
 * and the signal's IPI forces an exit. On a loaded host the worst cases are the vCPU thread
 * waiting for a core (figures in {@code bench/results/design-measurements.md}).
 */
final class VcpuKick implements AutoCloseable {
    /** SIGURG (23 on Linux x86): its default disposition is "ignore". */
    static final int SIGNAL = 23;
    private static final long SIGNAL_BIT = 1L << (SIGNAL - 1);

    private final Arena arena = Arena.ofShared();
    private final MemorySegment onlyOurSignal = arena.allocate(LibC.LIBC_SIGSET_BYTES, 8);
    private final MemorySegment zeroTimeout = arena.allocate(16, 8);
    private final int pid = LibC.getpid();
    private volatile int tid;
    private Thread owner;

    VcpuKick() {
        onlyOurSignal.set(ValueLayout.JAVA_LONG, 0, SIGNAL_BIT);
    }

    /**
     * Makes the calling thread the one kicks go to: blocks SIGURG in it and gives KVM this thread's
     * mask minus SIGURG for the duration of KVM_RUN. Cheap when the thread did not change.
     */
    void attachCurrentThread(int vcpuFd) {
        if (owner == Thread.currentThread()) return;
        try (Arena call = Arena.ofConfined()) {
            MemorySegment before = call.allocate(LibC.LIBC_SIGSET_BYTES, 8);
            int err = LibC.pthreadSigmask(LibC.SIG_BLOCK, onlyOurSignal, before);
            if (err != 0) throw new KvmSyscallException("pthread_sigmask(SIG_BLOCK, SIGURG)", err);
            // struct kvm_signal_mask { __u32 len; __u8 sigset[]; } with the kernel's 8-byte sigset.
            MemorySegment mask = call.allocate(4 + LibC.KERNEL_SIGSET_BYTES, 8);
            mask.set(ValueLayout.JAVA_INT, 0, LibC.KERNEL_SIGSET_BYTES);
            long duringRun = before.get(ValueLayout.JAVA_LONG, 0) & ~SIGNAL_BIT;
            mask.set(ValueLayout.JAVA_LONG_UNALIGNED, 4, duringRun);
            Ioctls.call("KVM_SET_SIGNAL_MASK", vcpuFd, KvmApi.KVM_SET_SIGNAL_MASK, mask);
        }
        owner = Thread.currentThread();
        tid = LibC.gettid();
        consumePending();
    }

    /** Thread-safe: interrupts the attached thread's KVM_RUN (or its next one). */
    void kick() {
        int t = tid;
        if (t != 0) LibC.tgkill(pid, t, SIGNAL); // ESRCH (thread gone) needs no handling
    }

    /** On the vCPU thread, after KVM_RUN returned EINTR: takes the pending SIGURG, if any. */
    void consumePending() {
        while (LibC.sigtimedwait(onlyOurSignal, zeroTimeout) == SIGNAL) {
            // one pending instance per signal number; loop only for safety
        }
    }

    @Override
    public void close() {
        tid = 0;
        arena.close();
    }
}
