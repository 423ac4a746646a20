package dev.jvmm.cpu.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.cpu.interp.Cpu;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.instruction.InvokeInstruction;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Golden checks on the shape of generated code for a few small blocks: cmp/test + jcc fusion,
 * dead flags never computed, registers kept in locals, the interpreter used only for
 * instructions that are not compiled inline, and the HotSpot size limit.
 */
class UnitShapeTest {
    private static Region region(String hex, int maxInsns) {
        try (Sandbox box = new Sandbox(32); GuestMemory mem = GuestMemory.create(GuestMemory.MIN_RAM)) {
            byte[] code = HexFormat.of().parseHex(hex);
            mem.writeBytes(Sandbox.CODE, code, 0, code.length);
            Cpu c = new Cpu(mem);
            CpuState s = box.initialState(new SplittableRandom(1));
            c.setState(s);
            return Region.decode(mem, UnitKey.of(c), Sandbox.CODE, maxInsns);
        }
    }

    /** Calls the unit's run method makes to {@code owner.name}. */
    private static long calls(byte[] classBytes, String owner, String name) {
        ClassModel cm = ClassFile.of().parse(classBytes);
        for (MethodModel m : cm.methods()) {
            if (!m.methodName().equalsString("run")) continue;
            CodeModel code = m.code().orElseThrow();
            return code.elementStream().filter(e -> e instanceof InvokeInstruction i
                    && i.owner().asInternalName().endsWith(owner) && i.name().equalsString(name)).count();
        }
        return -1;
    }

    @Test
    void cmpJccIsFusedAndDeadFlagsAreNotComputed() {
        // loop: add eax, ebx ; sub ecx, 1 ; cmp ecx, edx ; jl loop ; hlt
        Region r = region("01d8" + "83e901" + "39d1" + "7cf7" + "f4", 64);
        byte[] bytes = UnitCompiler.classBytes(r);
        assertEquals(0, calls(bytes, "Flags", "cond"), "jl after cmp reads the compared operands, not RFLAGS");
        // RFLAGS are computed only where something needs them: the exit tail (no instruction here can
        // fault, so the fault tail is dead code the classfile API removes).
        assertEquals(1, calls(bytes, "Flags", "materialize"), () -> UnitTrace.bytecode(bytes));
        assertEquals(0, calls(bytes, "JitRuntime", "fallback"), "HLT, after the loop, is not part of the unit");
        assertEquals(4, r.insns.size(), "the region is the loop the entry lies on");
    }

    @Test
    void codeOffTheEntrysLoopIsLeftOut() {
        // loop: dec ecx ; jz out ; inc eax ; jmp loop ; out: add eax, 1 ; hlt
        Region loop = region("49" + "7403" + "40" + "ebfa" + "83c001" + "f4", 64);
        assertEquals(4, loop.insns.size(), "only the loop's four instructions");
        // straight-line code (no cycle through the entry) keeps everything reachable
        Region line = region("40" + "7401" + "40" + "83c001" + "f4", 64);
        assertEquals(5, line.insns.size());
    }

    @Test
    void aReturnToACallInTheRegionStaysInTheUnit() {
        //     mov ecx, 5 ; call f ; hlt
        // f:  dec ecx ; jz done ; call f ; nop
        // done: ret
        String hex = "b905000000" + "e801000000" + "f4" + "ffc9" + "7406" + "e8f7ffffff" + "90" + "c3";
        Region r = region(hex, 64);
        assertEquals(java.util.Set.of(Sandbox.CODE + 0xA, Sandbox.CODE + 0x14), r.returnSites, "the instructions after both calls");
        for (int mode : new int[] {32, 64}) {
            try (Sandbox box = new Sandbox(mode)) {
                box.missCallsInUnit = true; // the stack page is not in the soft TLB yet: no tlb-miss exit
                String report = box.check(HexFormat.of().parseHex(hex), box.initialState(new SplittableRandom(mode)), new byte[4096]);
                assertEquals(null, report, "recursion through the return sites, " + mode + "-bit");
                assertEquals(CompiledUnit.EXIT_FALLBACK, box.lastExit,
                        "five calls and five returns ran inside the unit, which left only at the HLT (" + mode + "-bit)");
            }
        }
    }

