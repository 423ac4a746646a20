package dev.jvmm.cpu.simd;

import dev.jvmm.cpu.oracle.HostAgreement;
import dev.jvmm.cpu.oracle.HostCase;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SSSE3 and SSE4.1/4.2 forms alone (the 0F 38 and 0F 3A maps) against this machine's CPU, so
 * each gets many more random cases than in the mixed runs of {@link SimdIntegerOracleTest}.
 */
class Sse4OracleTest {
    private static final int CASES = Integer.getInteger("jvmm.test.simdCases", 4000);

    private static void check(List<HostCase> cases) throws IOException {
        HostAgreement.assertAgree("Sse4OracleTest", cases);
    }

    @Test
    void threeByteMapIntegerFormsAgreeWithTheHost() throws IOException {
        List<SimdForm> forms = IntegerForms.all().stream().filter(f -> f.opcode() > 0xFF).toList();
        check(SimdOracleCases.cases(forms, CASES, 4, 41));
    }

    @Test
    void crc32AndStringComparesAgreeWithTheHost() throws IOException {
        check(SimdOracleCases.cases(StringForms.all(), CASES, 4, 42, StringForms::state));
    }
}
