package dev.jvmm.bench.micro;

import dev.jvmm.core.boot.BootException;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.cpu.interp.Cpu;
import dev.jvmm.cpu.interp.Interpreter;
import dev.jvmm.cpu.jit.CompiledUnit;
import dev.jvmm.cpu.jit.JitEngine;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
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
 * The translator's soft-TLB hit path in compiled code: a translated loop that reads one array and
 * adds into another ({@code loop: mov eax,[esi+ecx*4]; add [edi+ecx*4],eax; dec ecx; jnz loop}),
 * so every iteration is one read probe and one read-modify-write probe, all hits after the first
 * pass. One operation runs the unit for {@value #ITERATIONS} iterations (4 instructions each, under
 * the unit's instruction budget); divide the time per operation by {@value #ITERATIONS} for the
 * cost of one iteration, two memory accesses included. The fork runs with
 * {@code -Djvmm.jit.direct=false}: this loop runs with paging off, where units now read RAM
 * without the TLB (physical units), and this benchmark measures the TLB's hit path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "-Xss8m",
    "-Djvmm.jit.direct=false"})
public class TranslatedMemoryBench {
    static final long LOOP = 0x20_0000, DONE = 0x20_1000, SRC = 0x30_0000, DST = 0x31_0000;
    /** The {@code jmp DONE} after the loop: the unit is the loop alone (a loop region), so it leaves here. */
    static final long AFTER_LOOP = LOOP + 9;
    static final int ITERATIONS = 1000;
    /** The loop above, then {@code jmp DONE} (checked with objdump). */
    static final byte[] LOOP_CODE = HexFormat.of().parseHex("8b048e" + "01048f" + "49" + "75f7" + "e9f20f0000");

    GuestMemory memory;
    Cpu cpu;
    IntSupplier unit;

    /** Flat 32-bit protected mode at the loop, ECX = {@value #ITERATIONS}. */
    static Interpreter machine(GuestMemory mem) throws BootException {
        Interpreter in = TranslationBench.machine(mem);
        mem.writeBytes(LOOP, LOOP_CODE, 0, LOOP_CODE.length);
        mem.write8(DONE, 0xF4); // hlt
        for (int k = 0; k <= ITERATIONS; k++) mem.write32(SRC + 4L * k, 0x9E37_79B9 * k);
        CpuState s = in.cpu().state();
        s.rip = LOOP;
        s.gpr[CpuState.RSI] = SRC;
        s.gpr[CpuState.RDI] = DST;
        s.gpr[CpuState.RCX] = ITERATIONS;
        in.cpu().setState(s);
        return in;
    }

    /** Runs the loop on the interpreter and as a translated unit; throws unless they agree (registers and the array written). */
    static void check() throws Exception {
        try (GuestMemory refMem = GuestMemory.create(16L << 20); GuestMemory jitMem = GuestMemory.create(16L << 20)) {
            Interpreter ref = machine(refMem);
            for (int i = 0; i < 10 * ITERATIONS && ref.cpu().rip != DONE; i++) ref.step();
            Interpreter jit = machine(jitMem);
            IntSupplier u = JitEngine.translateStandalone(jit);
            if (u == null) throw new IllegalStateException("nothing translated at the loop");
            long inUnit = 0;
            for (int i = 0; i < 10 * ITERATIONS && jit.cpu().rip != DONE; i++) {
                if (jit.cpu().rip == LOOP) {
                    long before = jit.cpu().instructions;
                    u.getAsInt();
                    inUnit += jit.cpu().instructions - before;
                } else {
                    jit.step(); // after a soft-TLB miss the interpreter finishes the instruction
                }
            }
            StringBuilder diff = new StringBuilder();
            if (ref.cpu().rip != DONE || jit.cpu().rip != DONE) diff.append(" did not reach DONE;");
            for (int g = 0; g < 8; g++) if (ref.cpu().gpr[g] != jit.cpu().gpr[g]) diff.append(" gpr").append(g).append(';');
            if (ref.cpu().instructions != jit.cpu().instructions) diff.append(" instruction counts;");
            if (inUnit < ref.cpu().instructions * 9 / 10) diff.append(" only ").append(inUnit).append(" instructions in the unit;");
            for (int k = 0; k <= ITERATIONS; k++) {
                if (refMem.read32(DST + 4L * k) != jitMem.read32(DST + 4L * k)) diff.append(" dst[").append(k).append("];");
            }
            if (!diff.isEmpty()) throw new IllegalStateException("translated loop differs from the interpreter:" + diff);
        }
    }

    @Setup
    public void setUp() throws Exception {
        check();
        memory = GuestMemory.create(16L << 20);
        Interpreter in = machine(memory);
        cpu = in.cpu();
        unit = JitEngine.translateStandalone(in);
        for (int pass = 0; pass < 4; pass++) runLoop(); // fills the soft TLB (the first pass misses and leaves early)
    }

    @TearDown
    public void tearDown() {
        memory.close();
    }

    /** {@value #ITERATIONS} iterations of the translated loop from the top; the exit reason (EXIT_BRANCH when it ran to the loop's end). */
    @Benchmark
    public int runLoop() {
        cpu.rip = LOOP;
        cpu.gpr[CpuState.RCX] = ITERATIONS;
        int why = unit.getAsInt();
        return why == CompiledUnit.EXIT_BRANCH && cpu.rip == AFTER_LOOP ? why : -1 - why;
    }
}
