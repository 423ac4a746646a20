package dev.jvmm.cpu.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.clock.TimerQueue;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.clock.VirtualClock;
import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.cpu.interp.Cpu;
import dev.jvmm.cpu.interp.Interpreter;
import dev.jvmm.devices.pc.PcBoard;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The jit run loop's choices between translated units and the interpreter. */
class JitVcpuTest {
    /**
     * Runs {@code code} at {@link Sandbox#CODE} on a fresh jit vCPU (32-bit flat, translating on this
     * thread, so deterministic) the way the run loop does, without interrupts and timers, for at most
     * {@code steps} unit runs or interpreter steps, then hands the vCPU to {@code check}.
     */
    private static void runToHalt(byte[] code, int seed, int steps, Check check) throws Exception {
        CpuState start;
        try (Sandbox box = new Sandbox(32)) {
            start = box.initialState(new SplittableRandom(seed));
        }
        runToHalt(code, start, steps, check);
    }

    /** {@link #runToHalt(byte[], int, int, Check)} from {@code start}. */
    private static void runToHalt(byte[] code, CpuState start, int steps, Check check) throws Exception {
        try (GuestMemory mem = GuestMemory.create(16L << 20)) {
            PcBoard board = PcBoard.create(mem, new TimerQueue(new VirtualClock(1)), PcBoard.Options.defaults());
            JitVcpu vcpu = new JitVcpu(board.platform(), null, false);
            mem.writeBytes(Sandbox.CODE, code, 0, code.length);
            vcpu.setState(start);
            for (int n = 0; n < steps && !vcpu.cpu().halted; n++) {
                if (!vcpu.runUnit()) vcpu.interpretOne();
            }
            check.accept(vcpu);
        }
    }

    private interface Check {
        void accept(JitVcpu vcpu) throws Exception;
    }

    @Test
    void instructionsAfterATlbMissDoNotBecomeUnitsOfTheirOwn() throws Exception {
        //       mov esi, 0x2000000 ; mov ecx, 2000
        // loop: mov eax, [esi]       past the end of RAM (16 MiB): the unit leaves, the interpreter reads all ones
        //       add esi, 0x1000 ; dec ecx ; jnz loop ; hlt
        byte[] code = HexFormat.of().parseHex("be00000002" + "b9d0070000" + "8b06" + "81c600100000" + "49" + "75f5" + "f4");
        long loop = Sandbox.CODE + 10, afterLoad = loop + 2;
        runToHalt(code, 1, 100_000, vcpu -> {
            assertTrue(vcpu.cpu().halted, "the guest ran to its HLT");
            assertEquals(0, vcpu.cpu().gpr[1], "ECX counted down");
            assertTrue(vcpu.stats.exits[CompiledUnit.EXIT_TLB_MISS] > 1000, "the loop's unit left at the miss on most passes");
            assertNull(vcpu.cache.lookup(afterLoad, afterLoad, vcpu.cpu()), "no unit starts at the instruction after the load");
            assertEquals(1, vcpu.stats.unitsTranslated, "one unit: the loop");
        });
    }

    @Test
    void pauseRunsInsideUnitsWithItsStallCycles() throws Exception {
        //       mov ecx, 5000
        // loop: pause ; dec ecx ; jnz loop ; hlt
        byte[] code = HexFormat.of().parseHex("b988130000" + "f390" + "49" + "75fb" + "f4");
        runToHalt(code, 3, 100_000, vcpu -> {
            assertTrue(vcpu.cpu().halted, "the guest ran to its HLT");
            assertEquals(5000L * Cpu.PAUSE_STALL_CYCLES, vcpu.cpu().stallCycles, "every PAUSE, interpreted or translated, stalls");
            assertEquals(1, vcpu.stats.unitsTranslated, "one unit: the loop");
            assertTrue(vcpu.rt.fallbacks == 0, "PAUSE is compiled inline, not a fallback: " + vcpu.rt.fallbacks);
        });
    }