    /** Runs {@code hex} as one unit against the interpreter in both modes, the data and stack pages already in the soft TLB. */
    private static void matchesInterpreter(String hex) {
        for (int mode : new int[] {32, 64}) {
            try (Sandbox box = new Sandbox(mode)) { // its first check starts with a warm soft TLB
                String report = box.check(HexFormat.of().parseHex(hex), box.initialState(new SplittableRandom(7)), new byte[4096]);
                assertEquals(null, report, mode + "-bit");
            }
        }
    }

    @Test
    void aLoadOfWhatTheLastStorePutThereUsesTheStoredValue() {
        // mov [ebx+8], eax ; mov ecx, [ebx+8] ; hlt
        String hex = "894308" + "8b4b08" + "f4";
        byte[] bytes = UnitCompiler.classBytes(rawRegion(hex));
        assertEquals(0, calls(bytes, "Unsafe", "getIntUnaligned"), "the load is the stored value");
        assertEquals(1, calls(bytes, "Unsafe", "putIntUnaligned"));
        matchesInterpreter(hex);
    }

    @Test
    void storeForwardingForgetsAfterAnotherStoreOrAnAddressChange() {
        // lea ecx, [ebx] ; mov [ebx+8], eax ; mov [ecx+8], edx (the same place) ; mov esi, [ebx+8] ; hlt
        String aliased = "8d0b" + "894308" + "895108" + "8b7308" + "f4";
        assertEquals(1, calls(UnitCompiler.classBytes(rawRegion(aliased)), "Unsafe", "getIntUnaligned"));
        matchesInterpreter(aliased);
        // mov [ebx+8], eax ; add ebx, 4 ; mov ecx, [ebx+8] ; hlt
        String moved = "894308" + "83c304" + "8b4b08" + "f4";
        assertEquals(1, calls(UnitCompiler.classBytes(rawRegion(moved)), "Unsafe", "getIntUnaligned"));
        matchesInterpreter(moved);
    }

    private static Region rawRegion(String hex) {
        Region r = region(hex, 64);
        r.rawMemory = true;
        return r;
    }

    @Test
    void incAfterAJoinTakesItsCarryFromEachEdge() {
        // top:  inc eax ; adc esi, 0     (an entry point and a back-edge target: CF from RFLAGS or from the SUB)
        //       cmp ecx, 2 ; jb join ; dec edx
        // join: inc edi ; adc esi, 0     (reached by the JB, CF = 1, and by the fall-through from DEC, CF kept)
        //       sub ecx, 1 ; jnz top ; hlt
        String hex = "ffc0" + "83d600" + "83f902" + "7202" + "ffca" + "ffc7" + "83d600" + "83e901" + "75ea" + "f4";
        assertEquals(1, calls(UnitCompiler.classBytes(region(hex, 64)), "Flags", "carry"),
                "each edge inside computes CF from the producer it knows; only the entry from the dispatcher takes it"
                        + " from RFLAGS and the lazy flags the previous unit left");
        for (int mode : new int[] {32, 64}) {
            try (Sandbox box = new Sandbox(mode)) {
                for (int seed = 0; seed < 8; seed++) { // the entry's CF is random: both values occur
                    CpuState start = box.initialState(new SplittableRandom(seed));
                    start.gpr[1] = 5; // ecx: five passes, the JB taken on the last one
                    String report = box.check(HexFormat.of().parseHex(hex), start, new byte[4096]);
                    assertEquals(null, report, mode + "-bit, seed " + seed);
                }
            }
        }
    }

