package dev.jvmm.launcher.gdb;

import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.cpu.PageWalk;
import dev.jvmm.core.memory.GuestMemory;

/**
 * Guest memory as gdb addresses it: by linear address (what a flat-segment guest's pointers are),
 * translated through the guest's current page tables ({@link PageWalk}: no accessed/dirty bits set,
 * nothing faults). Only RAM is reachable: an unmapped page or an MMIO page ends the access, because
 * reading a device register has side effects. Writes go through {@link GuestMemory#writeBytes}, so
 * translated code covering the bytes is dropped as for a guest store.
 */
final class DebugMemory {
    private final GuestMemory memory;

    DebugMemory(GuestMemory memory) {
        this.memory = memory;
    }

    /** The guest's physical memory (monitor commands read it directly). */
    GuestMemory physical() {
        return memory;
    }

    /**
     * Reads up to {@code length} bytes at {@code linear}; stops early at the first byte that is not
     * mapped to RAM. Throws if not even the first byte is readable.
     */
    byte[] read(CpuState s, long linear, int length) throws DebugError {
        byte[] out = new byte[length];
        int done = 0;
        while (done < length) {
            long pa = physical(s, linear + done);
            int chunk = (int) Math.min(length - done, GuestMemory.PAGE_SIZE - ((linear + done) & (GuestMemory.PAGE_SIZE - 1)));
            if (pa < 0 || !memory.isRam(pa, chunk)) break;
            memory.readBytes(pa, out, done, chunk);
            done += chunk;
        }
        if (done == 0 && length > 0) throw new DebugError(String.format("cannot access memory at 0x%x", linear));
        return done == length ? out : java.util.Arrays.copyOf(out, done);
    }

    /** Writes all of {@code data} at {@code linear}, or nothing if some page is not mapped RAM. */
    void write(CpuState s, long linear, byte[] data) throws DebugError {
        long[] pas = new long[data.length];
        for (int done = 0; done < data.length; ) {
            long pa = physical(s, linear + done);
            int chunk = (int) Math.min(data.length - done, GuestMemory.PAGE_SIZE - ((linear + done) & (GuestMemory.PAGE_SIZE - 1)));
            if (pa < 0 || !memory.isRam(pa, chunk)) throw new DebugError(String.format("cannot access memory at 0x%x", linear + done));
            pas[done] = pa;
            done += chunk;
        }
        for (int done = 0; done < data.length; ) {
            int chunk = (int) Math.min(data.length - done, GuestMemory.PAGE_SIZE - ((linear + done) & (GuestMemory.PAGE_SIZE - 1)));
            memory.writeBytes(pas[done], data, done, chunk);
            done += chunk;
        }
    }

    private long physical(CpuState s, long linear) {
        long pa = PageWalk.toPhysical(s, memory, linear);
        return pa == PageWalk.NOT_MAPPED ? -1 : pa;
    }
}
