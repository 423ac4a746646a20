package dev.jvmm.cpu.simd;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jvmm.cpu.oracle.HostAgreement;
import dev.jvmm.cpu.oracle.HostCase;
import dev.jvmm.cpu.oracle.HostOracle;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MMX, SSE2 integer and SSE/SSE2/SSE3 data movement against this machine's CPU: random sequences of
 * every form in {@link IntegerForms}, on the interpreter and the translator, bit for bit.
 */
class SimdIntegerOracleTest {
    @Test
    void randomIntegerAndMoveSequencesAgreeWithTheHost() throws IOException {
        List<HostCase> cases = SimdOracleCases.cases(IntegerForms.all(), Integer.getInteger("jvmm.test.simdCases", 16000), 6, 15);
        HostAgreement.assertAgree("SimdIntegerOracleTest", cases);
    }

    @Test
    void everyFormRunsToTheEndOnTheHostMostOfTheTime() throws IOException {
        String why = HostOracle.unavailableReason();
        assumeTrue(why == null, why);
        try (HostOracle oracle = HostOracle.start()) {
            for (SimdForm f : IntegerForms.all()) {
                List<HostCase> cases = SimdOracleCases.cases(List.of(f), 20, 1, f.opcode());
                long completed = oracle.hostOnly(cases).stream().filter(o -> o.vector() < 0).count();
                assertTrue(completed >= 10, f + ": the host completed only " + completed + " of 20 (an encoding the CPU rejects?)");
            }
        }
    }
}