    @Test
    void aUnitLeavesALongInnerLoopOnlyAtItsOuterLoopsHeader() throws Exception {
        //        mov ecx, 60
        // outer: mov edx, 1 ; cmp ecx, 20 ; ja inner ; mov edx, 20000
        // inner: dec edx ; jnz inner
        //        dec ecx ; jnz outer ; hlt
        // The first 40 passes run the inner loop once, so the outer loop's header is the first hot
        // entry and the unit starts there; the last 20 run it 20,000 times, 40,000 instructions a
        // pass: more than the budget (16,384), less than the inner loops' budget (65,536).
        assertTrue(40_000 > UnitEmitter.BUDGET && 40_000 < UnitEmitter.INNER_BUDGET, "the test's passes sit between the two budgets");
        byte[] code = HexFormat.of().parseHex("b93c000000" + "ba01000000" + "83f914" + "7705" + "ba204e0000" + "4a" + "75fd" + "49" + "75eb" + "f4");
        long outer = Sandbox.CODE + 5, inner = Sandbox.CODE + 20;
        runToHalt(code, 2, 2_000_000, vcpu -> {
            assertTrue(vcpu.cpu().halted, "the guest ran to its HLT");
            assertEquals(0, vcpu.cpu().gpr[1], "ECX counted down");
            assertTrue(vcpu.cache.lookup(outer, outer, vcpu.cpu()) != null, "a unit entered at the outer loop's header");
            assertEquals(19, vcpu.stats.exits[CompiledUnit.EXIT_BUDGET],
                    "it left on its budget only at the outer header, at the end of each long pass but the last");
            assertNull(vcpu.cache.lookup(inner, inner, vcpu.cpu()), "the inner loop's header is no entry point and got no unit of its own");
            assertEquals(1, vcpu.stats.unitsTranslated, "one unit");
        });
    }

    @Test
    void aTlbMissInsideALoopBodyIsInterpretedOnToTheHeaderNotTranslatedAgain() throws Exception {
        //        mov ecx, 60 ; mov esi, 0x2000000
        // outer: mov edx, 1 ; cmp ecx, 20 ; ja inner ; mov edx, 30
        // inner: mov eax, [esi]          past the end of RAM: the unit leaves on every pass
        //        add esi, 0x1000 ; dec edx ; jnz inner
        //        dec ecx ; jnz outer ; hlt
        byte[] code = HexFormat.of().parseHex("b93c000000" + "be00000002" + "ba01000000" + "83f914" + "7705" + "ba1e000000"
                + "8b06" + "81c600100000" + "4a" + "75f5" + "49" + "75e3" + "f4");
        long outer = Sandbox.CODE + 10, inner = Sandbox.CODE + 25;
        runToHalt(code, 3, 1_000_000, vcpu -> {
            assertTrue(vcpu.cpu().halted, "the guest ran to its HLT");
            assertEquals(0, vcpu.cpu().gpr[1], "ECX counted down");
            assertTrue(vcpu.stats.exits[CompiledUnit.EXIT_TLB_MISS] >= 20, "the unit left at a miss on each long pass");
            assertTrue(vcpu.cache.lookup(outer, outer, vcpu.cpu()) != null, "the unit is entered at the outer loop's header");
            assertNull(vcpu.cache.lookup(inner, inner, vcpu.cpu()), "the inner loop's header, inside that unit's loop, got no unit of its own");
            assertEquals(1, vcpu.stats.unitsTranslated, "one unit");
        });
    }

    @Test
    void lazyFlagsPassFromOneUnitToTheNextAndToTheInterpreter() throws Exception {
        // page 0: top: add eax, 0x9e3779b9 ; jmp next     (leaves with the ADD's flags not computed)
        // page 1: next: inc edi ; adc esi, 0               (INC keeps the ADD's CF, ADC reads it: a carry join at the entry)
        //               dec ecx ; jnz top ; jmp last       (leaves with the DEC's flags not computed)
        // page 2: last: pushfd ; pop edx ; hlt             (run once, so by the interpreter: it reads RFLAGS)
        String[] pages = {"05b979379e" + "e9f60f0000", "ffc7" + "83d600" + "49" + "0f85f4efffff" + "e9ef0f0000", "9c" + "5a" + "f4"};
        byte[] code = new byte[0x2000 + pages[2].length() / 2];
        for (int k = 0; k < pages.length; k++) {
            byte[] bytes = HexFormat.of().parseHex(pages[k]);
            System.arraycopy(bytes, 0, code, k * 0x1000, bytes.length);
        }
        for (int seed = 0; seed < 4; seed++) {
            CpuState start;
            try (Sandbox box = new Sandbox(32)) {
                start = box.initialState(new SplittableRandom(seed));
            }
            start.gpr[1] = 300; // ecx: passes, enough for both places to become units
            CpuState expected = interpreted(code, start);
            CpuState begin = start;
            runToHalt(code, begin, 100_000, vcpu -> {
                assertEquals(2, vcpu.stats.unitsTranslated, "the loop's two pages became units");
                assertTrue(vcpu.stats.chainHits > 100, "the units went straight from one to the other");
                CpuState got = vcpu.state();
                assertEquals(expected.rflags, got.rflags, "RFLAGS at the HLT");
                assertEquals(java.util.Arrays.toString(expected.gpr), java.util.Arrays.toString(got.gpr), "registers");
            });
        }
    }

