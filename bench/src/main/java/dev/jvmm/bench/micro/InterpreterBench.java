package dev.jvmm.bench.micro;

import dev.jvmm.core.boot.BootException;
import dev.jvmm.core.boot.LoadedKernel;
import dev.jvmm.core.boot.MultibootLoader;
import dev.jvmm.core.bus.PortBus;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.cpu.interp.Cpu;
import dev.jvmm.cpu.interp.Interpreter;
import dev.jvmm.guests.GuestCatalog;
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
 * One {@link Interpreter#step()} (decode + execute) on a small endless 32-bit loop with register ALU
 * work, a store and a load, entered in flat protected mode as the multiboot loader leaves it. One
 * benchmark operation is one guest instruction.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xss8m"})
public class InterpreterBench {
    static final long LOOP = 0x20_0000, DATA = 0x30_0000;
    /** loop: inc eax; add ebx, eax; mov [esi], eax; mov edx, [esi]; dec ecx; jmp loop */
    static final byte[] LOOP_CODE = {0x40, 0x01, (byte) 0xC3, (byte) 0x89, 0x06, (byte) 0x8B, 0x16, 0x49, (byte) 0xEB, (byte) 0xF6};
    static final int LOOP_LENGTH = 6;
    static final int STEPS = 600;

    GuestMemory memory;
    Interpreter interpreter;

    @Setup
    public void setUp() throws BootException {
        memory = GuestMemory.create(16L << 20);
        LoadedKernel kernel = MultibootLoader.load(memory, GuestCatalog.HELLO_PM32.bytes(), "");
        memory.writeBytes(LOOP, LOOP_CODE, 0, LOOP_CODE.length);
        CpuState entry = kernel.entryState();
        entry.rip = LOOP;
        entry.gpr[CpuState.RSI] = DATA;
        entry.gpr[CpuState.RAX] = 0;
        Cpu cpu = new Cpu(memory);
        cpu.setState(entry);
        interpreter = new Interpreter(cpu, new PortBus());
        // Benchmark only an interpreter that runs the loop right: 100 turns leave EAX = 100 in EDX and memory.
        for (int i = 0; i < 100 * LOOP_LENGTH; i++) interpreter.step();
        if (cpu.mode != 32 || cpu.rip != LOOP || (cpu.gpr[CpuState.RDX] & 0xFFFF_FFFFL) != 100 || memory.read32(DATA) != 100) {
            throw new IllegalStateException(String.format("loop ran wrong: mode %d, rip 0x%x, edx %d, [data] %d",
                    cpu.mode, cpu.rip, cpu.gpr[CpuState.RDX], memory.read32(DATA)));
        }
    }

    @TearDown
    public void tearDown() {
        memory.close();
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public long stepLoop() {
        Interpreter in = interpreter;
        for (int i = 0; i < STEPS; i++) in.step();
        return in.cpu().gpr[CpuState.RBX];
    }
}
