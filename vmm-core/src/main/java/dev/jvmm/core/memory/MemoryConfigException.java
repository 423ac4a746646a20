package dev.jvmm.core.memory;

/** A guest memory layout that cannot be built: a RAM size out of range, a ROM or MMIO window that overlaps. */
public final class MemoryConfigException extends IllegalArgumentException {
    public MemoryConfigException(String message) {
        super(message);
    }
}
