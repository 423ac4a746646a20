package dev.jvmm.kvm;

import dev.jvmm.core.memory.GuestMemory;
import java.util.function.LongUnaryOperator;

/**
 * Guest memory by linear (virtual) address, as an instruction executed outside KVM sees it: each
 * byte goes through the guest's page tables (KVM_TRANSLATE) and must land in RAM. Anything else
 * throws {@link Fault}, which callers turn into "cannot do this here" rather than a guest fault.
 */
final class LinearMemory {
    /** The access cannot be completed here (unmapped page, MMIO, beyond RAM). No stack trace: it is control flow. */
    static final class Fault extends RuntimeException {
        Fault() {
            super("linear address not backed by guest RAM", null, false, false);
        }
    }

    private static final Fault FAULT = new Fault();

    private final GuestMemory memory;
    private final LongUnaryOperator translate;

    /** @param translate guest linear to guest physical address, -1 if it does not map */
    LinearMemory(GuestMemory memory, LongUnaryOperator translate) {
        this.memory = memory;
        this.translate = translate;
    }

    private long physical(long linear) {
        long pa = translate.applyAsLong(linear);
        if (pa < 0 || !memory.isRam(pa, 1)) throw FAULT;
        return pa;
    }

    int read8(long linear) {
        return memory.read8(physical(linear));
    }

    /** Little-endian, {@code size} bytes (up to 8), translated byte by byte so page crossings work. */
    long read(long linear, int size) {
        long v = 0;
        for (int i = 0; i < size; i++) v |= (long) read8(linear + i) << (8 * i);
        return v;
    }

    /** Writes all bytes or none (every byte is translated before the first is written). */
    void write(long linear, int size, long value) {
        long[] pa = new long[size];
        for (int i = 0; i < size; i++) pa[i] = physical(linear + i);
        for (int i = 0; i < size; i++) memory.write8(pa[i], (int) (value >>> (8 * i)));
    }
}
