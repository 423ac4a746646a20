package dev.jvmm.bench.micro;

import dev.jvmm.core.boot.BootException;
import dev.jvmm.core.boot.Elf64Loader;
import dev.jvmm.core.boot.LoadedKernel;
import dev.jvmm.core.boot.MultibootLoader;
import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.guests.GuestCatalog;
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
 * Loading a kernel into already-mapped RAM: parsing the image, copying segments, zeroing BSS, and the
 * boot structures (multiboot information, or the ELF64 entry's page tables and GDT). Part of every
 * {@code jvmm run}'s start-up.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class LoaderBench {
    GuestMemory memory;
    byte[] multibootImage;
    byte[] elf64Image;

    @Setup
    public void setUp() {
        memory = GuestMemory.create(16L << 20);
        multibootImage = GuestCatalog.HELLO_PM32.bytes();
        elf64Image = GuestCatalog.HELLO_ELF64.bytes();
    }

    @TearDown
    public void tearDown() {
        memory.close();
    }

    @Benchmark
    public LoadedKernel multibootHelloPm32() throws BootException {
        return MultibootLoader.load(memory, multibootImage, "console=ttyS0");
    }

    @Benchmark
    public LoadedKernel elf64HelloElf64() throws BootException {
        return Elf64Loader.load(memory, elf64Image, "console=ttyS0");
    }
}
