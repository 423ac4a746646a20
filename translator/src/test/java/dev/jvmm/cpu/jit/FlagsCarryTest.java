package dev.jvmm.cpu.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.cpu.interp.Cpu;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Flags#carry} (CF alone, nothing written) agrees with {@link Flags#materialize} for every lazy operation. */
class FlagsCarryTest {
    private static final int[] KINDS = {Flags.ADD, Flags.SUB, Flags.LOGIC, Flags.INC, Flags.DEC, Flags.SHL, Flags.SHR,
        Flags.SAR, Flags.IMUL, Flags.MUL};

    @Test
    void carryMatchesMaterializedFlags() {
        SplittableRandom rnd = new SplittableRandom(7);
        try (GuestMemory mem = GuestMemory.create(GuestMemory.MIN_RAM)) {
            Cpu c = new Cpu(mem);
            for (int n = 0; n < 200_000; n++) {
                int kind = KINDS[rnd.nextInt(KINDS.length)];
                int size = new int[] {1, 2, 4, 8}[rnd.nextInt(kind == Flags.MUL ? 3 : 4)]; // MUL: up to 32 bits
                int bits = size * 8;
                long mask = Flags.mask(size);
                long a = edgy(rnd) & mask, b = edgy(rnd) & mask, r;
                switch (kind) {
                    case Flags.ADD -> r = (a + b) & mask;
                    case Flags.SUB -> r = (a - b) & mask;
                    case Flags.INC, Flags.DEC -> {
                        b = rnd.nextInt(2);
                        r = (kind == Flags.INC ? a + 1 : a - 1) & mask;
                    }
                    case Flags.SHL, Flags.SHR, Flags.SAR -> {
                        b = 1 + rnd.nextInt(size == 8 ? 63 : 31);
                        long sa = Flags.signExtend(size, a);
                        r = (kind == Flags.SHL ? a << b : kind == Flags.SHR ? a >>> b : sa >> Math.min(b, 63)) & mask;
                    }
                    case Flags.IMUL -> {
                        a = Flags.signExtend(size, a);
                        b = Flags.signExtend(size, b);
                        r = a * b;
                    }
                    case Flags.MUL -> r = a * b; // zero-extended operands, the full product
                    default -> r = edgy(rnd) & mask; // LOGIC
                }
                int op = kind << 4 | size;
                long before = rnd.nextLong() & 0x8D5; // arbitrary arithmetic flags before the operation
                c.flags = before;
                Flags.materialize(c, op, a, b, r);
                long expected = c.flags & Cpu.CF;
                int fop = op, fkind = kind;
                long fa = a, fb = b, fr = r;
                assertEquals(expected, Flags.carry(before, op, a, b, r),
                        () -> "kind " + fkind + " size " + bits / 8 + " a=" + Long.toHexString(fa) + " b=" + Long.toHexString(fb)
                                + " r=" + Long.toHexString(fr) + " op=" + fop);
            }
            for (long f : new long[] {0, 1, 0x8D5, 0x8D4}) assertEquals(f & Cpu.CF, Flags.carry(f, 0, 5, 7, 9), "op 0: RFLAGS is current");
        }
    }

    /** Mostly boundary values: 0, all ones, sign bits, small numbers. */
    private static long edgy(SplittableRandom rnd) {
        return switch (rnd.nextInt(6)) {
            case 0 -> 0;
            case 1 -> -1L;
            case 2 -> 1L << rnd.nextInt(64);
            case 3 -> (1L << rnd.nextInt(64)) - 1;
            case 4 -> rnd.nextInt(4);
            default -> rnd.nextLong();
        };
    }
}
