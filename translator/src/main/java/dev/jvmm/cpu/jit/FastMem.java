package dev.jvmm.cpu.jit;

import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.cpu.interp.Cpu;
import dev.jvmm.cpu.mmu.Mmu;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The translated code's memory fast path: a small direct-mapped soft TLB from linear page to
 * guest physical RAM page, one for reads and one for writes. A hit is one array probe, one tag
 * compare and one access to the RAM segment; a miss goes through {@link Cpu#read}/{@link Cpu#write}
 * (segmentation, paging, faults, MMIO, ROM, code pages) and, if the page is ordinary RAM, fills
 * the entry. Only pages that are plain RAM enter the write TLB — never MMIO, ROM, or pages holding
 * translated code (whose writes must reach the self-modifying-code listener).
 *
 * <p>Used only where segmentation cannot matter: flat 32-bit DS/ES/SS (base 0, 4 GiB limit,
 * writable) and non-FS/GS accesses in 64-bit mode. The TLB is flushed whenever anything outside
 * translated code ran (paging, CPL or A20 may have changed) and when a page becomes a code page.
 */
public record FastMem(GuestMemory mem, MemorySegment ram, long[] readTlb, long[] writeTlb, long[] stamp) {
    static final int BITS = 8, SIZE = 1 << BITS;
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /*
     * Why a record: each unit class loads its FastMem as a constant (a dynamic constant over the
     * hidden class's data), and HotSpot trusts a record's final fields, so C2 folds the TLB arrays,
     * their lengths and the RAM segment's bounds into the compiled unit. Each TLB array holds
     * entry i as a (tag, page) pair at [2i, 2i+1]: one array, one bounds check C2 can drop.
     */

    FastMem(GuestMemory mem) {
        this(mem, mem.ram(), new long[2 * SIZE], new long[2 * SIZE], new long[3]);
        flush();
    }

    /**
     * Before translated code runs after anything else did: keeps the entries if nothing that
     * changes a linear-to-physical mapping or its permissions happened since they were made (no
     * TLB flush or INVLPG in the MMU, same CPL, same A20 gate), otherwise drops them.
     */
    void revalidate(Cpu c) {
        long epoch = c.mmu.epoch(), a20 = mem.a20Mask();
        if (stamp[0] != epoch || stamp[1] != c.cpl || stamp[2] != a20) {
            flush();
            stamp[0] = epoch;
            stamp[1] = c.cpl;
            stamp[2] = a20;
        }
    }

    /** After the interpreter made the access a unit missed: enters {@code lin}'s page if it is plain RAM. */
    void fillAfterMiss(Cpu c, long lin, boolean write) {
        try {
            long page = ramPage(c, lin, write ? Mmu.WRITE : Mmu.READ);
            if (page < 0 || write && mem.isCodePage(page)) return;
            fill(write ? writeTlb : readTlb, lin, page);
        } catch (dev.jvmm.cpu.CpuException e) {
            // the mapping changed under the access (it faulted): nothing to enter
        }
    }

    // Loads and stores at a RAM offset the TLB gave; small enough that HotSpot always inlines them.
    static long load1(MemorySegment ram, long pa) {
        return ram.get(ValueLayout.JAVA_BYTE, pa) & 0xFFL;
    }

    static long load2(MemorySegment ram, long pa) {
        return ram.get(U16, pa) & 0xFFFFL;
    }

    static long load4(MemorySegment ram, long pa) {
        return ram.get(U32, pa) & 0xFFFF_FFFFL;
    }

    static long load8(MemorySegment ram, long pa) {
        return ram.get(U64, pa);
    }

    static void store1(MemorySegment ram, long pa, long v) {
        ram.set(ValueLayout.JAVA_BYTE, pa, (byte) v);
    }

    static void store2(MemorySegment ram, long pa, long v) {
        ram.set(U16, pa, (short) v);
    }

    static void store4(MemorySegment ram, long pa, long v) {
        ram.set(U32, pa, (int) v);
    }

    static void store8(MemorySegment ram, long pa, long v) {
        ram.set(U64, pa, v);
    }

    void flush() {
        for (int i = 0; i < 2 * SIZE; i += 2) {
            readTlb[i] = -1L;
            writeTlb[i] = -1L;
        }
    }

    /** Reads {@code size} bytes (zero-extended) at flat linear address {@code lin} through segment {@code seg}. */
    public static long read(FastMem m, Cpu c, int seg, long lin, int size) {
        long vpn = lin >>> 12;
        int i = ((int) vpn & (SIZE - 1)) << 1;
        long[] tlb = m.readTlb;
        if (tlb[i] == vpn && (lin & 0xFFF) <= 4096 - size) {
            long pa = tlb[i + 1] | (lin & 0xFFF);
            return switch (size) {
                case 1 -> m.ram.get(ValueLayout.JAVA_BYTE, pa) & 0xFFL;
                case 2 -> m.ram.get(U16, pa) & 0xFFFFL;
                case 4 -> m.ram.get(U32, pa) & 0xFFFF_FFFFL;
                default -> m.ram.get(U64, pa);
            };
        }
        return readMiss(m, c, seg, lin, size);
    }

    static long readMiss(FastMem m, Cpu c, int seg, long lin, int size) {
        long v = c.read(seg, lin, size);
        long page = m.ramPage(c, lin, Mmu.READ);
        if (page >= 0) fill(m.readTlb, lin, page);
        return v;
    }

    /** Writes {@code size} bytes at flat linear address {@code lin} through segment {@code seg}. */
    public static void write(FastMem m, Cpu c, int seg, long lin, int size, long v) {
        long vpn = lin >>> 12;
        int i = ((int) vpn & (SIZE - 1)) << 1;
        long[] tlb = m.writeTlb;
        if (tlb[i] == vpn && (lin & 0xFFF) <= 4096 - size) {
            long pa = tlb[i + 1] | (lin & 0xFFF);
            switch (size) {
                case 1 -> m.ram.set(ValueLayout.JAVA_BYTE, pa, (byte) v);
                case 2 -> m.ram.set(U16, pa, (short) v);
                case 4 -> m.ram.set(U32, pa, (int) v);
                default -> m.ram.set(U64, pa, v);
            }
            return;
        }
        writeMiss(m, c, seg, lin, size, v);
    }

    static void writeMiss(FastMem m, Cpu c, int seg, long lin, int size, long v) {
        c.write(seg, lin, size, v);
        long page = m.ramPage(c, lin, Mmu.WRITE);
        if (page >= 0 && !m.mem.isCodePage(page)) fill(m.writeTlb, lin, page);
    }

    private static void fill(long[] tlb, long lin, long page) {
        int i = ((int) (lin >>> 12) & (SIZE - 1)) << 1;
        tlb[i] = lin >>> 12;
        tlb[i + 1] = page;
    }

    /** The physical RAM page behind {@code lin} after a successful access, or -1 if it is not plain RAM. */
    private long ramPage(Cpu c, long lin, int access) {
        if (mem.a20Mask() != -1L) return -1;
        long pa = c.mmu.translate(lin, access, c.cpl == 3) & ~0xFFFL;
        return mem.isRam(pa, 4096) ? pa : -1;
    }
}
