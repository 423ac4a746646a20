package dev.jvmm.core.memory;

/**
 * Told about every guest write that lands on a page marked as holding translated code, so the
 * translator can drop that page's translations before the next instruction runs (self-modifying
 * code). Writes to unmarked pages never reach it: they stay on the fast path.
 */
@FunctionalInterface
public interface CodeWriteListener {
    void codeWritten(long physicalAddress, int size);
}