    @Test
    void aMisalignedAccessInsideItsPageHitsAndOneCrossingThePageLeavesUnlessTheUnitIsPhysical() {
        // mov eax, [ebx+0x801] ; mov [ebx+0x803], eax ; hlt   (ebx = DATA, a page in the soft TLB)
        String inPage = "8b8301080000" + "898303080000" + "f4";
        // mov eax, [ebx+0xFFE] ; hlt   (its last two bytes are on the next page)
        String crossing = "8b83fe0f0000" + "f4";
        for (int mode : new int[] {32, 64}) {
            for (boolean paging : new boolean[] {false, true}) {
                try (Sandbox box = new Sandbox(mode, true, paging)) { // each first check starts with the data page in the soft TLB
                    assertEquals(null, box.check(HexFormat.of().parseHex(inPage), box.initialState(new SplittableRandom(3)), new byte[4096]));
                    assertEquals(CompiledUnit.EXIT_FALLBACK, box.lastExit, "both misaligned accesses hit; the unit left only at the HLT");
                }
                try (Sandbox box = new Sandbox(mode, true, paging)) {
                    assertEquals(null, box.check(HexFormat.of().parseHex(crossing), box.initialState(new SplittableRandom(3)), new byte[4096]));
                    if (box.paging) {
                        assertEquals(CompiledUnit.EXIT_TLB_MISS, box.lastExit, mode + "-bit: a page-crossing access never takes the TLB's fast path");
                    } else { // reads skip the TLB: RAM is one block, and a read needs no per-page test
                        assertEquals(CompiledUnit.EXIT_FALLBACK, box.lastExit, "a physical unit reads across the page without leaving");
                    }
                }
            }
        }
    }

    @Test
    void divisionByOneOfADividendOf2To63OrMoreRaisesADivideError() {
        // mov edx, 0x80000000 ; mov ecx, 1 ; div ecx ; hlt   (the quotient, 2^63 + EAX, is negative as a Java long)
        String hex = "ba00000080" + "b901000000" + "f7f1" + "f4";
        for (int mode : new int[] {32, 64}) {
            try (Sandbox box = new Sandbox(mode)) {
                assertEquals(null, box.check(HexFormat.of().parseHex(hex), box.initialState(new SplittableRandom(5)), new byte[4096]));
                assertEquals(CompiledUnit.EXIT_FAULT, box.lastExit, mode + "-bit: #DE, as the interpreter raises it");
            }
        }
    }

    @Test
    void oneHandlerCatchesAFaultOfAnyGuardedInstructionAtItsOwnRip() {
        // mov eax, [ebx+8] ; add eax, [ebx+12] ; mov edx, 0x80000000 ; mov ecx, 1 ; div ecx ; mov [ebx+16], eax ; hlt
        String hex = "8b4308" + "03430c" + "ba00000080" + "b901000000" + "f7f1" + "894310" + "f4";
        Region r = region(hex, 64);
        ClassModel cm = ClassFile.of().parse(UnitCompiler.classBytes(r));
        CodeModel code = cm.methods().stream().filter(m -> m.methodName().equalsString("run")).findFirst().orElseThrow().code().orElseThrow();
        assertEquals(1, code.exceptionHandlers().size(), "one handler for the four guarded instructions");
        for (int mode : new int[] {32, 64}) {
            try (Sandbox box = new Sandbox(mode)) {
                assertEquals(null, box.check(HexFormat.of().parseHex(hex), box.initialState(new SplittableRandom(5)), new byte[4096]));
                assertEquals(CompiledUnit.EXIT_FAULT, box.lastExit, mode + "-bit: #DE at the DIV, after two loads that did not fault");
            }
        }
    }

    @Test
    void aPhysicalUnitLeavesForReadsPastTheEndOfRamAndWritesToCodePages() {
        // mov eax, [0x1FFFFE] ; hlt   (the sandbox has 2 MiB of RAM: its last two bytes are past the end)
        String pastRam = "a1feff1f00" + "f4";
        try (Sandbox box = new Sandbox(32, true, false)) {
            assertEquals(null, box.check(HexFormat.of().parseHex(pastRam), box.initialState(new SplittableRandom(4)), new byte[4096]));
            assertEquals(CompiledUnit.EXIT_TLB_MISS, box.lastExit, "the interpreter read it: all ones past the end of RAM");
        }
        // mov [ebx+8], eax ; hlt   (ebx = DATA: the sandbox's first check fills the write TLB for that page)
        String store = "894308" + "f4";
        try (Sandbox box = new Sandbox(32, true, false)) {
            assertEquals(null, box.check(HexFormat.of().parseHex(store), box.initialState(new SplittableRandom(4)), new byte[4096]));
            assertEquals(CompiledUnit.EXIT_FALLBACK, box.lastExit, "a plain RAM page: the store hit");
        }
        try (Sandbox box = new Sandbox(32, true, false)) {
            box.markCodePage(Sandbox.DATA); // as if a unit had been translated there
            assertEquals(null, box.check(HexFormat.of().parseHex(store), box.initialState(new SplittableRandom(4)), new byte[4096]));
            assertEquals(CompiledUnit.EXIT_TLB_MISS, box.lastExit, "a code page never enters the write TLB: the interpreter made the store");
        }
    }

