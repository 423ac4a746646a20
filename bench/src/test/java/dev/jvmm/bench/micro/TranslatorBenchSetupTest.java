package dev.jvmm.bench.micro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/** The setups of the translator benchmarks pass (their correctness checks hold) and one operation of each works. */
class TranslatorBenchSetupTest {
    @Test
    void translationBenchTranslatesAFreshUnitEachTime() throws Exception {
        TranslationBench b = new TranslationBench();
        b.setUp();
        try {
            IntSupplier first = b.translateLoopRegion(), second = b.translateLoopRegion();
            assertNotNull(first);
            assertNotNull(second);
            assertNotSame(first, second);
        } finally {
            b.tearDown();
        }
    }

    @Test
    void translatedMemoryBenchRunsTheWholeLoopInTheUnit() throws Exception {
        TranslatedMemoryBench b = new TranslatedMemoryBench();
        b.setUp(); // includes the check against the interpreter
        try {
            assertEquals(dev.jvmm.cpu.jit.CompiledUnit.EXIT_BRANCH, b.runLoop(), "the unit ran the whole loop");
            long before = b.cpu.instructions;
            b.runLoop();
            assertEquals(4L * TranslatedMemoryBench.ITERATIONS, b.cpu.instructions - before, "no soft-TLB miss once warm");
        } finally {
            b.tearDown();
        }
    }

    @Test
    void cacheLookupBenchFindsEveryUnit() throws Exception {
        CacheLookupBench b = new CacheLookupBench();
        b.setUp();
        try {
            assertEquals(CacheLookupBench.UNITS, b.lookUpAll(), "every cached unit is found at its entry");
        } finally {
            b.tearDown();
        }
    }

    @Test
    void softTlbBenchReadsWhatTheMappingHolds() {
        SoftTlbBench b = new SoftTlbBench();
        b.setUp();
        try {
            int expectedHits = 0, expectedMisses = 0;
            for (long lin : b.hitSet) expectedHits += (int) (lin * 31);
            for (long lin : b.conflictSet) expectedMisses += (int) (lin * 31);
            assertEquals(expectedHits, b.read32Hit());
            assertEquals(expectedHits, b.read32MissInvlpg());
            assertEquals(expectedMisses, b.read32MissConflict());
            b.write32Hit();
            b.write32MissConflict();
            assertEquals(SoftTlbBench.PAGES * b.value, b.read32Hit());
            assertEquals(SoftTlbBench.PAGES * b.value, b.read32MissConflict());
        } finally {
            b.tearDown();
        }
    }
}
