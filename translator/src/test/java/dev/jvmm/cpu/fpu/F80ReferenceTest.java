package dev.jvmm.cpu.fpu;

import static dev.jvmm.cpu.fpu.F80.BIAS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The soft-float core against references that share no code with it: exact rational arithmetic
 * with {@link BigInteger} rounded by a separate, simple rounding routine (every precision and
 * rounding mode, for results in the normal range), and Java's own IEEE float and double arithmetic
 * for precision control 24 and 53 with round-to-nearest (where a single rounding to 24 or 53 bits
 * is exactly what the x87 does, as long as the result is a normal float or double).
 */
class F80ReferenceTest {
    private static final int RUNS = 40_000;

    /** An exact non-negative rational n / d times 2^scale. */
    record Exact(BigInteger n, BigInteger d, int scale) {}

    private static Exact exact(F80 a) {
        int e = a.exponent() == 0 ? 1 : a.exponent();
        return new Exact(F80Arith.unsigned(a.sig()), BigInteger.ONE, e - BIAS - 63);
    }

    /** The reference result: |x| rounded to {@code p} bits, or null if it is outside the normal range. */
    private static F80 reference(boolean neg, Exact x, int p, int rc) {
        if (x.n().signum() == 0) return null;
        // find e with 2^(p-1) <= x / 2^e < 2^p
        int e = x.n().bitLength() - x.d().bitLength() - p + x.scale();
        for (;;) {
            BigInteger num = x.n(), den = x.d();
            int shift = x.scale() - e;
            if (shift >= 0) num = num.shiftLeft(shift);
            else den = den.shiftLeft(-shift);
            BigInteger[] qr = num.divideAndRemainder(den);
            BigInteger q = qr[0];
            if (q.bitLength() > p) {
                e++;
                continue;
            }
            if (q.bitLength() < p) {
                e--;
                continue;
            }
            boolean inexact = qr[1].signum() != 0;
            int half = qr[1].shiftLeft(1).compareTo(den);
            boolean up = switch (rc) {
                case FpEnv.RC_NEAREST -> half > 0 || (half == 0 && q.testBit(0));
                case FpEnv.RC_DOWN -> inexact && neg;
                case FpEnv.RC_UP -> inexact && !neg;
                default -> false;
            };
            if (up) q = q.add(BigInteger.ONE);
            if (q.bitLength() > p) {
                q = q.shiftRight(1);
                e++;
            }
            int biased = e + p - 1 + BIAS;
            if (biased < 1 || biased > 0x7FFE) return null;
            return new F80((neg ? F80.SIGN : 0) | biased, q.shiftLeft(64 - p).longValue());
        }
    }

    private static Exact add(Exact a, Exact b, boolean subtract) {
        int scale = Math.min(a.scale(), b.scale());
        BigInteger x = a.n().shiftLeft(a.scale() - scale), y = b.n().shiftLeft(b.scale() - scale);
        return new Exact(subtract ? x.subtract(y) : x.add(y), BigInteger.ONE, scale);
    }

    private static F80 finite(F80Operands operands) {
        for (;;) {
            F80 a = operands.next();
            if (!a.isNaN() && !a.isInfinity() && !a.isUnsupported() && !a.isZero() && a.exponent() != 0x7FFF) return a;
        }
    }

