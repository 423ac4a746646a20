package dev.jvmm.bench.micro;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jvmm.cpu.jit.CompiledUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** FpBench's set-up passes (the unit and the interpreter agree on the loop and its sum) and an operation of each benchmark does what it says. */
class FpBenchSetupTest {
    @ParameterizedTest
    @ValueSource(strings = {"scalar", "packed"})
    void bothBenchmarksRunTheirLoop(String form) throws Exception {
        FpBench b = new FpBench();
        b.form = form;
        b.setUp(); // includes the check against the interpreter
        try {
            long before = b.cpu.instructions;
            assertEquals(CompiledUnit.EXIT_BRANCH, b.unitLoop(), "the unit ran the whole loop");
            assertEquals(5L * FpBench.ITERATIONS, b.cpu.instructions - before, "all iterations in the unit");
            before = b.cpu.instructions;
            b.interpreterStep();
            assertEquals(FpBench.STEPS, b.cpu.instructions - before, "one instruction a step");
        } finally {
            b.tearDown();
        }
    }
}
