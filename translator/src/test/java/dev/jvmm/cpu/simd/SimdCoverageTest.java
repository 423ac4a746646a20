package dev.jvmm.cpu.simd;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jvmm.cpu.oracle.HostCase;
import dev.jvmm.cpu.oracle.HostOracle;
import dev.jvmm.cpu.oracle.MachineState;
import dev.jvmm.cpu.oracle.Outcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No SIMD encoding is missing or invented: every opcode of the MMX/SSE part of the 0F map and all of
 * the 0F 38 and 0F 3A maps, with each mandatory prefix, with and without REX.W, in a register and a
 * memory form, raises #UD on the interpreter exactly where it does on this machine's CPU, except
 * the encodings of features jvmm's CPUID does not report (listed in {@link #UNREPORTED}), which the
 * host may run and jvmm must refuse, as it must VEX and EVEX ({@link #VEX}); the translator raises
 * #UD exactly where the interpreter does.
 */
class SimdCoverageTest {
    /**
     * Encodings of unreported features, as "prefix map opcode": SHA (NP 0F 38 C8-CD, 0F 3A CC), MOVBE
     * (NP/66 0F 38 F0/F1), INVPCID (66 0F 38 82), GFNI (66 0F 38 CF, 66 0F 3A CE/CF), AES-NI (66 0F 38
     * DB-DF, 66 0F 3A DF), ADCX/ADOX (66/F3 0F 38 F6), PCLMULQDQ (66 0F 3A 44), AMD's SSE4a (EXTRQ,
     * INSERTQ: 66/F2 0F 78/79; MOVNTSS/SD: F3/F2 0F 2B), MOVDIRI and MOVDIR64B (NP 0F 38 F9, 66 0F 38 F8),
     * ENQCMD/ENQCMDS (F2/F3 0F 38 F8), CET's WRSS/WRUSS (NP/66 0F 38 F6/F5), Key Locker (F3 0F 38 D8,
     * DC-DF, FA, FB) and HRESET (F3 0F 3A F0): which of these a host runs depends on its CPU model.
     */
    private static final List<String> UNREPORTED = List.of("NP 38 C8", "NP 38 C9", "NP 38 CA", "NP 38 CB", "NP 38 CC",
            "NP 38 CD", "NP 3A CC", "NP 38 F0", "NP 38 F1", "66 38 F0", "66 38 F1", "66 38 82", "66 38 CF", "66 3A CE",
            "66 3A CF", "66 38 DB", "66 38 DC", "66 38 DD", "66 38 DE", "66 38 DF", "66 3A DF", "66 38 F6", "F3 38 F6",
            "66 3A 44", "66 0F 78", "66 0F 79", "F2 0F 78", "F2 0F 79", "F3 0F 2B", "F2 0F 2B", "NP 38 F9", "66 38 F8",
            "F2 38 F8", "F3 38 F8", "NP 38 F6", "66 38 F5", "F3 38 D8", "F3 38 DC", "F3 38 DD", "F3 38 DE", "F3 38 DF",
            "F3 38 FA", "F3 38 FB", "F3 3A F0");

    /** VEX and EVEX encodings (64-bit mode: C4, C5 and 62 are always VEX/EVEX there): #UD, whatever the host runs. */
    private static final String[][] VEX = {{"c5f858c1", "VEX vaddps xmm0,xmm0,xmm1"}, {"c5fc58c1", "VEX vaddps ymm0,ymm0,ymm1"},
        {"c4e2791803", "VEX vbroadcastss xmm0,[rbx]"}, {"c4e2f1a9c2", "VEX vfmadd213sd xmm0,xmm1,xmm2"},
        {"c5fc77", "VEX vzeroall"}, {"c4e278f2c1", "VEX andn eax,eax,ecx (BMI1)"}, {"62f17c4858c1", "EVEX vaddps zmm0,zmm0,zmm1"}};

    /** The 0F opcodes of the MMX/SSE space and POPCNT/TZCNT/LZCNT (the rest of 0F is system and integer instructions). */
    private static boolean simd(int op) {
        return op >= 0x10 && op <= 0x17 || op >= 0x28 && op <= 0x2F || op >= 0x50 && op <= 0x7F || op >= 0xC2 && op <= 0xC6
                || op >= 0xD0 || op == 0xB8 || op == 0xBC || op == 0xBD;
    }

    @Test
    void undefinedExactlyWhereTheHostSaysSoExceptUnreportedFeatures() throws IOException {
        String why = HostOracle.unavailableReason();
        assumeTrue(why == null, why);
        List<HostCase> cases = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int[] prefixes = {0, 0x66, 0xF3, 0xF2};
        String[] maps = {"0F", "38", "3A"};
        for (int map = 0; map < 3; map++) {
            for (int op = 0; op < 256; op++) {
                if (map == 0 && !simd(op)) continue;
                for (int p : prefixes) {
                    for (boolean memory : new boolean[] {false, true}) {
                        for (boolean rexW : new boolean[] {false, true}) {
                            byte[] code = new byte[12];
                            int n = 0;
                            if (p != 0) code[n++] = (byte) p;
                            if (rexW) code[n++] = 0x48;
                            code[n++] = 0x0F;
                            if (map > 0) code[n++] = (byte) (map == 1 ? 0x38 : 0x3A);
                            code[n++] = (byte) op;
                            code[n++] = (byte) (memory ? 0x43 : 0xC1); // [rbx+16] or xmm0/mm0/eax, xmm1/mm1/ecx
                            if (memory) code[n++] = 0x10;
                            code[n++] = 0x01; // an imm8 where the form has one, else ADD EAX, EAX follows
                            code[n++] = (byte) 0xC0;
                            cases.add(new HostCase(Arrays.copyOf(code, n), MachineState.initial(256)));
                            names.add(String.format("%s %s %02X", p == 0 ? "NP" : String.format("%02X", p), maps[map], op)
                                    + (rexW ? " REX.W" : "") + (memory ? " memory" : " register"));
                        }
                    }
                }
            }
        }
        int vexFrom = cases.size();
        for (String[] v : VEX) {
            cases.add(new HostCase(HexFormat.of().parseHex(v[0]), MachineState.initial(256)));
            names.add(v[1]);
        }
        List<String> failures = new ArrayList<>();
        try (HostOracle oracle = HostOracle.start()) {
            List<Outcome> host = oracle.hostOnly(cases);
            for (int k = 0; k < cases.size(); k++) {
                boolean hostUd = host.get(k).vector() == 6;
                boolean jvmmUd = oracle.jvmm(cases.get(k), false).vector() == 6;
                boolean translatedUd = oracle.jvmm(cases.get(k), true).vector() == 6;
                String name = names.get(k);
                if (translatedUd != jvmmUd) failures.add(name + ": #UD on the " + (jvmmUd ? "interpreter" : "translator") + " only");
                if (k >= vexFrom) {
                    if (!jvmmUd) failures.add(name + ": runs on jvmm, which has no AVX");
                    continue;
                }
                if (hostUd == jvmmUd) continue;
                if (hostUd || !UNREPORTED.contains(name.substring(0, 8))) {
                    failures.add(name + ": " + (hostUd ? "#UD on the host, not on jvmm" : "runs on the host, #UD on jvmm"));
                }
            }
        }
        System.out.println("SimdCoverageTest: " + cases.size() + " encodings");
        assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
    }
}
