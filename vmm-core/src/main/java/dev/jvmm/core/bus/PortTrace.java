package dev.jvmm.core.bus;

/** Observer of port accesses, for tracing. */
@FunctionalInterface
public interface PortTrace {
    PortTrace NONE = (port, size, write, value) -> {};

    void access(int port, int size, boolean write, int value);
}
