package dev.jvmm.bench.micro;

import dev.jvmm.core.memory.GuestMemory;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link GuestMemory#read32}/{@link GuestMemory#write32}: the fast path (inside one RAM page: bounds
 * check, page-kind load, one segment access) against the byte-wise slow path of an access that
 * straddles a 4 KiB page boundary.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class GuestMemoryBench {
    GuestMemory memory;
    /** Inside one page. */
    long inPage = 0x10_0040;
    /** Two bytes in one page, two in the next. */
    long pageCrossing = 0x10_0FFE;
    int value = 0x1234_5678;

    @Setup
    public void setUp() {
        memory = GuestMemory.create(16L << 20);
    }

    @TearDown
    public void tearDown() {
        memory.close();
    }

    @Benchmark
    public int read32FastPath() {
        return memory.read32(inPage);
    }

    @Benchmark
    public void write32FastPath() {
        memory.write32(inPage, value);
    }

    @Benchmark
    public int read32PageCrossing() {
        return memory.read32(pageCrossing);
    }

    @Benchmark
    public void write32PageCrossing() {
        memory.write32(pageCrossing, value);
    }
}
