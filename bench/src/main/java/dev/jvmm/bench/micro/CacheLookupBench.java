package dev.jvmm.bench.micro;

import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.cpu.interp.Interpreter;
import dev.jvmm.cpu.jit.JitEngine;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
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
 * The translation cache lookup the run loop makes when a unit exit cannot be chained: {@value #UNITS}
 * translated units ({@code inc eax; ret}, 32 bytes apart over eight pages) in a cache of the run
 * loop's capacity, looked up in a shuffled order. One operation is {@value #UNITS} lookups, all hits;
 * divide by {@value #UNITS} for one.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "-Xss8m"})
public class CacheLookupBench {
    static final int UNITS = 1024;
    /** Clear of {@link TranslationBench}'s loop and data. */
    static final long CODE = 0x40_0000;

    GuestMemory memory;
    IntPredicate lookup;
    int[] order;

    @Setup
    public void setUp() throws Exception {
        memory = GuestMemory.create(16L << 20);
        Interpreter in = TranslationBench.machine(memory);
        long[] entries = new long[UNITS];
        for (int k = 0; k < UNITS; k++) {
            entries[k] = CODE + 32L * k;
            memory.write8(entries[k], 0x40); // inc eax
            memory.write8(entries[k] + 1, 0xC3); // ret
        }
        lookup = JitEngine.cacheLookupStandalone(in, entries);
        order = new int[UNITS];
        for (int k = 0; k < UNITS; k++) order[k] = k;
        SplittableRandom rnd = new SplittableRandom(42);
        for (int k = UNITS - 1; k > 0; k--) {
            int j = rnd.nextInt(k + 1), t = order[k];
            order[k] = order[j];
            order[j] = t;
        }
        if (lookUpAll() != UNITS) throw new IllegalStateException("a cached unit was not found");
    }

    @TearDown
    public void tearDown() {
        memory.close();
    }

    /** {@value #UNITS} lookups; the number of units found (all of them). */
    @Benchmark
    public int lookUpAll() {
        int found = 0;
        for (int i : order) if (lookup.test(i)) found++;
        return found;
    }
}
