package dev.jvmm.kvm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * Wakes the vCPU out of KVM_RUN when the next device timer is due. Without an in-kernel PIT, a guest
 * that spins without port I/O would otherwise never return to Java, and the PIT tick it waits for
 * would never fire. The vCPU thread {@link #arm arms} a host-time deadline before each KVM_RUN and
 * {@link #disarm disarms} it after; a daemon thread sleeps until the armed deadline and then kicks.
 *
 * <p>Arming costs two volatile accesses; the sleeper is only unparked when the new deadline is
 * earlier than the one it sleeps for. A kick that arrives after KVM_RUN already returned costs one
 * spurious, immediate EINTR exit: harmless.
 */
final class DeadlineKicker implements AutoCloseable {
    private static final long NONE = Long.MAX_VALUE;
    private static final VarHandle DEADLINE;

    static {
        try {
            DEADLINE = MethodHandles.lookup().findVarHandle(DeadlineKicker.class, "deadline", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Runnable kick;
    private volatile long deadline = NONE;
    private volatile long sleepingUntil = NONE;
    private volatile boolean closed;
    private volatile long kicks;
    private Thread sleeper;

    DeadlineKicker(Runnable kick) {
        this.kick = kick;
    }

    /** The vCPU is about to enter KVM_RUN; kick it at {@code hostNanos} ({@link System#nanoTime()} time). */
    void arm(long hostNanos) {
        if (sleeper == null) {
            sleeper = Thread.ofPlatform().daemon().name("kvm-deadline-kicker").start(this::sleepLoop);
        }
        deadline = hostNanos;
        if (hostNanos < sleepingUntil) LockSupport.unpark(sleeper);
    }

    void disarm() {
        deadline = NONE;
    }

    long kicks() {
        return kicks;
    }

    private void sleepLoop() {
        while (!closed) {
            long d = deadline;
            sleepingUntil = d;
            if (deadline != d) continue; // re-armed while we published: look again
            if (d == NONE) {
                LockSupport.park(this);
                continue;
            }
            long wait = d - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
            } else if (DEADLINE.compareAndSet(this, d, NONE)) {
                kicks++;
                kick.run();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        if (sleeper != null) LockSupport.unpark(sleeper);
    }
}
