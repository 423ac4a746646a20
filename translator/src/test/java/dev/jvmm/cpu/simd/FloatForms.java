package dev.jvmm.cpu.simd;

import static dev.jvmm.cpu.simd.SimdForm.Operand.*;

import java.util.ArrayList;
import java.util.List;

/** The SSE/SSE2/SSE3/SSE4.1 floating-point forms jvmm implements, for random oracle sequences. */
final class FloatForms {
    private FloatForms() {}

    private static final int[] PREFIXES = {0, 0x66, 0xF3, 0xF2};
    private static final String[] SUFFIX = {"ps", "pd", "ss", "sd"};

    private static int memSize(int p) {
        return p == 0 || p == 0x66 ? 16 : p == 0xF3 ? 4 : 8;
    }

    static List<SimdForm> arithmetic() {
        List<SimdForm> f = new ArrayList<>();
        String[] names = {"sqrt", "add", "mul", "sub", "min", "div", "max"};
        int[] ops = {0x51, 0x58, 0x59, 0x5C, 0x5D, 0x5E, 0x5F};
        for (int k = 0; k < 4; k++) {
            int p = PREFIXES[k];
            for (int o = 0; o < ops.length; o++) f.add(SimdForm.of(names[o] + SUFFIX[k], p, ops[o], XMM, XMM, memSize(p), k < 2));
            f.add(SimdForm.of("cmp" + SUFFIX[k], p, 0xC2, XMM, XMM, memSize(p), k < 2).withImm8());
        }
        for (int p : new int[] {0x66, 0xF2}) {
            f.add(SimdForm.of("addsub", p, 0xD0, XMM, XMM, 16, true));
            f.add(SimdForm.of("hadd", p, 0x7C, XMM, XMM, 16, true));
            f.add(SimdForm.of("hsub", p, 0x7D, XMM, XMM, 16, true));
        }
        f.add(SimdForm.of("ucomiss", 0, 0x2E, XMM, XMM, 4, false));
        f.add(SimdForm.of("comiss", 0, 0x2F, XMM, XMM, 4, false));
        f.add(SimdForm.of("ucomisd", 0x66, 0x2E, XMM, XMM, 8, false));
        f.add(SimdForm.of("comisd", 0x66, 0x2F, XMM, XMM, 8, false));
        return f;
    }

    /** SSE4.1 ROUNDPS/PD/SS/SD, DPPS, DPPD. */
    static List<SimdForm> sse41() {
        List<SimdForm> f = new ArrayList<>();
        f.add(SimdForm.of("roundps", 0x66, 0x3A08, XMM, XMM, 16, true).withImm8());
        f.add(SimdForm.of("roundpd", 0x66, 0x3A09, XMM, XMM, 16, true).withImm8());
        f.add(SimdForm.of("roundss", 0x66, 0x3A0A, XMM, XMM, 4, false).withImm8());
        f.add(SimdForm.of("roundsd", 0x66, 0x3A0B, XMM, XMM, 8, false).withImm8());
        f.add(SimdForm.of("dpps", 0x66, 0x3A40, XMM, XMM, 16, true).withImm8());
        f.add(SimdForm.of("dppd", 0x66, 0x3A41, XMM, XMM, 16, true).withImm8());
        return f;
    }

    static List<SimdForm> conversions() {
        List<SimdForm> f = new ArrayList<>();
        f.add(SimdForm.of("cvtps2pd", 0, 0x5A, XMM, XMM, 8, false));
        f.add(SimdForm.of("cvtpd2ps", 0x66, 0x5A, XMM, XMM, 16, true));
        f.add(SimdForm.of("cvtss2sd", 0xF3, 0x5A, XMM, XMM, 4, false));
        f.add(SimdForm.of("cvtsd2ss", 0xF2, 0x5A, XMM, XMM, 8, false));
        f.add(SimdForm.of("cvtdq2ps", 0, 0x5B, XMM, XMM, 16, true));
        f.add(SimdForm.of("cvtps2dq", 0x66, 0x5B, XMM, XMM, 16, true));
        f.add(SimdForm.of("cvttps2dq", 0xF3, 0x5B, XMM, XMM, 16, true));
        f.add(SimdForm.of("cvttpd2dq", 0x66, 0xE6, XMM, XMM, 16, true));
        f.add(SimdForm.of("cvtdq2pd", 0xF3, 0xE6, XMM, XMM, 8, false));
        f.add(SimdForm.of("cvtpd2dq", 0xF2, 0xE6, XMM, XMM, 16, true));
        f.add(SimdForm.of("cvtsi2ss", 0xF3, 0x2A, XMM, GPR, 4, false).withRexW());
        f.add(SimdForm.of("cvtsi2sd", 0xF2, 0x2A, XMM, GPR, 4, false).withRexW());
        f.add(SimdForm.of("cvtpi2ps", 0, 0x2A, XMM, MMX, 8, false));
        f.add(SimdForm.of("cvtpi2pd", 0x66, 0x2A, XMM, MMX, 8, false));
        for (int op : new int[] {0x2C, 0x2D}) {
            String t = op == 0x2C ? "t" : "";
            f.add(SimdForm.of("cvt" + t + "ss2si", 0xF3, op, GPR, XMM, 4, false).withRexW());
            f.add(SimdForm.of("cvt" + t + "sd2si", 0xF2, op, GPR, XMM, 8, false).withRexW());
            f.add(SimdForm.of("cvt" + t + "ps2pi", 0, op, MMX, XMM, 8, false));
            f.add(SimdForm.of("cvt" + t + "pd2pi", 0x66, op, MMX, XMM, 16, true));
        }
        f.add(SimdForm.of("stmxcsr", 0, 0xAE, FIXED, MEMORY_ONLY, 4, false).withFixedReg(3));
        return f;
    }
}