    /** The state after running {@code code} at {@link Sandbox#CODE} from {@code start} on the interpreter alone, to its HLT. */
    private static CpuState interpreted(byte[] code, CpuState start) throws Exception {
        try (GuestMemory mem = GuestMemory.create(16L << 20)) {
            mem.writeBytes(Sandbox.CODE, code, 0, code.length);
            Cpu c = new Cpu(mem);
            c.setState(start);
            Interpreter interp = new Interpreter(c, null);
            for (int n = 0; n < 100_000 && !c.halted; n++) interp.step();
            assertTrue(c.halted, "the interpreter reached the HLT");
            return c.state();
        }
    }

    @Test
    void aSwitchThroughAJumpTableStaysInsideItsLoopsUnit() throws Exception {
        //        mov ecx, 200
        // top:   mov eax, ecx ; and eax, 3 ; jmp [eax*4 + table]
        // case0: add esi, 1 ; jmp tail      case1: add esi, 2 ; jmp tail
        // case2: add edi, 3 ; jmp tail      case3: sub esi, 5
        // tail:  dec ecx ; jnz top ; hlt    (table: at offset 0x800 of the page, the four cases)
        String text = "b9c8000000" + "89c8" + "83e003" + "ff248500080100" + "83c601" + "eb0d" + "83c602" + "eb08"
                + "83c703" + "eb03" + "83ee05" + "49" + "75df" + "f4";
        byte[] code = new byte[0x810];
        byte[] bytes = HexFormat.of().parseHex(text);
        System.arraycopy(bytes, 0, code, 0, bytes.length);
        long[] cases = {17, 22, 27, 32};
        for (int k = 0; k < 4; k++) {
            long target = Sandbox.CODE + cases[k];
            for (int b = 0; b < 4; b++) code[0x800 + 4 * k + b] = (byte) (target >>> (8 * b));
        }
        assertEquals(Sandbox.CODE + 0x800, 0x10800, "the table address the JMP names");
        CpuState start;
        try (Sandbox box = new Sandbox(32)) {
            start = box.initialState(new SplittableRandom(5));
        }
        CpuState expected = interpreted(code, start);
        runToHalt(code, start, 100_000, vcpu -> {
            assertTrue(vcpu.cpu().halted, "the guest ran to its HLT");
            assertEquals(1, vcpu.stats.unitsTranslated, "one unit: the loop with its four cases");
            assertTrue(vcpu.stats.unitRuns < 5, "the switch jumped inside the unit rather than leaving it: " + vcpu.stats.unitRuns + " runs");
            CpuState got = vcpu.state();
            assertEquals(java.util.Arrays.toString(expected.gpr), java.util.Arrays.toString(got.gpr), "registers");
            assertEquals(expected.rflags, got.rflags, "RFLAGS");
        });
    }

    @Test
    void instructionsRetiredCountEveryPassOfAnEndlessLoopOnce() throws Exception {
        //       xor ecx, ecx
        // loop: inc ecx ; jmp loop
        // Each pass retires two instructions, so the count is twice ECX (plus the XOR, and one more
        // if the run stopped between INC and JMP). A `jmp $` loop retires one instruction a pass the
        // same way; HotSpot folds such a loop into its budget check, so the count then grows far
        // faster than a real CPU retires jumps, but it is the number of passes the guest made.
        byte[] code = HexFormat.of().parseHex("31c9" + "41" + "ebfd");
        runToHalt(code, 7, 2_000, vcpu -> {
            assertTrue(vcpu.stats.exits[CompiledUnit.EXIT_BUDGET] > 100, "the loop ran in a unit, leaving at its budget");
            long passes = vcpu.cpu().gpr[1] & 0xFFFF_FFFFL;
            long counted = vcpu.cpu().instructions - 1;
            assertTrue(counted == 2 * passes || counted == 2 * passes - 1,
                    counted + " instructions counted for " + passes + " passes");
        });
    }
}
