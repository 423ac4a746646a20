package dev.jvmm.core.engine;

/**
 * Told of every interrupt and exception the CPU delivers ({@code -d int}, QEMU's log word): the
 * vector, the error code (-1 where none is pushed), whether it came from outside, and the CS:RIP
 * it interrupted. Called on the vCPU's thread.
 */
@FunctionalInterface
public interface InterruptTrace {
    void delivered(int vector, int errorCode, String kind, int cs, long rip);
}
