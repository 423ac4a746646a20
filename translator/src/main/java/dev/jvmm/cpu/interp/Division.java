package dev.jvmm.cpu.interp;

import dev.jvmm.cpu.CpuException;

/**
 * DIV and IDIV with a byte, word or doubleword divisor (SDM vol. 2, "DIV", "IDIV"), defined once:
 * the interpreter ({@link Muldiv}) and translated units ({@code jit.ArithmeticEmitter}) both call
 * these. The dividend is AX, DX:AX or EDX:EAX as one value of twice the operand size; the result
 * packs the quotient in bits 31..0 and the remainder in bits 63..32 (each at most 32 bits wide:
 * the callers split them into AL/AH, AX/DX or EAX/EDX). A zero divisor or a quotient that does not
 * fit in the operand size raises #DE through {@code fault}. The flags are undefined after both;
 * the callers leave them as they were.
 */
public final class Division {
    private Division() {}

    /** Bits of the packed quotient. */
    public static final long QUOTIENT = 0xFFFF_FFFFL;

    /** Unsigned: {@code dividend} holds 2 * size bytes (zero-extended), {@code divisor} size bytes. */
    public static long unsigned(int size, long dividend, long divisor, CpuException fault) {
        if (divisor == 0) throw fault.raise(CpuException.DE, -1);
        long q = Long.divideUnsigned(dividend, divisor);
        // Compared unsigned: EDX:EAX / 1 is 2^63 or more when EDX has its top bit set.
        if (q >>> (size * 8) != 0) throw fault.raise(CpuException.DE, -1);
        return Long.remainderUnsigned(dividend, divisor) << 32 | q;
    }

    /** Signed: {@code dividend} holds 2 * size bytes, {@code divisor} size bytes, each sign-extended here. */
    public static long signed(int size, long dividend, long divisor, CpuException fault) {
        int bits = size * 8;
        long n = dividend << (64 - 2 * bits) >> (64 - 2 * bits), d = divisor << (64 - bits) >> (64 - bits);
        if (d == 0) throw fault.raise(CpuException.DE, -1);
        long q = n / d, r = n % d; // size <= 4: n is at most 2^63 in magnitude, only -2^63 / -1 overflows
        if (n == Long.MIN_VALUE && d == -1 || q << (64 - bits) >> (64 - bits) != q) throw fault.raise(CpuException.DE, -1);
        return (r & QUOTIENT) << 32 | q & QUOTIENT;
    }
}
