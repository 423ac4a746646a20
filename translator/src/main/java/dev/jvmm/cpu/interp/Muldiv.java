package dev.jvmm.cpu.interp;

import static dev.jvmm.cpu.interp.Cpu.*;

import dev.jvmm.cpu.CpuException;
import java.math.BigInteger;

/**
 * MUL, IMUL and DIV, IDIV (SDM vol. 2). Results go to AL/AH, AX/DX, EAX/EDX or RAX/RDX; a zero
 * divisor or a quotient that does not fit raises #DE. Flags after MUL/IMUL: {@link ArithmeticFlags#multiply}.
 * Division by a byte, word or doubleword is {@link Division}'s (the translator calls it too); the
 * 128-bit dividends of the 64-bit forms are here.
 */
final class Muldiv {
    private Muldiv() {}

    private static void mulFlags(Cpu c, int size, long low, boolean overflow) {
        c.flags = (c.flags & ~ARITH) | ArithmeticFlags.multiply(size, low, overflow);
    }

    static void mul(Cpu c, int size, long b) {
        long a = c.reg(size, 0, false);
        if (size == 8) {
            long hi = Math.unsignedMultiplyHigh(a, b);
            long lo = a * b;
            c.gpr[0] = lo;
            c.gpr[2] = hi;
            mulFlags(c, 8, lo, hi != 0);
            return;
        }
        long r = Multiplication.unsigned(size, a, b);
        if (size == 1) c.setReg(2, 0, r, false);
        else {
            c.setReg(size, 0, r, false);
            c.setReg(size, 2, r >>> (size * 8), false);
        }
        mulFlags(c, size, r, Multiplication.unsignedOverflow(size, r));
    }

    static void imul1(Cpu c, int size, long b) {
        long a = Alu.signExtend(size, c.reg(size, 0, false));
        long sb = Alu.signExtend(size, b);
        if (size == 8) {
            long hi = Math.multiplyHigh(a, sb);
            long lo = a * sb;
            c.gpr[0] = lo;
            c.gpr[2] = hi;
            mulFlags(c, 8, lo, hi != (lo >> 63));
            return;
        }
        long r = Multiplication.signed(size, a, sb);
        if (size == 1) c.setReg(2, 0, r, false);
        else {
            c.setReg(size, 0, r, false);
            c.setReg(size, 2, r >> (size * 8), false);
        }
        mulFlags(c, size, r, Multiplication.signedOverflow(size, r));
    }

    /** Two- and three-operand IMUL: the truncated product, CF=OF=1 if it did not fit. */
    static long imul2(Cpu c, int size, long a, long b) {
        long sa = Alu.signExtend(size, a), sb = Alu.signExtend(size, b);
        long r = sa * sb;
        mulFlags(c, size, r, ArithmeticFlags.imulOverflow(size, sa, sb, r));
        return r & Cpu.mask(size);
    }

    private static CpuException de(Cpu c) {
        return c.fault.raise(CpuException.DE, -1);
    }

    static void div(Cpu c, int size, long d) {
        if (size == 8) {
            if (d == 0) throw de(c);
            long hi = c.gpr[2], lo = c.gpr[0];
            if (hi == 0) {
                c.gpr[0] = Long.divideUnsigned(lo, d);
                c.gpr[2] = Long.remainderUnsigned(lo, d);
                return;
            }
            if (Long.compareUnsigned(hi, d) >= 0) throw de(c);
            BigInteger n = new BigInteger(1, toBytes(hi, lo));
            BigInteger[] qr = n.divideAndRemainder(new BigInteger(Long.toUnsignedString(d)));
            c.gpr[0] = qr[0].longValue();
            c.gpr[2] = qr[1].longValue();
            return;
        }
        long n = size == 1 ? c.gpr[0] & 0xFFFF : (c.reg(size, 2, false) << (size * 8)) | c.reg(size, 0, false);
        setQuotientRemainder(c, size, Division.unsigned(size, n, d, c.fault));
    }

    static void idiv(Cpu c, int size, long dRaw) {
        if (size == 8) {
            long d = dRaw;
            if (d == 0) throw de(c);
            BigInteger n = new BigInteger(toBytes(c.gpr[2], c.gpr[0]));
            BigInteger[] qr = n.divideAndRemainder(BigInteger.valueOf(d));
            if (qr[0].bitLength() > 63) throw de(c);
            c.gpr[0] = qr[0].longValue();
            c.gpr[2] = qr[1].longValue();
            return;
        }
        long n = size == 1 ? c.gpr[0] & 0xFFFF : (c.reg(size, 2, false) << (size * 8)) | c.reg(size, 0, false);
        setQuotientRemainder(c, size, Division.signed(size, n, dRaw, c.fault));
    }

    /** AL = quotient, AH = remainder for a byte divisor; else rAX = quotient, rDX = remainder ({@link Division}'s packing). */
    private static void setQuotientRemainder(Cpu c, int size, long packed) {
        long q = packed & Division.QUOTIENT, r = packed >>> 32;
        if (size == 1) c.setReg(2, 0, ((r & 0xFF) << 8) | (q & 0xFF), false);
        else {
            c.setReg(size, 0, q, false);
            c.setReg(size, 2, r, false);
        }
    }

    private static byte[] toBytes(long hi, long lo) {
        byte[] b = new byte[16];
        for (int k = 0; k < 8; k++) {
            b[k] = (byte) (hi >>> (56 - 8 * k));
            b[8 + k] = (byte) (lo >>> (56 - 8 * k));
        }
        return b;
    }
}
