package dev.jvmm.cpu.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Instruction lengths against GNU objdump (binutils 2.40): the resource files list instructions
 * objdump found in random byte streams (biased towards prefixes, REX and the 0F maps), one per
 * line as "hex length objdump-text". Regenerate with the script in the resource folder's README.
 * The decoder must agree on every length except the documented families it does not decode
 * (VEX/EVEX/XOP encodings, which jvmm treats as #UD).
 */
class ObjdumpLengthTest {
    static boolean outOfScope(int mode, byte[] b, String text) {
        int k = 0;
        while (k < b.length && isPrefix(mode, b[k] & 0xFF)) k++;
        if (k >= b.length) return true;
        int op = b[k] & 0xFF;
        // VEX (C4/C5) and EVEX (62) in 64-bit mode, or with a register-form ModRM elsewhere
        if (mode == 64 && (op == 0xC4 || op == 0xC5 || op == 0x62)) return true;
        if (mode != 64 && (op == 0xC4 || op == 0xC5 || op == 0x62) && k + 1 < b.length && (b[k + 1] & 0xC0) == 0xC0) return true;
        if (op == 0x8F && k + 1 < b.length && (b[k + 1] & 0x38) != 0) return true; // XOP
        // objdump prints FWAIT followed by an x87 instruction as one line; they are two instructions
        if (op == 0x9B && b.length > k + 1) return true;
        // 64-bit near branches with 66: objdump follows AMD (16-bit displacement), jvmm follows Intel,
        // which ignores 66 there (SDM vol. 2 §2.2.1.7 / "Jcc", "CALL")
        boolean has66 = false;
        for (int j = 0; j < k; j++) has66 |= (b[j] & 0xFF) == 0x66;
        if (mode == 64 && has66 && (op == 0xE8 || op == 0xE9 || (op == 0x0F && k + 1 < b.length && (b[k + 1] & 0xF0) == 0x80))) {
            return true;
        }
        return text.startsWith("{");
    }

    private static boolean isPrefix(int mode, int v) {
        return v == 0x66 || v == 0x67 || v == 0xF0 || v == 0xF2 || v == 0xF3 || v == 0x2E || v == 0x3E || v == 0x26
                || v == 0x36 || v == 0x64 || v == 0x65 || (mode == 64 && (v & 0xF0) == 0x40);
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 32, 64})
    void lengthsMatchObjdump(int mode) throws IOException {
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        Decoder d = new Decoder();
        Insn insn = new Insn();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                getClass().getResourceAsStream("objdump-lengths-" + mode + ".txt")), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split(" ", 3);
                byte[] b = HexFormat.of().parseHex(f[0]);
                int want = Integer.parseInt(f[1]);
                if (outOfScope(mode, b, f[2])) continue;
                checked++;
                d.decode(ip -> ip < b.length ? b[(int) ip] & 0xFF : 0x90, 0, mode, insn);
                if (insn.length != want) mismatches.add(line + "  -> jvmm " + insn.length + " " + insn);
            }
        }
        System.out.println(mode + "-bit: " + checked + " instructions checked against objdump, " + mismatches.size()
                + " mismatches");
        assertEquals(List.of(), mismatches.subList(0, Math.min(40, mismatches.size())));
    }
}
