package dev.jvmm.cpu.interp;

import static dev.jvmm.cpu.interp.Cpu.*;

/**
 * Arithmetic and logic on the interpreter's CPU (SDM vol. 1 appendix A). Every method takes
 * operands already truncated to {@code size} bytes, returns the truncated result and updates
 * {@link Cpu#flags} with the flags {@link ArithmeticFlags} defines (the translator uses the same).
 */
final class Alu {
    private Alu() {}

    static long sign(int size) {
        return ArithmeticFlags.sign(size);
    }

    /** SF, ZF and PF of a result. */
    static long szp(int size, long r) {
        return ArithmeticFlags.szp(size, r);
    }

    private static void setArith(Cpu c, long f) {
        c.flags = (c.flags & ~ARITH) | f;
    }

    static long add(Cpu c, int size, long a, long b, long carry) {
        long r = (a + b + carry) & Cpu.mask(size);
        setArith(c, ArithmeticFlags.add(size, a, b, r, carry));
        return r;
    }

    static long sub(Cpu c, int size, long a, long b, long borrow) {
        long r = (a - b - borrow) & Cpu.mask(size);
        setArith(c, ArithmeticFlags.sub(size, a, b, r, borrow));
        return r;
    }

    static long logic(Cpu c, int size, long r) {
        setArith(c, ArithmeticFlags.logic(size, r));
        return r;
    }

    /** The eight ALU operations of opcodes 00-3F and group 1: ADD OR ADC SBB AND SUB XOR CMP. */
    static long alu(Cpu c, int op, int size, long a, long b) {
        return switch (op) {
            case 0 -> add(c, size, a, b, 0);
            case 1 -> logic(c, size, a | b);
            case 2 -> add(c, size, a, b, c.flags & CF);
            case 3 -> sub(c, size, a, b, c.flags & CF);
            case 4 -> logic(c, size, a & b);
            case 5, 7 -> sub(c, size, a, b, 0);
            default -> logic(c, size, a ^ b);
        };
    }

    static long inc(Cpu c, int size, long a) {
        long cf = c.flags & CF;
        long r = add(c, size, a, 1, 0);
        c.flags = (c.flags & ~CF) | cf;
        return r;
    }

    static long dec(Cpu c, int size, long a) {
        long cf = c.flags & CF;
        long r = sub(c, size, a, 1, 0);
        c.flags = (c.flags & ~CF) | cf;
        return r;
    }

    static long signExtend(int size, long v) {
        return ArithmeticFlags.signExtend(size, v);
    }

    private static void setCfOf(Cpu c, boolean cf, boolean of) {
        c.flags = (c.flags & ~(CF | OF)) | (cf ? CF : 0) | (of ? OF : 0);
    }

    /**
     * Group 2 shifts and rotates (ROL ROR RCL RCR SHL SHR SAL SAR). The count is masked to 5 bits
     * (6 with 64-bit operands), as on every CPU since the 80286; a masked count of zero changes no flags.
     */
    static long shift(Cpu c, int op, int size, long a, int count) {
        count &= size == 8 ? 63 : 31;
        if (count == 0) return a;
        int bits = size * 8;
        long m = Cpu.mask(size);
        long sb = sign(size);
        long r;
        switch (op) {
            case 0 -> { // ROL
                int n = count % bits;
                r = n == 0 ? a : ((a << n) | (a >>> (bits - n))) & m;
                boolean cf = (r & 1) != 0;
                setCfOf(c, cf, ((r & sb) != 0) ^ cf);
                return r;
            }
            case 1 -> { // ROR
                int n = count % bits;
                r = n == 0 ? a : ((a >>> n) | (a << (bits - n))) & m;
                boolean msb = (r & sb) != 0;
                setCfOf(c, msb, msb ^ ((r & (sb >>> 1)) != 0));
                return r;
            }
            case 2 -> { // RCL
                int n = size == 1 ? count % 9 : size == 2 ? count % 17 : count;
                long cf = c.flags & CF;
                r = a;
                for (int k = 0; k < n; k++) {
                    long out = (r & sb) != 0 ? 1 : 0;
                    r = ((r << 1) | cf) & m;
                    cf = out;
                }
                setCfOf(c, cf != 0, ((r & sb) != 0) ^ (cf != 0));
                return r;
            }
            case 3 -> { // RCR
                int n = size == 1 ? count % 9 : size == 2 ? count % 17 : count;
                long cf = c.flags & CF;
                r = a;
                for (int k = 0; k < n; k++) {
                    long out = r & 1;
                    r = (r >>> 1) | (cf != 0 ? sb : 0);
                    cf = out;
                }
                // OF = the two top bits of the result differ: for a count of 1 this is the SDM's
                // MSB(dest) XOR CF; for larger counts (undefined) it is what Intel hardware yields.
                setCfOf(c, cf != 0, ((r & sb) != 0) ^ ((r & (sb >>> 1)) != 0));
                return r;
            }
            case 4, 6 -> { // SHL/SAL
                r = count >= bits ? 0 : (a << count) & m;
                setArith(c, ArithmeticFlags.shl(size, a, count, r));
                return r;
            }
            case 5 -> { // SHR
                r = count >= bits ? 0 : a >>> count;
                setArith(c, ArithmeticFlags.shr(size, a, count, r));
                return r;
            }
            default -> { // SAR
                r = (signExtend(size, a) >> Math.min(count, 63)) & m;
                setArith(c, ArithmeticFlags.sar(size, a, count, r));
                return r;
            }
        }
    }

    /** SHLD/SHRD (count masked like shifts; results for counts above the operand size are undefined). */
    static long doubleShift(Cpu c, boolean left, int size, long dst, long src, int count) {
        count &= size == 8 ? 63 : 31;
        if (count == 0) return dst;
        int bits = size * 8;
        long m = Cpu.mask(size);
        long sb = sign(size);
        long r;
        boolean cf;
        if (left) {
            r = count >= bits ? 0 : ((dst << count) | (src >>> (bits - count))) & m;
            if (count >= bits) r = (src << (count - bits)) & m;
            cf = count <= bits && ((dst >>> (bits - count)) & 1) != 0;
        } else {
            r = count >= bits ? (src >>> (count - bits)) & m : ((dst >>> count) | (src << (bits - count))) & m;
            cf = count <= bits && ((dst >>> (count - 1)) & 1) != 0;
        }
        c.flags = (c.flags & ~ARITH) | szp(size, r) | (cf ? CF : 0) | (((r ^ dst) & sb) != 0 ? OF : 0);
        return r;
    }
}
