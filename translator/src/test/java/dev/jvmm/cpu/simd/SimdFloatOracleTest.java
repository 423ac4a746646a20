package dev.jvmm.cpu.simd;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jvmm.cpu.oracle.HostAgreement;
import dev.jvmm.cpu.oracle.HostCase;
import dev.jvmm.cpu.oracle.HostOracle;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SSE/SSE2/SSE3 floating point against this machine's CPU: random sequences over operands that hit
 * every IEEE case, under random MXCSR (all four rounding modes, FTZ, DAZ, masked and unmasked
 * exceptions), compared bit for bit (results, MXCSR flags, EFLAGS, the #XM a sequence stops at).
 */
class SimdFloatOracleTest {
    private static final int CASES = Integer.getInteger("jvmm.test.simdCases", 16000);

    @BeforeAll
    static void hostOracle() {
        String why = HostOracle.unavailableReason();
        assumeTrue(why == null, why);
    }

    private static void check(List<SimdForm> forms, long seed) throws IOException {
        List<HostCase> cases = SimdOracleCases.cases(forms, CASES, 4, seed, FloatValues::state);
        HostAgreement.assertAgree("SimdFloatOracleTest", cases);
    }

    @Test
    void arithmeticAndComparesAgreeWithTheHost() throws IOException {
        check(FloatForms.arithmetic(), 21);
    }

    @Test
    void sse41RoundAndDotProductAgreeWithTheHost() throws IOException {
        check(FloatForms.sse41(), 23);
    }

    @Test
    void conversionsAgreeWithTheHost() throws IOException {
        check(FloatForms.conversions(), 22);
    }
}
