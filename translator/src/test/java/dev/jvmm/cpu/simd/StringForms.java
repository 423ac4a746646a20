package dev.jvmm.cpu.simd;

import static dev.jvmm.cpu.simd.SimdForm.Operand.*;

import dev.jvmm.cpu.oracle.MachineState;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The SSE4.2 CRC32 and PCMPxSTRx forms for random oracle sequences, and start states that make the
 * string compares interesting: XMM registers and memory of bytes from a small alphabet (so elements
 * match, ranges hold and substrings occur) with zero elements here and there (the implicit lengths),
 * and RAX/RDX mostly small, sometimes negative or past the operand (the explicit lengths).
 */
final class StringForms {
    private StringForms() {}

    static List<SimdForm> all() {
        List<SimdForm> f = new ArrayList<>();
        f.add(SimdForm.of("crc32 r, r/m8", 0xF2, 0x38F0, GPR, GPR, 1, false).withRexW());
        f.add(SimdForm.of("crc32 r, r/m32/64", 0xF2, 0x38F1, GPR, GPR, 4, false).withRexW());
        f.add(SimdForm.of("crc32 r, r/m16", 0x66F2, 0x38F1, GPR, GPR, 2, false));
        String[] names = {"pcmpestrm", "pcmpestri", "pcmpistrm", "pcmpistri"};
        for (int k = 0; k < 4; k++) {
            SimdForm s = SimdForm.of(names[k], 0x66, 0x3A60 + k, XMM, XMM, 16, false).withImm8();
            f.add(k < 2 ? s.withRexW() : s);
        }
        return f;
    }

    private static final byte[] ALPHABET = {'a', 'b', 'c', 'z', 0x7F, (byte) 0x80, (byte) 0xFF, 1};

    private static long text(SplittableRandom rnd) {
        if (rnd.nextInt(6) == 0) return SimdOracleCases.value(rnd);
        long v = 0;
        for (int b = 0; b < 8; b++) {
            int c = rnd.nextInt(24) == 0 ? 0 : ALPHABET[rnd.nextInt(rnd.nextBoolean() ? 3 : ALPHABET.length)] & 0xFF;
            v |= (long) c << (8 * b);
        }
        return v;
    }

    private static long length(SplittableRandom rnd) {
        return switch (rnd.nextInt(6)) {
            case 0 -> SimdOracleCases.value(rnd);
            case 1 -> -rnd.nextInt(20);
            case 2 -> rnd.nextBoolean() ? 0xFFFF_FFFF_0000_0000L | rnd.nextInt(20) : 0x1_0000_0000L | rnd.nextInt(20);
            default -> rnd.nextInt(20);
        };
    }

    static MachineState state(SplittableRandom rnd) {
        MachineState s = SimdOracleCases.randomState(rnd, 256);
        for (int r = 0; r < 16; r++) s.setXmm(r, text(rnd), text(rnd));
        for (int k = 0; k + 8 <= 256; k += 8) {
            long v = text(rnd);
            for (int b = 0; b < 8; b++) s.data[k + b] = (byte) (v >>> (8 * b));
        }
        s.gpr[0] = length(rnd);
        s.gpr[2] = length(rnd);
        return s;
    }
}
