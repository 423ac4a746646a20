package dev.jvmm.cpu.interp;

import dev.jvmm.cpu.decode.Insn;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A direct-mapped cache of decoded instructions, keyed by the physical address of the first byte
 * and the code size. Each entry keeps the instruction's bytes; a hit requires the bytes in guest
 * memory to be unchanged, which makes self-modifying code safe without write tracking. Only
 * instructions that start at least 16 bytes before a page end are cached, so the 16 bytes read
 * for the comparison never leave the page the instruction was fetched from. The caller passes guest
 * RAM itself and an address it knows to be ordinary RAM (with A20 applied): the comparison reads the
 * bytes straight from the segment, without the MMIO and page-kind checks of a guest memory read.
 */
final class DecodeCache {
    private static final int SIZE = 4096;
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private final long[] key = new long[SIZE];
    private final long[] lo = new long[SIZE];
    private final long[] hi = new long[SIZE];
    private final Insn[] insns = new Insn[SIZE];
    /** Lookups that found valid bytes, and instructions decoded into the cache. */
    long hits, fills;

    DecodeCache() {
        java.util.Arrays.fill(key, -1L);
        for (int k = 0; k < SIZE; k++) insns[k] = new Insn();
    }

    private static int index(long phys) {
        return (int) (phys ^ (phys >>> 12)) & (SIZE - 1);
    }

    private static long keyOf(long phys, int mode) {
        return (phys << 2) | (mode >> 5); // 16 -> 0, 32 -> 1, 64 -> 2
    }

    /** The cached instruction at {@code phys} if its bytes are still the same, else null. */
    Insn lookup(MemorySegment ram, long phys, int mode) {
        int k = index(phys);
        if (key[k] != keyOf(phys, mode)) return null;
        Insn e = insns[k];
        int len = e.length;
        long mlo = len >= 8 ? -1L : (1L << (len * 8)) - 1;
        if (((ram.get(U64, phys) ^ lo[k]) & mlo) != 0) return null;
        if (len > 8) {
            long mhi = (1L << ((len - 8) * 8)) - 1;
            if (((ram.get(U64, phys + 8) ^ hi[k]) & mhi) != 0) return null;
        }
        hits++;
        return e;
    }

    /** The entry for {@code phys}, invalidated, for the decoder to fill. */
    Insn claim(long phys) {
        int k = index(phys);
        key[k] = -1L;
        return insns[k];
    }

    /** Records the bytes of the freshly decoded {@code insn} and validates its entry. */
    void fill(MemorySegment ram, long phys, int mode, Insn insn) {
        int k = index(phys);
        lo[k] = ram.get(U64, phys);
        hi[k] = ram.get(U64, phys + 8);
        key[k] = keyOf(phys, mode);
        fills++;
    }
}
