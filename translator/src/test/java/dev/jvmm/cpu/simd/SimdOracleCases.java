package dev.jvmm.cpu.simd;

import dev.jvmm.cpu.oracle.HostCase;
import dev.jvmm.cpu.oracle.MachineState;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Random oracle cases for SIMD forms: short sequences of random instances over random MMX/XMM/GPR
 * contents. Lanes are drawn from values that hit saturation, sign and shift-count edges (0, 1,
 * all ones, sign bits, 0x7F.., 0x80..) as well as uniformly random bits.
 */
public final class SimdOracleCases {
    private SimdOracleCases() {}

    private static final long[] EDGES = {0, 1, -1, 0x7F7F_7F7F_7F7F_7F7FL, 0x8080_8080_8080_8080L, 0x7FFF_7FFF_7FFF_7FFFL,
        0x8000_8000_8000_8000L, 0x7FFF_FFFF_7FFF_FFFFL, 0x8000_0000_8000_0000L, Long.MAX_VALUE, Long.MIN_VALUE, 15, 16, 31,
        32, 63, 64, 0xFF00_FF00_FF00_FF00L};

    /** A value of random bits, an edge value, or a mix of both by byte. */
    public static long value(SplittableRandom rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> EDGES[rnd.nextInt(EDGES.length)];
            case 1 -> {
                long a = rnd.nextLong(), b = EDGES[rnd.nextInt(EDGES.length)], m = rnd.nextLong();
                yield (a & m) | (b & ~m);
            }
            default -> rnd.nextLong();
        };
    }

    /** A random start: GPRs (RBX the data pointer, RDI 64 bytes into it), MMX/x87 registers, XMM, MXCSR, data. */
    public static MachineState randomState(SplittableRandom rnd, int dataLength) {
        MachineState s = MachineState.initial(dataLength);
        for (int r = 0; r < 16; r++) if (r != MachineState.RBX && r != MachineState.RSP) s.gpr[r] = value(rnd);
        s.gpr[7] = MachineState.DATA + 64;
        s.rflags = rnd.nextLong() & 0xCD5;
        s.setFsw((rnd.nextInt(8)) << 11);
        s.setFtw(rnd.nextInt(256));
        for (int i = 0; i < 8; i++) s.setSt(i, rnd.nextInt(0x10000), value(rnd));
        s.setMxcsr(0x1F80 | (rnd.nextInt() & 0x0043)); // integer code: flags and DAZ at random, masks set
        for (int r = 0; r < 16; r++) s.setXmm(r, value(rnd), value(rnd));
        for (int k = 0; k + 8 <= dataLength; k += 8) {
            long v = value(rnd);
            for (int b = 0; b < 8; b++) s.data[k + b] = (byte) (v >>> (8 * b));
        }
        return s;
    }

    /** {@code count} cases of 1 to {@code maxLength} instructions each drawn from {@code forms}. */
    public static List<HostCase> cases(List<SimdForm> forms, int count, int maxLength, long seed) {
        return cases(forms, count, maxLength, seed, r -> randomState(r, 256));
    }

    /** The same with start states from {@code states}. */
    public static List<HostCase> cases(List<SimdForm> forms, int count, int maxLength, long seed,
            Function<SplittableRandom, MachineState> states) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<HostCase> cases = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            ByteArrayOutputStream code = new ByteArrayOutputStream();
            int length = rnd.nextInt(1, maxLength + 1);
            for (int k = 0; k < length; k++) forms.get(rnd.nextInt(forms.size())).encode(rnd, code);
            cases.add(new HostCase(code.toByteArray(), states.apply(rnd)));
        }
        return cases;
    }
}
