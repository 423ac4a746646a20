package dev.jvmm.cpu.simd;

import dev.jvmm.cpu.oracle.HostAgreement;
import dev.jvmm.cpu.oracle.HostCase;
import dev.jvmm.cpu.oracle.MachineState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** FXSAVE/FXRSTOR (both sizes), LDMXCSR/STMXCSR against this machine's CPU: the image bytes and the registers loaded. */
class SimdStateOracleTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static void check(List<HostCase> cases) throws IOException {
        HostAgreement.assertAgree("SimdStateOracleTest", cases);
    }

    private static MachineState state(SplittableRandom rnd) {
        return FloatValues.stateWithData(rnd, 1024);
    }

    @Test
    void fxsaveWritesTheImageTheHostWrites() throws IOException {
        SplittableRandom rnd = new SplittableRandom(31);
        List<HostCase> cases = new ArrayList<>();
        // Each FXSAVE is followed by a store of zero over MXCSR_MASK (jvmm: 0xFFFF, this AMD CPU: 0x2FFFF).
        String[] codes = {"0f ae 03  c7 43 1c 00 00 00 00", "48 0f ae 03  c7 43 1c 00 00 00 00",
            "0f ae 43 10  c7 43 2c 00 00 00 00", "48 0f ae 83 00 02 00 00  c7 83 1c 02 00 00 00 00 00 00",
            "0f ae 43 08  c7 43 24 00 00 00 00"};
        for (int n = 0; n < 500; n++) cases.add(new HostCase(hex(codes[n % codes.length]), state(rnd)));
        check(cases);
    }

    @Test
    void fxrstorLoadsWhatTheHostLoads() throws IOException {
        SplittableRandom rnd = new SplittableRandom(32);
        List<HostCase> cases = new ArrayList<>();
        String[] codes = {"0f ae 0b", "48 0f ae 0b", "0f ae 4b 08"};
        for (int n = 0; n < 500; n++) {
            MachineState s = state(rnd);
            int mxcsr = rnd.nextInt(8) == 0 ? rnd.nextInt() : FloatValues.mxcsr(rnd); // sometimes reserved bits: #GP(0)
            for (int b = 0; b < 4; b++) s.data[24 + b] = (byte) (mxcsr >>> (8 * b));
            s.data[0] = (byte) (0x40 | rnd.nextInt(0x40)); // FCW: every exception masked, so no pending one
            s.data[1] = (byte) rnd.nextInt(0x20);
            s.data[2] &= 0x7F; // FSW without ES / B
            s.data[3] &= 0x3F;
            cases.add(new HostCase(hex(codes[n % codes.length]), s));
        }
        check(cases);
    }

    @Test
    void ldmxcsrAndStmxcsrMoveMxcsr() throws IOException {
        SplittableRandom rnd = new SplittableRandom(33);
        List<HostCase> cases = new ArrayList<>();
        for (int n = 0; n < 500; n++) {
            MachineState s = state(rnd);
            int v = rnd.nextInt(6) == 0 ? rnd.nextInt() : FloatValues.mxcsr(rnd);
            for (int b = 0; b < 4; b++) s.data[40 + b] = (byte) (v >>> (8 * b));
            // ldmxcsr [rbx+40]; addps xmm0, xmm1; stmxcsr [rbx+48]
            cases.add(new HostCase(hex("0f ae 53 28  0f 58 c1  0f ae 5b 30"), s));
        }
        check(cases);
    }
}
