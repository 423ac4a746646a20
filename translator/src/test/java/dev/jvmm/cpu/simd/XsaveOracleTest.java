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

/**
 * XSAVE, XSAVEOPT and XRSTOR (both sizes) of the x87 and SSE components against this machine's
 * CPU: the area's bytes, the header's XSTATE_BV (XINUSE), the init rules and the #GP checks.
 * EDX:EAX requests only x87 and SSE, as the host's XCR0 enables more than jvmm's.
 */
class XsaveOracleTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static void check(List<HostCase> cases) throws IOException {
        HostAgreement.assertAgree("XsaveOracleTest", cases);
    }

    /** A random x87/SSE state, sometimes with either component in its initial configuration. */
    private static MachineState state(SplittableRandom rnd) {
        MachineState big = FloatValues.stateWithData(rnd, 1024);
        if (rnd.nextInt(4) == 0) {
            for (int r = 0; r < 16; r++) big.setXmm(r, 0, 0);
            big.setMxcsr(rnd.nextBoolean() ? 0x1F80 : 0x1F81);
        }
        big.gpr[0] = rnd.nextInt(4) | (rnd.nextInt(8) == 0 ? 0xFFFF_FFF0_0000_0000L : 0); // EAX: x87, SSE (upper half ignored)
        big.gpr[2] = rnd.nextInt(8) == 0 ? 0xFFFF_FFFF_0000_0000L : 0; // EDX: nothing more
        return big;
    }

    @Test
    void xsaveWritesWhatTheHostWrites() throws IOException {
        SplittableRandom rnd = new SplittableRandom(41);
        List<HostCase> cases = new ArrayList<>();
        // Each save is followed by a store of zero over MXCSR_MASK (jvmm: 0xFFFF, this AMD CPU: 0x2FFFF);
        // "db e3" (FNINIT) first puts x87 in its initial configuration.
        String zeroMask = " c7 43 1c 00 00 00 00";
        String[] codes = {"0f ae 23", "48 0f ae 23", "db e3 0f ae 23", "0f ae 33", "48 0f ae 33", "db e3 48 0f ae 33",
            "0f ae 63 40  c7 43 5c 00 00 00 00", "0f ae 63 10"};
        for (int n = 0; n < 800; n++) {
            String code = codes[n % codes.length];
            cases.add(new HostCase(hex(code + (code.contains("c7") ? "" : zeroMask)), state(rnd)));
        }
        check(cases);
    }

    @Test
    void xrstorLoadsWhatTheHostLoads() throws IOException {
        SplittableRandom rnd = new SplittableRandom(42);
        List<HostCase> cases = new ArrayList<>();
        String[] codes = {"0f ae 2b", "48 0f ae 2b"};
        for (int n = 0; n < 800; n++) {
            MachineState s = state(rnd);
            int mxcsr = rnd.nextInt(8) == 0 ? rnd.nextInt() : FloatValues.mxcsr(rnd); // sometimes reserved bits: #GP(0)
            for (int b = 0; b < 4; b++) s.data[24 + b] = (byte) (mxcsr >>> (8 * b));
            s.data[0] = (byte) (0x40 | rnd.nextInt(0x40)); // FCW: every exception masked, so no pending one
            s.data[1] = (byte) rnd.nextInt(0x20);
            s.data[2] &= 0x7F; // FSW without ES / B
            s.data[3] &= 0x3F;
            long bv = rnd.nextInt(4);
            long comp = 0, reserved = 0;
            switch (rnd.nextInt(10)) {
                case 0 -> comp = 1 + rnd.nextInt(3); // a standard-form header with XCOMP_BV set: #GP(0)
                case 1 -> reserved = 1L << rnd.nextInt(63); // bytes 16-23 not zero: #GP(0)
                default -> {}
            }
            for (int b = 0; b < 8; b++) {
                s.data[512 + b] = (byte) (bv >>> (8 * b));
                s.data[520 + b] = (byte) (comp >>> (8 * b));
                s.data[528 + b] = (byte) (reserved >>> (8 * b));
            }
            cases.add(new HostCase(hex(codes[n % codes.length]), s));
        }
        check(cases);
    }
}
