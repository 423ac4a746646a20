package dev.jvmm.bench.micro;

import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.cpu.CpuException;
import dev.jvmm.cpu.mmu.Mmu;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The soft MMU's TLB: a 32-bit guest access with paging on ({@link Mmu#read32}/{@link Mmu#write32},
 * 32-bit two-level paging, 4 KiB pages identity-mapping 16 MiB) when the translation is in the TLB,
 * against the same access when it is not and the MMU walks the page directory and page table. One
 * operation is one access.
 *
 * <ul>
 *   <li><b>Hit</b>: a working set of {@value #PAGES} pages (one access per page, round robin) that
 *       stays in the direct-mapped TLB: tag compare, permission bit, one RAM access.</li>
 *   <li><b>Miss (conflict)</b>: {@value #PAGES} pages 128 MiB apart, which all map to the same TLB slot
 *       and evict each other, so every access walks (two table reads; A/D bits already set).</li>
 *   <li><b>Miss (INVLPG)</b>: the hit working set with an {@link Mmu#invalidate} (INVLPG) before
 *       each access.</li>
 * </ul>
 *
 * <p>This is the TLB behind the interpreter and behind the translator's slow path. Translated code in
 * flat segments first probes its own soft TLB ({@code dev.jvmm.cpu.jit.FastMem}: linear page to RAM
 * page, no permission bits), which has no public constructor; on a miss there it goes through this
 * MMU. The setup checks, through the page-table Accessed bits, that the hit sets really hit (no walk
 * sets A again after it was cleared) and the miss sets really walk, and that every access reads
 * what the identity mapping says.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class SoftTlbBench {
    static final long PAGE_DIR = 0x1000, PAGE_TABLES = 0x2000;
    /** The MMU TLB is direct-mapped with 32K entries: pages 128 MiB apart share a slot. */
    static final long CONFLICT_STRIDE = 32768L << 12;
    static final long RAM = 4 * CONFLICT_STRIDE + (16L << 20);
    static final int PAGES = 4;
    static final long PTE_FLAGS = 0x7; // present, writable, user
    static final long ACCESSED = 0x20;

    GuestMemory memory;
    Mmu mmu;
    /** Linear addresses in {@value #PAGES} consecutive pages: all TLB hits once warm. */
    final long[] hitSet = new long[PAGES];
    /** Linear addresses {@link #CONFLICT_STRIDE} apart: same TLB slot, every access a miss. */
    final long[] conflictSet = new long[PAGES];
    int value = 0x1234_5678;

    /** RAM identity-mapped with 32-bit paging, and an MMU with paging on. */
    static Mmu pagedMmu(GuestMemory mem) {
        long tables = RAM >>> 22;
        for (long t = 0; t < tables; t++) {
            long pt = PAGE_TABLES + t * 4096;
            mem.write32(PAGE_DIR + 4 * t, (int) (pt | PTE_FLAGS));
            for (long e = 0; e < 1024; e++) mem.write32(pt + 4 * e, (int) ((t << 22 | e << 12) | PTE_FLAGS));
        }
        Mmu mmu = new Mmu(mem, new CpuException());
        mmu.configure(ControlBits.CR0_PE | ControlBits.CR0_PG | ControlBits.CR0_ET, PAGE_DIR, 0, 0);
        return mmu;
    }

    static long pteAddress(long linear) {
        return PAGE_TABLES + (linear >>> 12) * 4;
    }

    @Setup
    public void setUp() {
        memory = GuestMemory.create(RAM);
        mmu = pagedMmu(memory);
        for (int k = 0; k < PAGES; k++) {
            hitSet[k] = 0x40_0000 + k * 0x1000L + 0x40;
            conflictSet[k] = 0x10_0000 + k * CONFLICT_STRIDE + 0x80;
        }
        for (long[] set : new long[][] {hitSet, conflictSet}) {
            for (long lin : set) {
                memory.write32(lin, (int) (lin * 31));
                if (mmu.read32(lin, false) != (int) (lin * 31)) throw new IllegalStateException("wrong mapping at " + Long.toHexString(lin));
            }
        }
        // A walk sets the PTE's Accessed bit; a TLB hit does not. Clear them and access again.
        check(hitSet, false, "hit set walked");
        check(conflictSet, true, "conflict set did not walk");
        for (long lin : hitSet) read32(lin); // warm again
        for (long lin : hitSet) memory.write32(pteAddress(lin), memory.read32(pteAddress(lin)) & ~(int) ACCESSED);
        for (long lin : hitSet) {
            mmu.invalidate(lin);
            mmu.read32(lin, false);
            if ((memory.read32(pteAddress(lin)) & ACCESSED) == 0) throw new IllegalStateException("INVLPG did not force a walk");
        }
    }

    private int read32(long lin) {
        return mmu.read32(lin, false);
    }

    private void check(long[] set, boolean walks, String problem) {
        for (long lin : set) read32(lin); // the last access of each set leaves what the benchmark sees
        for (long lin : set) memory.write32(pteAddress(lin), memory.read32(pteAddress(lin)) & ~(int) ACCESSED);
        for (long lin : set) read32(lin);
        for (long lin : set) {
            if (((memory.read32(pteAddress(lin)) & ACCESSED) != 0) != walks) throw new IllegalStateException(problem + " at " + Long.toHexString(lin));
        }
    }

    @TearDown
    public void tearDown() {
        memory.close();
    }

    @Benchmark
    @OperationsPerInvocation(PAGES)
    public int read32Hit() {
        int sum = 0;
        for (long lin : hitSet) sum += mmu.read32(lin, false);
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(PAGES)
    public void write32Hit() {
        for (long lin : hitSet) mmu.write32(lin, value, false);
    }

    @Benchmark
    @OperationsPerInvocation(PAGES)
    public int read32MissConflict() {
        int sum = 0;
        for (long lin : conflictSet) sum += mmu.read32(lin, false);
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(PAGES)
    public void write32MissConflict() {
        for (long lin : conflictSet) mmu.write32(lin, value, false);
    }

    @Benchmark
    @OperationsPerInvocation(PAGES)
    public int read32MissInvlpg() {
        int sum = 0;
        for (long lin : hitSet) {
            mmu.invalidate(lin);
            sum += mmu.read32(lin, false);
        }
        return sum;
    }
}
