package dev.jvmm.cpu.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.cpu.interp.Cpu;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The translation cache: lookup by entry points, self-modifying-code invalidation by byte range, flush. */
class TranslationCacheTest {
    @Test
    void writesInvalidateOnlyUnitsTheyOverlap() throws Exception {
        try (Sandbox box = new Sandbox(32); GuestMemory mem = GuestMemory.create(GuestMemory.MIN_RAM)) {
            // loop: inc eax ; dec ecx ; jnz loop ; hlt   at CODE, data at CODE + 0x800 on the same page
            byte[] code = HexFormat.of().parseHex("404975fcf4");
            mem.writeBytes(Sandbox.CODE, code, 0, code.length);
            Cpu c = new Cpu(mem);
            c.setState(box.initialState(new SplittableRandom(2)));
            JitStats stats = new JitStats();
            TranslationCache cache = new TranslationCache(mem, 16, stats);
            Unit u = new Translator(new FastMem(mem), stats, null).translate(UnitKey.of(c), Sandbox.CODE);
            cache.insert(u);
            assertTrue(mem.isCodePage(Sandbox.CODE), "the page is marked");
            assertSame(u, cache.lookup(Sandbox.CODE, Sandbox.CODE, c));
            c.rip = Sandbox.CODE + 1; // dec ecx is not an entry point
            assertNull(cache.lookup(Sandbox.CODE + 1, Sandbox.CODE + 1, c));

            mem.write32(Sandbox.CODE + 0x800, 7); // data on the same page
            assertFalse(cache.codeWritten(Sandbox.CODE + 0x800, 4));
            assertTrue(u.valid);

            assertTrue(cache.codeWritten(Sandbox.CODE + 2, 1)); // the jnz
            assertFalse(u.valid);
            c.rip = Sandbox.CODE;
            assertNull(cache.lookup(Sandbox.CODE, Sandbox.CODE, c));
            assertFalse(mem.isCodePage(Sandbox.CODE), "the page is unmarked with its last unit");
        }
    }

    @Test
    void translationAndInvalidationAreJfrEvents(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path file = tmp.resolve("cache.jfr");
        try (Sandbox box = new Sandbox(32); GuestMemory mem = GuestMemory.create(GuestMemory.MIN_RAM);
                jdk.jfr.Recording r = new jdk.jfr.Recording()) {
            r.enable("jvmm.UnitTranslated");
            r.enable("jvmm.UnitsInvalidated");
            r.start();
            byte[] code = HexFormat.of().parseHex("404975fcf4"); // inc eax ; dec ecx ; jnz ; hlt
            mem.writeBytes(Sandbox.CODE, code, 0, code.length);
            Cpu c = new Cpu(mem);
            c.setState(box.initialState(new SplittableRandom(2)));
            JitStats stats = new JitStats();
            TranslationCache cache = new TranslationCache(mem, 16, stats);
            cache.insert(new Translator(new FastMem(mem), stats, null).translate(UnitKey.of(c), Sandbox.CODE));
            assertTrue(cache.codeWritten(Sandbox.CODE + 2, 1));
            r.stop();
            r.dump(file);
        }
        var events = jdk.jfr.consumer.RecordingFile.readAllEvents(file);
        var translated = events.stream().filter(e -> e.getEventType().getName().equals("jvmm.UnitTranslated")).toList();
        assertEquals(1, translated.size(), events.toString());
        assertEquals(Sandbox.CODE, translated.getFirst().getLong("physicalAddress"));
        assertEquals(3, translated.getFirst().getInt("guestInstructions"), "the loop; hlt ends the region outside it");
        assertEquals(4, translated.getFirst().getInt("guestBytes"));
        var dropped = events.stream().filter(e -> e.getEventType().getName().equals("jvmm.UnitsInvalidated")).toList();
        assertEquals(1, dropped.size(), events.toString());
        assertEquals(Sandbox.CODE + 2, dropped.getFirst().getLong("physicalAddress"));
        assertEquals(1, dropped.getFirst().getInt("units"));
        assertEquals(1, dropped.getFirst().getInt("writeBytes"));
    }

    @Test
    void fullCacheIsFlushed() throws Exception {
        try (Sandbox box = new Sandbox(32); GuestMemory mem = GuestMemory.create(GuestMemory.MIN_RAM)) {
            JitStats stats = new JitStats();
            TranslationCache cache = new TranslationCache(mem, 4, stats);
            Cpu c = new Cpu(mem);
            c.setState(box.initialState(new SplittableRandom(3)));
            Translator t = new Translator(new FastMem(mem), stats, null);
            for (int k = 0; k < 6; k++) {
                long pa = Sandbox.CODE + k * 0x1000L;
                mem.writeBytes(pa, HexFormat.of().parseHex("f4"), 0, 1);
                c.rip = pa;
                Unit u = t.translate(UnitKey.of(c), pa);
                assertNotNull(u);
                cache.insert(u);
            }
            assertTrue(cache.size() <= 4);
            assertTrue(stats.evictions >= 1);
        }
    }
}
