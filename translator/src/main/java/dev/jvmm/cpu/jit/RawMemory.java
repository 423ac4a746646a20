package dev.jvmm.cpu.jit;

import java.nio.ByteOrder;

/**
 * Where the translated code's soft-TLB hits may read and write guest RAM directly through the
 * JDK's internal {@code jdk.internal.misc.Unsafe} instead of the RAM {@code MemorySegment}.
 *
 * <p>Why: HotSpot's C2 inlines at most about 8000 bytecode bytes into one compiled method, the
 * method's own bytecode included, and a {@code MemorySegment} access inlines a long chain of small
 * methods (var handle, bounds, liveness and alignment checks) that all count. A unit with a few
 * dozen memory accesses used up that allowance, so the later accesses in it stayed real calls
 * ("failed to inline: size &gt; DesiredMethodLimit" in {@code -XX:+PrintInlining}). An Unsafe
 * access is one intrinsic call, which compiles to a single host load or store.
 *
 * <p>Safety does not rest on the segment's per-access bounds check: a TLB entry is only ever made
 * for a 4 KiB page that lies inside RAM ({@link FastMem#fill} checks it), and the probe sends an
 * access that would cross the page end to the slow path, so every direct access stays in RAM.
 *
 * <p>Needs {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED} (the {@code jvmm}
 * script, the tests and the bench pass it) and a little-endian host; without either, or with
 * {@code -Djvmm.jit.rawMemory=false}, units access RAM through the segment as before.
 */
final class RawMemory {
    private RawMemory() {}

    /** The {@code jdk.internal.misc.Unsafe} instance, or null if this JVM does not let jvmm use it. */
    static final Object UNSAFE = find();

    private static Object find() {
        if (!Boolean.parseBoolean(System.getProperty("jvmm.jit.rawMemory", "true"))) return null;
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) return null;
        if (!Object.class.getModule().isExported("jdk.internal.misc", RawMemory.class.getModule())) return null;
        try {
            return Class.forName("jdk.internal.misc.Unsafe").getMethod("getUnsafe").invoke(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
