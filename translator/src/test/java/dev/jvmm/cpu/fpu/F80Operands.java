package dev.jvmm.cpu.fpu;

import static dev.jvmm.cpu.fpu.F80.BIAS;
import static dev.jvmm.cpu.fpu.F80.J;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Test operands for the soft-float core: every class of 80-bit encoding (zeros, denormals,
 * pseudo-denormals, normals at the range ends and near the float/double/integer limits,
 * infinities, quiet and signaling NaNs, unnormals, pseudo-NaNs and pseudo-infinities), and random
 * values whose significands often end in long runs of zeros or ones, so that ties and carries
 * happen at every precision.
 */
final class F80Operands {
    private final Random random;

    F80Operands(long seed) {
        random = new Random(seed);
    }

    static List<F80> specials() {
        List<F80> s = new ArrayList<>();
        long[][] patterns = {
            {0, 0}, {0, 1}, {0, 0x4000_0000_0000_0000L}, {0, 0x7FFF_FFFF_FFFF_FFFFL}, {0, J}, {0, J | 5}, // zero, denormals, pseudo-denormals
            {1, J}, {1, -1}, {0x7FFE, J}, {0x7FFE, -1}, {BIAS, J}, {BIAS, J | (1L << 62)}, {BIAS - 1, J}, // normals
            {BIAS + 1, 0xA000_0000_0000_0000L}, {BIAS + 62, -1}, {BIAS + 63, J}, {BIAS + 63, -1}, {BIAS + 64, J},
            {BIAS + 14, 0xFFFF_0000_0000_0000L}, {BIAS + 15, J}, {BIAS + 31, J}, {BIAS + 30, -1},
            {BIAS + 59, 0xDE0B_6B3A_763F_FFF0L}, {BIAS + 59, 0xDE0B_6B3A_7640_0000L}, // around 10^18
            {BIAS - 126, J}, {BIAS - 127, -1}, {BIAS - 149, J}, {BIAS - 150, J}, {BIAS + 127, -1}, {BIAS + 128, J},
            {BIAS - 1022, J}, {BIAS - 1023, -1}, {BIAS - 1074, J}, {BIAS - 1075, J | 1}, {BIAS + 1023, -1}, {BIAS + 1024, J},
            {0x7FFF, J}, {0x7FFF, J | 1}, {0x7FFF, 0xC000_0000_0000_0000L}, {0x7FFF, 0xC000_0000_0000_0001L},
            {0x7FFF, -1}, {0x7FFF, 0xA5A5_0000_0000_0000L}, // infinity, NaNs
            {BIAS, 0x4000_0000_0000_0000L}, {5, 1}, {0x7FFF, 0}, {0x7FFF, 0x4000_0000_0000_0000L}, {0x7FFF, 1}, // unsupported
        };
        for (long[] p : patterns) {
            s.add(new F80((int) p[0], p[1]));
            s.add(new F80((int) p[0] | F80.SIGN, p[1]));
        }
        return s;
    }

    /** A random operand: a special one time in eight, else a finite value of a random kind. */
    F80 next() {
        int kind = random.nextInt(16);
        if (kind < 2) {
            List<F80> s = specials();
            return s.get(random.nextInt(s.size()));
        }
        int sign = random.nextBoolean() ? F80.SIGN : 0;
        long sig = significand();
        int exp = switch (kind) {
            case 2 -> random.nextInt(0x7FFF); // anywhere (0: a denormal)
            case 3 -> random.nextInt(70); // near the bottom
            case 4 -> 0x7FFE - random.nextInt(70); // near the top
            case 5 -> BIAS - 126 - 30 + random.nextInt(60); // float's lower limit
            case 6 -> BIAS - 1022 - 60 + random.nextInt(120); // double's lower limit
            case 7 -> BIAS - 2 + random.nextInt(68); // integers
            default -> BIAS - 40 + random.nextInt(80);
        };
        if (exp == 0) sig &= Long.MAX_VALUE;
        return new F80(sign | exp, sig);
    }

    /** A value near {@code a} (same or close exponent), for cancellation and close comparisons. */
    F80 near(F80 a) {
        int exp = Math.max(1, Math.min(0x7FFE, a.exponent() + random.nextInt(5) - 2));
        long sig = random.nextInt(3) == 0 ? a.sig() ^ (1L << random.nextInt(64)) | J : significand();
        int sign = random.nextBoolean() ? a.se() & F80.SIGN : random.nextBoolean() ? F80.SIGN : 0;
        return new F80(sign | exp, sig);
    }

    /** A normalized significand: random bits, or a few leading bits then zeros or ones. */
    long significand() {
        long bits = random.nextLong();
        return switch (random.nextInt(4)) {
            case 0 -> (bits & ~((1L << random.nextInt(64)) - 1)) | J;
            case 1 -> (bits | ((1L << random.nextInt(64)) - 1)) | J;
            case 2 -> J | (1L << random.nextInt(63)) | (random.nextBoolean() ? 1L << random.nextInt(63) : 0);
            default -> bits | J;
        };
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    long nextLong() {
        return random.nextLong();
    }

    boolean nextBoolean() {
        return random.nextBoolean();
    }
}
