package dev.jvmm.cpu.jit;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.cpu.CpuState;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The random-sequence oracle: random valid integer instruction sequences, each translated into
 * its own unit and compared with the interpreter (registers, flags, RIP, data and stack pages).
 * {@code -Djvmm.test.sequences=N} runs N per mode (default 50,000, so 100,000 in all); the seed
 * is fixed per mode so a failure reproduces, {@code -Djvmm.test.seed} picks another.
 */
class RandomSequenceTest {
    @ParameterizedTest
    @ValueSource(ints = {32, 64})
    void randomSequencesMatchTheInterpreter(int mode) {
        int count = Integer.getInteger("jvmm.test.sequences", 50_000);
        long seed = Long.getLong("jvmm.test.seed", 0x5EED_0000L + mode);
        SplittableRandom rnd = new SplittableRandom(seed);
        RandomInsns gen = new RandomInsns(seed, mode);
        byte[] data = new byte[4096];
        try (Sandbox box = new Sandbox(mode)) {
            for (int n = 0; n < count; n++) {
                byte[] code = gen.sequence(rnd.nextInt(1, 16));
                CpuState start = box.initialState(rnd);
                rnd.nextBytes(data);
                String report = box.check(code, start, data);
                int seq = n;
                assertNull(report, () -> "sequence " + seq + " (seed " + Long.toHexString(seed) + "): " + report);
            }
            System.out.printf("%d-bit: %d sequences, %d units, %d guest instructions compiled%n", mode, count, box.unitsRun,
                    box.insnsCompiled);
            assertTrue(box.insnsCompiled > count * 3L, "the sequences were actually translated");
        }
    }
}
