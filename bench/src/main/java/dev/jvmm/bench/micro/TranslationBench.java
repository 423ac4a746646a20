package dev.jvmm.bench.micro;

import dev.jvmm.core.boot.BootException;
import dev.jvmm.core.boot.MultibootLoader;
import dev.jvmm.core.bus.PortBus;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.cpu.interp.Cpu;
import dev.jvmm.cpu.interp.Interpreter;
import dev.jvmm.cpu.jit.CompiledUnit;
import dev.jvmm.cpu.jit.JitEngine;
import dev.jvmm.guests.GuestCatalog;
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
 * Translation throughput: units translated per second for one realistic hot region, translated from
 * scratch every operation through {@link JitEngine#translateStandalone} — the same
 * {@code Translator} the run loop uses. One operation is: decode the region (31 integer instructions
 * of a 32-bit flat-mode checksum loop: loads and stores, ALU, shifts, IMUL, LEA, MOVZX, ADC, a
 * diamond of conditional branches and the loop's back edge), generate its class file with
 * {@code java.lang.classfile}, measure the method, and <b>define it as a hidden class</b> and
 * instantiate it. Class loading (parsing, verification, linking of the hidden class) is therefore
 * included; HotSpot's later compilation of the unit's code is not (the unit never runs in the
 * timed part), nor is a cache insertion.
 *
 * <p>The setup runs the loop to its end once through the interpreter and once through a unit
 * translated the same way (entered at the loop head, the interpreter stepping wherever a unit exit
 * leaves execution elsewhere, as after a soft-TLB miss), and fails unless registers, flags, the
 * instruction count and the data array agree, so a translator that compiles this region wrongly
 * fails instead of being timed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "-Xss8m"})
public class TranslationBench {
    static final long LOOP = 0x20_0000, DONE = 0x20_1000, DATA = 0x30_0000;
    static final int TURNS = 64;
    /**
     * {@code loop: mov eax,[esi+ecx*4-4]; add eax,ecx; xor ebx,eax; rol ebx,5; mov edx,ebx; shr edx,3;
     * sub edx,eax; and edx,0xff; lea edi,[edx+edx*2]; add ebp,edi; imul eax,eax,33; mov [esi+ecx*4-4],eax;
     * test ecx,1; jz even; inc ebp; neg edx; jmp join; even: sar edx,1; or ebp,0x100; join: cmp edx,0x40;
     * jae big; add ebx,edx; jmp next; big: sub ebx,edx; shl edx,2; next: movzx edi,byte [esi+ecx];
     * adc ebp,edi; dec ecx; jnz loop; jmp DONE} (assembled with GNU as; DONE is on the next page, so
     * the region ends there).
     */
    static final byte[] LOOP_CODE = HexFormat.of().parseHex(
            "8b448efc01c831c3c1c30589dac1ea0329c281e2ff0000008d3c5201fd6bc02189448efcf7c101000000740545f7da"
                    + "eb08d1fa81cd0001000083fa40730401d3eb0529d3c1e2020fb63c0e11fd4975b0e9ab0f0000");
    static final int LOOP_INSNS = 31;

    GuestMemory memory;
    Interpreter interpreter;

    /** A machine in flat 32-bit protected mode (as the multiboot loader leaves it) at the loop's entry. */
    static Interpreter machine(GuestMemory mem) throws BootException {
        CpuState entry = MultibootLoader.load(mem, GuestCatalog.HELLO_PM32.bytes(), "").entryState();
        mem.writeBytes(LOOP, LOOP_CODE, 0, LOOP_CODE.length);
        mem.write8(DONE, 0xF4); // hlt
        for (int k = 0; k < TURNS; k++) mem.write32(DATA + 4L * k, 0x9E37_79B9 * (k + 1));
        entry.rip = LOOP;
        entry.gpr[CpuState.RSI] = DATA;
        entry.gpr[CpuState.RCX] = TURNS;
        entry.gpr[CpuState.RAX] = 0;
        entry.gpr[CpuState.RBX] = 0x1234_5678;
        entry.gpr[CpuState.RBP] = 7;
        Cpu cpu = new Cpu(mem);
        cpu.setState(entry);
        return new Interpreter(cpu, new PortBus());
    }

    /** Runs the loop to DONE on the interpreter and on a unit translated through {@link JitEngine#translateStandalone}; throws unless they agree. */
    static void checkTranslation() throws Exception {
        try (GuestMemory refMem = GuestMemory.create(16L << 20); GuestMemory jitMem = GuestMemory.create(16L << 20)) {
            Interpreter ref = machine(refMem);
            for (int i = 0; i < 100_000 && ref.cpu().rip != DONE; i++) ref.step();
            Interpreter jit = machine(jitMem);
            IntSupplier unit = JitEngine.translateStandalone(jit);
            if (unit == null) throw new IllegalStateException("nothing translated at the loop entry");
            // As the run loop does: the unit runs whenever execution is at its entry; anywhere else (after
            // a unit exit in mid-region, e.g. a soft-TLB miss the interpreter completed) the interpreter steps.
            int exit = -1;
            long inUnit = 0;
            for (int i = 0; i < 100_000 && jit.cpu().rip != DONE; i++) {
                if (jit.cpu().rip == LOOP) {
                    long before = jit.cpu().instructions;
                    exit = unit.getAsInt();
                    inUnit += jit.cpu().instructions - before;
                } else {
                    jit.step();
                }
            }
            Cpu r = ref.cpu(), j = jit.cpu();
            StringBuilder diff = new StringBuilder();
            if (r.rip != DONE) diff.append(String.format(" interpreter stopped at rip 0x%x;", r.rip));
            if (j.rip != DONE || exit != CompiledUnit.EXIT_BRANCH) {
                diff.append(String.format(" unit left at rip 0x%x (%s);", j.rip, CompiledUnit.exitName(exit)));
            }
            for (int g = 0; g < 8; g++) {
                if (r.gpr[g] != j.gpr[g]) diff.append(String.format(" gpr%d 0x%x != 0x%x;", g, j.gpr[g], r.gpr[g]));
            }
            if (r.flags != j.flags) diff.append(String.format(" rflags 0x%x != 0x%x;", j.flags, r.flags));
            if (r.instructions != j.instructions || r.instructions < (long) TURNS * 20) {
                diff.append(String.format(" %d instructions retired, interpreter %d;", j.instructions, r.instructions));
            }
            if (inUnit < r.instructions * 9 / 10) {
                diff.append(String.format(" only %d of %d instructions retired inside the unit;", inUnit, j.instructions));
            }
            for (int k = 0; k < TURNS; k++) {
                if (refMem.read32(DATA + 4L * k) != jitMem.read32(DATA + 4L * k)) diff.append(" data[").append(k).append("];");
            }
            if (!diff.isEmpty()) throw new IllegalStateException("translated loop differs from the interpreter:" + diff);
        }
    }

    @Setup
    public void setUp() throws Exception {
        checkTranslation();
        memory = GuestMemory.create(16L << 20);
        interpreter = machine(memory);
    }

    @TearDown
    public void tearDown() {
        memory.close();
    }

    /** One unit of {@value #LOOP_INSNS} guest instructions, translated and loaded as a new hidden class. */
    @Benchmark
    public IntSupplier translateLoopRegion() throws ReflectiveOperationException {
        return JitEngine.translateStandalone(interpreter);
    }
}