    @Test
    void unfusableConditionReadsMaterializedFlags() {
        // add eax, ebx ; jo +0 ; hlt   (OF needs real flags)
        Region r = region("01d8" + "7000" + "f4", 64);
        byte[] bytes = UnitCompiler.classBytes(r);
        assertEquals(1, calls(bytes, "Flags", "cond"));
    }

    @Test
    void registersLiveInLocalsInsideTheLoop() {
        // loop: inc eax ; dec ecx ; jnz loop ; hlt  -- no gpr array traffic inside the loop body
        Region r = region("40" + "49" + "75fc" + "f4", 64);
        byte[] bytes = UnitCompiler.classBytes(r);
        ClassModel cm = ClassFile.of().parse(bytes);
        String text = cm.methods().stream().filter(m -> m.methodName().equalsString("run")).findFirst().orElseThrow()
                .toDebugString();
        // loads on entry and stores at the exit/fallback tails only: 8 + 8 + 8 (around HLT) array accesses
        long laload = text.lines().filter(l -> l.contains("LALOAD")).count();
        assertTrue(laload <= 16, "guest registers are loaded on entry and after the fallback only: " + laload);
    }

    @Test
    void bigRegionsAreSplitBelowTheHotSpotLimit() throws ReflectiveOperationException {
        // PUSHF runs in the interpreter: every one costs a register spill and reload in the method
        String code = "9c".repeat(Translator.MAX_REGION_INSNS) + "f4";
        Region r = region(code, Translator.MAX_REGION_INSNS);
        int full = UnitCompiler.runCodeLength(UnitCompiler.classBytes(r));
        assertTrue(full > UnitCompiler.MAX_CODE_BYTES, "the test region is big enough to need splitting: " + full);
        try (GuestMemory mem = GuestMemory.create(GuestMemory.MIN_RAM)) {
            byte[] bytes = HexFormat.of().parseHex(code);
            mem.writeBytes(Sandbox.CODE, bytes, 0, bytes.length);
            Translator t = new Translator(new FastMem(mem), new JitStats(), null);
            Unit u = t.translate(r.key, Sandbox.CODE);
            int size = UnitCompiler.runCodeLength(u.classBytes);
            assertTrue(size <= UnitCompiler.MAX_CODE_BYTES, "method size " + size);
            assertTrue(u.guestInsns < r.insns.size(), "the unit was shortened");
        }
    }

    @Test
    void indirectCallAndJumpCompile() throws ReflectiveOperationException {
        // call eax ; jmp dword [ebx+8] ; call dword [esp]  (each leaves the unit with the computed RIP)
        try (GuestMemory mem = GuestMemory.create(GuestMemory.MIN_RAM)) {
            for (String hex : new String[] {"ffd0", "ff6308", "ff1424"}) {
                Region r = region(hex + "f4", 4);
                byte[] bytes = UnitCompiler.classBytes(r);
                assertTrue(UnitCompiler.define(r, new FastMem(mem), bytes, UnitCompiler.runCodeLength(bytes)).unit() != null);
            }
        }
    }

    @Test
    void oneInstructionUnitsCompile() throws ReflectiveOperationException {
        // The lockstep pinpointer translates single instructions; branches and calls then exit at once.
        String[] forms = {"e800000000", "7400", "eb00", "c3", "c20800", "ffd0", "ff1424", "0f94c0", "0f44c3", "d3e0", "f7f3", "50", "58"};
        try (GuestMemory mem = GuestMemory.create(GuestMemory.MIN_RAM)) {
            for (String hex : forms) {
                Region r = region(hex + "f4", 1);
                byte[] bytes = UnitCompiler.classBytes(r);
                assertTrue(UnitCompiler.define(r, new FastMem(mem), bytes, UnitCompiler.runCodeLength(bytes)).unit() != null, hex);
            }
        }
    }
}
