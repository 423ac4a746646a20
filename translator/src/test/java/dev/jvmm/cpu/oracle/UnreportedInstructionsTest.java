package dev.jvmm.cpu.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Instructions of extensions jvmm's CPUID does not report, outside the SIMD maps that
 * {@code SimdCoverageTest} sweeps, behave as on a CPU without them (issue 15), on the interpreter and
 * the translator, in the oracle's 64-bit CPL 3 sandbox: #UD for the new opcodes, and the older
 * instruction for encodings that only a prefix tells apart (TZCNT and LZCNT run as BSF and BSR).
 */
class UnreportedInstructionsTest {
    /** Encoding and name; each must raise #UD (checked with objdump -M intel). */
    private static final String[][] UNDEFINED = {
        {"0f01c8", "monitor"}, {"0f01c9", "mwait"}, {"0f01fa", "monitorx"}, {"0f01fb", "mwaitx"},
        {"0fc7f0", "rdrand eax"}, {"0fc7f8", "rdseed eax"}, {"f30fc7f8", "rdpid rax"},
        {"0fc723", "xsavec [rbx]"}, {"0fc72b", "xsaves [rbx]"}, {"0fc71b", "xrstors [rbx]"},
        {"0f01ee", "rdpkru"}, {"0f01ef", "wrpkru"}, {"0f01d5", "xend"}, {"0f01d6", "xtest"},
        {"c6f800", "xabort 0"}, {"c7f800000000", "xbegin"}, {"0f01e8", "serialize"}, {"0f01fc", "clzero"},
        {"0f01fd", "rdpru"}, {"f3480faec0", "rdfsbase rax"}, {"f3480faed0", "wrfsbase rax"},
        {"660f3882 03", "invpcid rax,[rbx]"}, {"c4e278f2c1", "andn eax,eax,ecx (BMI1, VEX)"},
    };

    @Test
    void newOpcodesRaiseUndefinedOnBothEngines() {
        List<String> wrong = new ArrayList<>();
        try (SoftwareCpu soft = new SoftwareCpu()) {
            for (String[] u : UNDEFINED) {
                HostCase c = new HostCase(HexFormat.of().parseHex(u[0].replace(" ", "")), MachineState.initial(256));
                int interpreted = soft.interpreter(c).vector(), translated = soft.translator(c).vector();
                if (interpreted != 6 || translated != 6) wrong.add(u[1] + ": vector " + interpreted + " interpreted, " + translated + " translated");
            }
        }
        assertEquals(List.of(), wrong, "instructions of unreported extensions that did not raise #UD");
    }

    @Test
    void tzcntAndLzcntRunAsBsfAndBsrWithoutBmi1AndAbm() {
        List<String> wrong = new ArrayList<>();
        try (SoftwareCpu soft = new SoftwareCpu()) {
            // F3 0F BC/BD ecx->eax (and 64-bit forms), against NOP; 0F BC/BD, from sources zero and not
            for (String op : new String[] {"bc", "bd"}) {
                for (String w : new String[] {"", "48"}) {
                    for (long src : new long[] {0, 0x10, 0x8000_0000_0000_0100L}) {
                        MachineState s = MachineState.initial(256);
                        s.gpr[0] = 0x1234_5678_9ABC_DEF0L;
                        s.gpr[1] = src;
                        HostCase prefixed = new HostCase(HexFormat.of().parseHex("f3" + w + "0f" + op + "c1"), s);
                        HostCase plain = new HostCase(HexFormat.of().parseHex("90" + w + "0f" + op + "c1"), s); // NOP: same length
                        for (boolean translated : new boolean[] {false, true}) {
                            Outcome a = translated ? soft.translator(prefixed) : soft.interpreter(prefixed);
                            Outcome b = translated ? soft.translator(plain) : soft.interpreter(plain);
                            List<String> d = Comparison.differences(b, a, Tolerance.DEFAULT);
                            if (!d.isEmpty()) wrong.add(String.format("F3 %s0F %s, source 0x%x, %s: %s", w, op.toUpperCase(), src,
                                    translated ? "translated" : "interpreted", d));
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), wrong, "TZCNT/LZCNT encodings that did not run as BSF/BSR");
    }
}
