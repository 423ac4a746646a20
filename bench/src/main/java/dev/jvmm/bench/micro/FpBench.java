package dev.jvmm.bench.micro;

import dev.jvmm.core.boot.BootException;
import dev.jvmm.core.boot.MultibootLoader;
import dev.jvmm.core.bus.PortBus;
import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.cpu.interp.Cpu;
import dev.jvmm.cpu.interp.Interpreter;
import dev.jvmm.cpu.jit.CompiledUnit;
import dev.jvmm.cpu.jit.JitEngine;
import dev.jvmm.guests.GuestCatalog;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SSE2 double arithmetic on the software CPU (issue 15): a multiply-accumulate loop over an array of
 * doubles, {@code scalar} (MOVSD, MULSD, ADDSD: one double an iteration) or {@code packed} (MOVAPD,
 * MULPD, ADDPD: two), in flat 32-bit protected mode with CR4.OSFXSR set.
 * <ul>
 *   <li>{@link #interpreterStep}: one {@link Interpreter#step()} (decode and execute) over the loop;
 *       one operation is one guest instruction.</li>
 *   <li>{@link #unitLoop}: the loop translated into one unit ({@link JitEngine#translateStandalone})
 *       and run from the top for {@value #ITERATIONS} iterations (5 instructions each); one operation is
 *       one iteration. It measures whatever the translator makes of the FP instructions: today a call
 *       into the interpreter for each, once units compile them, the compiled code.</li>
 * </ul>
 * Before measuring, each loop runs on the interpreter and as a unit from the same start, and the
 * benchmark refuses to run unless both end with the same registers, XMM registers and MXCSR.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "-Xss8m"})
public class FpBench {
    static final long LOOP = 0x20_0000, DONE = 0x20_1000, DATA = 0x30_0000;
    static final int ITERATIONS = 1000;
    static final int STEPS = 500;

    /**
     * {@code loop: movsd xmm0,[esi+ecx*8]; mulsd xmm0,xmm1; addsd xmm2,xmm0; dec ecx; jnz loop; jmp DONE}
     * (checked with objdump -M intel).
     */
    static final byte[] SCALAR = HexFormat.of().parseHex("f20f1004ce" + "f20f59c1" + "f20f58d0" + "49" + "75f0" + "e9eb0f0000");
    /** {@code loop: movapd xmm0,[esi+ecx*8]; mulpd xmm0,xmm1; addpd xmm2,xmm0; sub ecx,2; jnz loop; jmp DONE}. */
    static final byte[] PACKED = HexFormat.of().parseHex("660f2804ce" + "660f59c1" + "660f58d0" + "83e902" + "75ee" + "e9e90f0000");

    @Param({"scalar", "packed"})
    public String form;

    GuestMemory memory;
    Interpreter interpreter;
    Cpu cpu;
    IntSupplier unit;

    private boolean packed() {
        return form.equals("packed");
    }

    /** The loop's machine at its top: ECX the element count, ESI the array, XMM1 the factor, XMM2 the sum 0. */
    static Interpreter machine(GuestMemory mem, boolean packed) throws BootException {
        CpuState s = MultibootLoader.load(mem, GuestCatalog.HELLO_PM32.bytes(), "").entryState();
        byte[] code = packed ? PACKED : SCALAR;
        mem.writeBytes(LOOP, code, 0, code.length);
        mem.write8(DONE, 0xF4); // hlt
        int elements = packed ? 2 * ITERATIONS : ITERATIONS;
        for (int k = 0; k <= elements + 1; k++) mem.write64(DATA + 8L * k, Double.doubleToRawLongBits(element(k)));
        s.cr0 &= ~(ControlBits.CR0_EM | ControlBits.CR0_TS);
        s.cr4 |= ControlBits.CR4_OSFXSR | ControlBits.CR4_OSXMMEXCPT;
        s.rip = LOOP;
        s.gpr[CpuState.RSI] = DATA;
        s.gpr[CpuState.RCX] = elements;
        Cpu cpu = new Cpu(mem);
        cpu.setState(s);
        cpu.xmm[2] = cpu.xmm[3] = Double.doubleToRawLongBits(0.5); // xmm1 = {0.5, 0.5}
        cpu.xmm[4] = cpu.xmm[5] = 0; // xmm2 = 0
        return new Interpreter(cpu, new PortBus());
    }

    /** The array's element {@code k}: multiples of 1/4, so every product and sum of the loop is exact in any order. */
    static double element(int k) {
        return 1.0 + k * 0.25;
    }

    /** Runs the loop to DONE on the interpreter and as a unit; throws unless they agree. */
    static void check(boolean packed) throws Exception {
        try (GuestMemory refMem = GuestMemory.create(16L << 20); GuestMemory jitMem = GuestMemory.create(16L << 20)) {
            Interpreter ref = machine(refMem, packed);
            for (int i = 0; i < 20 * ITERATIONS && ref.cpu().rip != DONE; i++) ref.step();
            Interpreter jit = machine(jitMem, packed);
            IntSupplier u = JitEngine.translateStandalone(jit);
            if (u == null) throw new IllegalStateException("nothing translated at the loop");
            long inUnit = 0;
            for (int i = 0; i < 20 * ITERATIONS && jit.cpu().rip != DONE; i++) {
                if (jit.cpu().rip == LOOP) {
                    long before = jit.cpu().instructions;
                    u.getAsInt();
                    inUnit += jit.cpu().instructions - before;
                } else {
                    jit.step();
                }
            }
            Cpu r = ref.cpu(), j = jit.cpu();
            StringBuilder diff = new StringBuilder();
            if (r.rip != DONE || j.rip != DONE) diff.append(" did not reach DONE;");
            if (!Arrays.equals(r.gpr, 0, 8, j.gpr, 0, 8)) diff.append(" general registers;");
            if (!Arrays.equals(r.xmm, 0, 6, j.xmm, 0, 6)) diff.append(" xmm0-2;");
            if (r.state().sse.mxcsr != j.state().sse.mxcsr) diff.append(" mxcsr;");
            if (r.instructions != j.instructions) diff.append(" instruction counts;");
            if (inUnit < r.instructions * 9 / 10) diff.append(" only ").append(inUnit).append(" instructions in the unit;");
            double sum = Double.longBitsToDouble(r.xmm[4]) + (packed ? Double.longBitsToDouble(r.xmm[5]) : 0);
            double want = 0;
            // scalar: elements ECX = N ... 1; packed: ECX = 2N ... 2 and the element after each
            for (int k = packed ? 2 : 1; k <= (packed ? 2 * ITERATIONS + 1 : ITERATIONS); k++) want += 0.5 * element(k);
            if (sum != want) diff.append(" sum ").append(sum).append(" not ").append(want).append(';');
            if (!diff.isEmpty()) throw new IllegalStateException(
                    (packed ? "packed" : "scalar") + " loop: the unit and the interpreter disagree or are wrong:" + diff);
        }
    }

    @Setup
    public void setUp() throws Exception {
        check(packed());
        memory = GuestMemory.create(16L << 20);
        interpreter = machine(memory, packed());
        cpu = interpreter.cpu();
        unit = JitEngine.translateStandalone(interpreter);
    }

    @TearDown
    public void tearDown() {
        memory.close();
    }

    /** {@value #STEPS} interpreter steps over the loop, restarted at its top before it runs out. */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public long interpreterStep() {
        Interpreter in = interpreter;
        Cpu c = cpu;
        c.rip = LOOP;
        c.gpr[CpuState.RCX] = packed() ? 2 * ITERATIONS : ITERATIONS;
        for (int i = 0; i < STEPS; i++) in.step();
        return c.xmm[4];
    }

    /** The unit from the loop's top through {@value #ITERATIONS} iterations; the exit reason (EXIT_BRANCH at the loop's end). */
    @Benchmark
    @OperationsPerInvocation(ITERATIONS)
    public int unitLoop() {
        cpu.rip = LOOP;
        cpu.gpr[CpuState.RCX] = packed() ? 2 * ITERATIONS : ITERATIONS;
        int why = unit.getAsInt();
        return why == CompiledUnit.EXIT_BRANCH && cpu.rip != LOOP ? why : -1 - why;
    }
}
