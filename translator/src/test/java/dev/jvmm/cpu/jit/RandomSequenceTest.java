package dev.jvmm.cpu.jit;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.cpu.CpuState;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The random-sequence oracle: random valid integer instruction sequences, each translated into
 * its own unit and compared with the interpreter (registers, flags, RIP, data and stack pages).
 * {@code -Djvmm.test.sequences=N} runs N per mode (default 50,000, so 100,000 in all); the seed
 * is fixed per mode so a failure reproduces, {@code -Djvmm.test.seed} picks another. Units
 * access RAM directly ({@link RawMemory}), as they do in jvmm; a fifth as many sequences again
 * go through the RAM segment, the path used when the JVM does not allow direct access. 32-bit
 * mode runs with paging off (units read without the soft TLB: {@link UnitKey#physical}) and, half
 * as many again, with paging on (they probe it for every access).
 */
class RandomSequenceTest {
    @Test
    void theTestJvmAllowsDirectRamAccess() {
        assertTrue(RawMemory.UNSAFE != null, "the build passes --add-exports java.base/jdk.internal.misc=ALL-UNNAMED to tests");
    }

    @ParameterizedTest(name = "{0}-bit, direct RAM access {1}, paging {2}")
    @CsvSource({"32, true, false", "32, true, true", "64, true, true", "32, false, false", "32, false, true", "64, false, true"})
    void randomSequencesMatchTheInterpreter(int mode, boolean raw, boolean paging) {
        boolean paged32 = mode == 32 && paging;
        int count = Integer.getInteger("jvmm.test.sequences", 50_000) / (raw ? 1 : 5) / (paged32 ? 2 : 1);
        long seed = Long.getLong("jvmm.test.seed", 0x5EED_0000L + mode) + (raw ? 0 : 1) + (paged32 ? 2 : 0);
        SplittableRandom rnd = new SplittableRandom(seed);
        RandomInsns gen = new RandomInsns(seed, mode);
        byte[] data = new byte[4096];
        try (Sandbox box = new Sandbox(mode, raw, paging)) {
            for (int n = 0; n < count; n++) {
                byte[] code = gen.sequence(rnd.nextInt(1, 16));
                CpuState start = box.initialState(rnd);
                rnd.nextBytes(data);
                String report = box.check(code, start, data);
                int seq = n;
                assertNull(report, () -> "sequence " + seq + " (seed " + Long.toHexString(seed) + "): " + report);
            }
            System.out.printf("%d-bit (direct RAM access %b, paging %b): %d sequences, %d units, %d guest instructions compiled%n", mode, raw, paging, count, box.unitsRun,
                    box.insnsCompiled);
            assertTrue(box.insnsCompiled > count * 3L, "the sequences were actually translated");
        }
    }
}
