package dev.jvmm.core.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Anonymous memory mappings through {@code mmap(2)} with the FFM API.
 *
 * <p>Guest RAM is mapped rather than allocated on the Java heap so that the very same bytes can be
 * handed to {@code KVM_SET_USER_MEMORY_REGION}: the kernel wants a page-aligned host virtual address.
 * {@code MAP_NORESERVE} keeps a large {@code -m} cheap: pages are only backed when touched.
 */
public final class NativeMemory {
    private static final int PROT_READ = 0x1, PROT_WRITE = 0x2;
    private static final int MAP_PRIVATE = 0x02, MAP_ANONYMOUS = 0x20, MAP_NORESERVE = 0x4000;
    private static final long MAP_FAILED = -1L;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle MMAP = LINKER.downcallHandle(
            LINKER.defaultLookup().find("mmap").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
    private static final MethodHandle MUNMAP = LINKER.downcallHandle(
            LINKER.defaultLookup().find("munmap").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));

    private NativeMemory() {}

    /**
     * Maps {@code bytes} of zeroed, private, anonymous memory (a multiple of 4 KiB) whose lifetime is
     * {@code arena}'s: closing the arena unmaps it, and any later access throws instead of touching
     * freed host memory.
     */
    public static MemorySegment mapAnonymous(long bytes, Arena arena) {
        if (bytes <= 0 || (bytes & 0xFFF) != 0) {
            throw new IllegalArgumentException("mapping size must be a positive multiple of 4 KiB: " + bytes);
        }
        MemorySegment raw;
        try {
            raw = (MemorySegment) MMAP.invokeExact(MemorySegment.NULL, bytes, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0L);
        } catch (Throwable t) {
            throw new IllegalStateException("mmap downcall failed", t);
        }
        if (raw.address() == MAP_FAILED || raw.address() == 0) {
            throw new OutOfMemoryError("mmap of " + bytes + " bytes for guest RAM failed");
        }
        // SAFETY: mmap returned a mapping of exactly `bytes` bytes at this address. Binding it to the
        // arena makes the arena's close the only way to unmap it, after which accesses fail cleanly.
        long address = raw.address();
        return raw.reinterpret(bytes, arena, ignored -> unmap(address, bytes));
    }

    private static void unmap(long address, long bytes) {
        try {
            int rc = (int) MUNMAP.invokeExact(MemorySegment.ofAddress(address), bytes);
            if (rc != 0) {
                throw new IllegalStateException(String.format("munmap(0x%x, %d) failed", address, bytes));
            }
        } catch (Throwable t) {
            if (t instanceof RuntimeException re) throw re;
            throw new IllegalStateException("munmap downcall failed", t);
        }
    }
}
