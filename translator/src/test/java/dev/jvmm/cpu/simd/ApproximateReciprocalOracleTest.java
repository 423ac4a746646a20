package dev.jvmm.cpu.simd;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jvmm.cpu.oracle.HostAgreement;
import dev.jvmm.cpu.oracle.HostCase;
import dev.jvmm.cpu.oracle.HostOracle;
import dev.jvmm.cpu.oracle.MachineState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RCPPS/RCPSS/RSQRTPS/RSQRTSS against this machine's CPU. Their results are the vendor's (see
 * {@link ApproximateReciprocal}): jvmm gives the AMD host's, so on another vendor's CPU the test is
 * skipped. Every table index is checked (each of the 4096 top-12-bit fractions, in lanes of both
 * exponent parities and random low bits), then random sequences over every IEEE class and MXCSR.
 */
class ApproximateReciprocalOracleTest {
    @BeforeAll
    static void amdHost() throws IOException {
        String why = HostOracle.unavailableReason();
        assumeTrue(why == null, why);
        Path cpuinfo = Path.of("/proc/cpuinfo");
        boolean amd = Files.isReadable(cpuinfo) && Files.readString(cpuinfo).contains("AuthenticAMD");
        assumeTrue(amd, "RCP/RSQRT results are the AMD host's; this host is not AMD");
    }

    private static void check(List<HostCase> cases) throws IOException {
        HostAgreement.assertAgree("ApproximateReciprocalOracleTest", cases);
    }

    @Test
    void everyTableEntryAgreesWithTheHost() throws IOException {
        SplittableRandom rnd = new SplittableRandom(52);
        // rcpps xmm1, xmm0; rsqrtps xmm2, xmm0; rcpss xmm3, xmm0; rsqrtss xmm4, xmm0
        byte[] code = {0x0F, 0x53, (byte) 0xC8, 0x0F, 0x52, (byte) 0xD0, (byte) 0xF3, 0x0F, 0x53, (byte) 0xD8, (byte) 0xF3, 0x0F,
            0x52, (byte) 0xE0};
        List<HostCase> cases = new ArrayList<>();
        for (int i = 0; i < 4096; i++) {
            long[] lanes = new long[4];
            for (int k = 0; k < 4; k++) {
                long exponent = k == 0 ? 127 : k == 1 ? 128 : rnd.nextInt(1, 255);
                lanes[k] = exponent << 23 | (long) i << 11 | rnd.nextInt(1 << 11);
            }
            MachineState s = SimdOracleCases.randomState(rnd, 256);
            s.setXmm(0, lanes[0] | lanes[1] << 32, lanes[2] | lanes[3] << 32);
            s.setMxcsr(FloatValues.mxcsr(rnd));
            cases.add(new HostCase(code, s));
        }
        check(cases);
    }

    @Test
    void randomSequencesAgreeWithTheHost() throws IOException {
        List<SimdForm> forms = List.of(
                SimdForm.of("rsqrtps", 0, 0x52, SimdForm.Operand.XMM, SimdForm.Operand.XMM, 16, true),
                SimdForm.of("rsqrtss", 0xF3, 0x52, SimdForm.Operand.XMM, SimdForm.Operand.XMM, 4, false),
                SimdForm.of("rcpps", 0, 0x53, SimdForm.Operand.XMM, SimdForm.Operand.XMM, 16, true),
                SimdForm.of("rcpss", 0xF3, 0x53, SimdForm.Operand.XMM, SimdForm.Operand.XMM, 4, false));
        check(SimdOracleCases.cases(forms, Integer.getInteger("jvmm.test.simdCases", 4000), 4, 53, FloatValues::state));
    }
}
