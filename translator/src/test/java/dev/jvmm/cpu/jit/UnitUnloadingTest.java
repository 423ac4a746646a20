package dev.jvmm.cpu.jit;

import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.cpu.interp.Cpu;
import java.lang.ref.WeakReference;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Units dropped by the cache are unloadable: nothing but the cache holds their hidden classes. */
class UnitUnloadingTest {
    @Test
    void flushedUnitsCanBeUnloaded() throws Exception {
        WeakReference<Class<?>> unitClass;
        try (Sandbox box = new Sandbox(32); GuestMemory mem = GuestMemory.create(GuestMemory.MIN_RAM)) {
            byte[] code = HexFormat.of().parseHex("404975fcf4");
            mem.writeBytes(Sandbox.CODE, code, 0, code.length);
            Cpu c = new Cpu(mem);
            c.setState(box.initialState(new SplittableRandom(6)));
            JitStats stats = new JitStats();
            TranslationCache cache = new TranslationCache(mem, 16, stats);
            Unit u = new Translator(new FastMem(mem), stats, null).translate(UnitKey.of(c), Sandbox.CODE);
            cache.insert(u);
            unitClass = new WeakReference<>(u.code.getClass());
            u = null;
            cache.flush();
        }
        for (int k = 0; k < 20 && unitClass.get() != null; k++) {
            System.gc();
            Thread.sleep(20);
        }
        assertNull(unitClass.get(), "the hidden class of a flushed unit was collected");
    }
}
