package dev.jvmm.cpu.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.cpu.interp.Cpu;
import java.util.HexFormat;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Entry points that would give a loop a second way in are dropped; the others stay. */
class LoopEntriesTest {
    //        mov ecx, 3          +0   before the loops
    // outer: mov edx, 4          +5   the outer loop's header
    // inner: dec edx             +10  the inner loop's header, inside the outer loop's body
    //        jnz inner           +11
    //        dec ecx             +13
    //        jnz outer           +14
    //        hlt                 +16  after the loops
    private static final String NESTED = "b903000000" + "ba04000000" + "4a" + "75fd" + "49" + "75f5" + "f4";

    private static Region region(String hex) {
        try (Sandbox box = new Sandbox(32); GuestMemory mem = GuestMemory.create(GuestMemory.MIN_RAM)) {
            byte[] code = HexFormat.of().parseHex(hex);
            mem.writeBytes(Sandbox.CODE, code, 0, code.length);
            Cpu c = new Cpu(mem);
            c.setState(box.initialState(new SplittableRandom(1)));
            return Region.decode(mem, UnitKey.of(c), Sandbox.CODE, 64);
        }
    }

    private static Set<Long> offsets(Set<Long> rips) {
        Set<Long> out = new TreeSet<>();
        for (long rip : rips) out.add(rip - Sandbox.CODE);
        return out;
    }

    @Test
    void theInnerLoopsHeaderAndTheLoopBodiesAreNoEntryPoints() {
        Region r = region(NESTED);
        assertEquals(Set.of(10L, 11L, 13L, 14L), offsets(LoopEntries.insideLoopBodies(r)),
                "the outer loop's body holds the inner loop; the outer header and the code around the loops are outside");
        assertEquals(Set.of(0L, 5L, 16L), offsets(r.leaders), "the entry, the outer header and the instruction after the loops");
    }

    @Test
    void nestedLoopsStillMatchTheInterpreter() {
        for (int mode : new int[] {32, 64}) {
            try (Sandbox box = new Sandbox(mode)) {
                assertEquals(null, box.check(HexFormat.of().parseHex(NESTED), box.initialState(new SplittableRandom(5)), new byte[4096]), mode + "-bit");
            }
        }
    }
    @Test
    void aUnitForAPlaceInsideAnotherUnitsLoopStopsAtThatUnitsEntryPoints() throws Exception {
        try (Sandbox box = new Sandbox(32); GuestMemory mem = GuestMemory.create(GuestMemory.MIN_RAM)) {
            byte[] code = HexFormat.of().parseHex(NESTED);
            mem.writeBytes(Sandbox.CODE, code, 0, code.length);
            Cpu c = new Cpu(mem);
            c.setState(box.initialState(new SplittableRandom(1)));
            JitStats stats = new JitStats();
            Translator translator = new Translator(new FastMem(mem), stats, null);
            TranslationCache cache = new TranslationCache(mem, 64, stats);
            long outerHeader = Sandbox.CODE + 5, decEcx = Sandbox.CODE + 13;
            c.rip = outerHeader;
            cache.insert(translator.translate(UnitKey.of(c), outerHeader));
            assertTrue(cache.insideLoop(decEcx, decEcx, c), "dec ecx lies in the outer loop's body");
            c.rip = decEcx;
            Unit u = translator.translate(UnitKey.of(c), decEcx, new Region.Stops(cache.entryOffsetsOfUnitAround(decEcx), true));
            assertEquals(Set.of(13L, 14L, 16L), offsets(u.region.insns.keySet()),
                    "dec ecx ; jnz outer (an exit to the other unit's entry) ; hlt, and no second copy of the loops");
            assertEquals(Set.of(5L, 10L, 11L, 13L, 14L), offsets(translator.translate(UnitKey.of(c), decEcx).region.insns.keySet()),
                    "without the stops the region would hold both loops again");
        }
    }

    @Test
    void aStraightLineRegionStopsAtTheEntryPointsOfUnitsOnItsPageButALoopKeepsItsCycle() throws Exception {
        try (Sandbox box = new Sandbox(32); GuestMemory mem = GuestMemory.create(GuestMemory.MIN_RAM)) {
            byte[] code = HexFormat.of().parseHex(NESTED);
            mem.writeBytes(Sandbox.CODE, code, 0, code.length);
            Cpu c = new Cpu(mem);
            c.setState(box.initialState(new SplittableRandom(1)));
            JitStats stats = new JitStats();
            Translator translator = new Translator(new FastMem(mem), stats, null);
            TranslationCache cache = new TranslationCache(mem, 64, stats);
            long start = Sandbox.CODE, outerHeader = Sandbox.CODE + 5, innerHeader = Sandbox.CODE + 10;
            c.rip = outerHeader;
            cache.insert(translator.translate(UnitKey.of(c), outerHeader));
            java.util.BitSet onPage = cache.entryOffsetsOnPage(start, start, c);
            c.rip = start;
            Unit prologue = translator.translate(UnitKey.of(c), start, new Region.Stops(onPage, false));
            assertEquals(Set.of(0L), offsets(prologue.region.insns.keySet()),
                    "mov ecx, 3, then a chained exit into the cached unit at the outer header: no second copy of the loops");
            c.rip = innerHeader;
            Unit inner = translator.translate(UnitKey.of(c), innerHeader, new Region.Stops(onPage, false));
            assertTrue(onPage.get(5), "the outer header is a stop");
            assertEquals(Set.of(5L, 10L, 11L, 13L, 14L), offsets(inner.region.insns.keySet()),
                    "a region entered on a cycle keeps its cycles, the outer loop's through the stop among them");
        }
    }
}