    @Test
    void addSubtractMultiplyDivideMatchExactArithmetic() {
        F80Operands operands = new F80Operands(80);
        int checked = 0;
        List<String> failures = new ArrayList<>();
        for (int n = 0; n < RUNS; n++) {
            F80 a = finite(operands), b = operands.nextInt(3) == 0 ? operands.near(a) : finite(operands);
            int pc = new int[] {FpEnv.PC_24, FpEnv.PC_53, FpEnv.PC_64}[operands.nextInt(3)];
            int p = pc == FpEnv.PC_24 ? 24 : pc == FpEnv.PC_53 ? 53 : 64;
            int rc = operands.nextInt(4);
            int op = operands.nextInt(4);
            Exact x = exact(a), y = exact(b);
            boolean neg;
            Exact want;
            switch (op) {
                case 0, 1 -> {
                    boolean subtract = (op == 1) != (a.negative() != b.negative()); // magnitudes subtract
                    Exact s = add(x, y, subtract);
                    neg = a.negative() != (s.n().signum() < 0);
                    want = new Exact(s.n().abs(), BigInteger.ONE, s.scale());
                }
                case 2 -> {
                    neg = a.negative() != b.negative();
                    want = new Exact(x.n().multiply(y.n()), BigInteger.ONE, x.scale() + y.scale());
                }
                default -> {
                    neg = a.negative() != b.negative();
                    want = new Exact(x.n(), y.n(), x.scale() - y.scale());
                }
            }
            F80 expected = reference(neg, want, p, rc);
            if (expected == null) continue; // zero, or outside the normal range: the host test covers those
            FpEnv env = new FpEnv(0x007F | pc << 8 | rc << 10);
            F80 got = switch (op) {
                case 0 -> F80Arith.add(a, b, env);
                case 1 -> F80Arith.sub(a, b, env);
                case 2 -> F80Arith.mul(a, b, env);
                default -> F80Arith.div(a, b, env);
            };
            checked++;
            if (!expected.equals(got) && failures.size() < 10) {
                failures.add("op " + op + " " + a + " " + b + " pc " + pc + " rc " + rc + ": want " + expected + " got " + got);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertTrue(checked > RUNS / 2, "too few cases in the normal range: " + checked);
    }

    @Test
    void precision53AndNearestIsJavaDoubleArithmetic() {
        Random random = new Random(53);
        FpEnv env = new FpEnv(0x027F);
        for (int n = 0; n < RUNS; n++) {
            double a = randomDouble(random), b = random.nextInt(3) == 0 ? a * (1 + random.nextGaussian() * 1e-12) : randomDouble(random);
            F80 x = F80Convert.fromDouble(Double.doubleToRawLongBits(a), env), y = F80Convert.fromDouble(Double.doubleToRawLongBits(b), env);
            checkDouble(a + b, F80Arith.add(x, y, env), env, a, b, "+");
            checkDouble(a - b, F80Arith.sub(x, y, env), env, a, b, "-");
            checkDouble(a * b, F80Arith.mul(x, y, env), env, a, b, "*");
            checkDouble(a / b, F80Arith.div(x, y, env), env, a, b, "/");
            checkDouble(Math.sqrt(Math.abs(a)), F80Arith.sqrt(x.abs(), env), env, a, b, "sqrt");
        }
    }

    private static void checkDouble(double want, F80 result, FpEnv env, double a, double b, String op) {
        if (want != 0 && Math.abs(want) < Double.MIN_NORMAL) return; // double rounding in the subnormal range
        long got = F80Convert.toDouble(result, env);
        assertEquals(Double.doubleToRawLongBits(want), got, () -> a + " " + op + " " + b + " = " + want + ", got " + Double.longBitsToDouble(got));
    }

    @Test
    void precision24AndNearestIsJavaFloatArithmetic() {
        Random random = new Random(24);
        FpEnv env = new FpEnv(0x007F);
        for (int n = 0; n < RUNS; n++) {
            float a = Float.intBitsToFloat(random.nextInt()), b = Float.intBitsToFloat(random.nextInt());
            if (random.nextBoolean()) b = a * (1 + (float) random.nextGaussian() * 1e-5f);
            if (Float.isNaN(a) || Float.isNaN(b)) continue; // the NaN payload rules are the host test's
            F80 x = F80Convert.fromFloat(Float.floatToRawIntBits(a), env), y = F80Convert.fromFloat(Float.floatToRawIntBits(b), env);
            checkFloat(a + b, F80Arith.add(x, y, env), env, a, b, "+");
            checkFloat(a * b, F80Arith.mul(x, y, env), env, a, b, "*");
            checkFloat(a / b, F80Arith.div(x, y, env), env, a, b, "/");
        }
    }

    private static void checkFloat(float want, F80 result, FpEnv env, float a, float b, String op) {
        if (want != 0 && Math.abs(want) < Float.MIN_NORMAL) return;
        if (Float.isNaN(want)) return;
        int got = F80Convert.toFloat(result, env);
        assertEquals(Float.floatToRawIntBits(want), got, () -> a + " " + op + " " + b + " = " + want + ", got " + Float.intBitsToFloat(got));
    }

    private static double randomDouble(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> Double.longBitsToDouble(random.nextLong() & 0x7FEF_FFFF_FFFF_FFFFL) * (random.nextBoolean() ? -1 : 1);
            case 1 -> random.nextGaussian() * Math.scalb(1.0, random.nextInt(200) - 100);
            case 2 -> (double) random.nextInt(1 << 20) / (1 + random.nextInt(1000));
            default -> Math.scalb(1.0 + random.nextInt(16) / 16.0, random.nextInt(2000) - 1000);
        };
    }

    @Test
    void integerAndBcdConversionsRoundTrip() {
        Random random = new Random(64);
        FpEnv env = new FpEnv(0x037F);
        for (int n = 0; n < RUNS; n++) {
            long v = random.nextLong() >> random.nextInt(64);
            F80 x = F80Convert.fromInt(v);
            assertEquals(v, F80Convert.toInt(x, 8, false, env), () -> "int64 " + v);
            assertEquals(0, env.flags, () -> "flags for int64 " + v);
            long bcdValue = Math.abs(v % 1_000_000_000_000_000_000L);
            long[] bcd = F80Convert.toBcd(F80Convert.fromInt(bcdValue), env);
            assertEquals(Long.toString(bcdValue), bcdDigits(bcd), () -> "bcd " + bcdValue);
            assertEquals(F80Convert.fromInt(bcdValue), F80Convert.fromBcd(bcd[0], (int) bcd[1]));
        }
        assertEquals(Long.MIN_VALUE, F80Convert.toInt(F80Convert.fromInt(Long.MIN_VALUE), 8, false, env));
        assertEquals(0, env.flags);
    }

    /** The 18 digits of a packed BCD value read as hexadecimal, which spells them in decimal. */
    private static String bcdDigits(long[] bcd) {
        return (String.format("%02x", bcd[1] & 0xFF) + String.format("%016x", bcd[0])).replaceFirst("^0+(?!$)", "");
    }
}
