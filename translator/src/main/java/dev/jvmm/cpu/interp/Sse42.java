package dev.jvmm.cpu.interp;

import dev.jvmm.cpu.decode.Feature;
import dev.jvmm.cpu.decode.Form;
import dev.jvmm.cpu.decode.JitTreatment;
import dev.jvmm.cpu.decode.Rows;
import dev.jvmm.cpu.simd.Crc32c;
import dev.jvmm.cpu.simd.StringCompare;

/**
 * The SSE4.2 rows other than PCMPGTQ (Intel SDM vol. 2 tables ): CRC32 (F2 0F 38 F0/F1, a
 * general-register instruction: no CR0/CR4 checks) and the string compares PCMPESTRM, PCMPESTRI,
 * PCMPISTRM, PCMPISTRI (66 0F 3A 60-63; the memory operand need not be aligned). Semantics in
 * {@link Crc32c} and {@link StringCompare}.
 */
public final class Sse42 {
    private Sse42() {}

    /** Adds the rows to the opcode table. */
    public static void add(Rows r) {
        r.add("F2 0F 38 F0 /r", "crc32 Gy,Eb").feature(Feature.SSE4_2).jit(JitTreatment.CONTINUE).exec(in -> crc32(in, 1));
        r.add("F2 0F 38 F1 /r", "crc32 Gy,Ev").feature(Feature.SSE4_2).jit(JitTreatment.CONTINUE).exec(in -> crc32(in, in.i.opSize));
        strings(r, "60", "pcmpestrm", true, false);
        strings(r, "61", "pcmpestri", true, true);
        strings(r, "62", "pcmpistrm", false, false);
        strings(r, "63", "pcmpistri", false, true);
    }

    private static void strings(Rows r, String op, String name, boolean explicit, boolean index) {
        Form.Builder b = r.add("66 0F 3A " + op + " /r", name + " Vx,Wx,Ib").feature(Feature.SSE4_2).jit(JitTreatment.CONTINUE);
        b.exec(in -> compareStrings(in, explicit, index));
    }

    /** CRC32 r32/r64, r/m of {@code size} bytes: the 32-bit CRC zero-extended into the destination. */
    private static void crc32(Interpreter in, int size) {
        long data = in.readRm(size);
        Cpu c = in.c;
        int crc = Crc32c.update((int) c.gpr[in.i.reg], data, size);
        c.gpr[in.i.reg] = crc & 0xFFFF_FFFFL;
    }

    private static void compareStrings(Interpreter in, boolean explicit, boolean index) {
        Simd s = in.simd;
        s.checkSse();
        s.readXmmSource(16, false);
        Cpu c = in.c;
        int imm = (int) in.i.imm & 0xFF, x = in.i.reg;
        long aLo = s.xmmLow(x), aHi = s.xmmHigh(x);
        int lenA, lenB;
        if (explicit) {
            boolean wide = in.i.opSize == 8;
            lenA = StringCompare.explicitLength(c.gpr[0], wide, imm);
            lenB = StringCompare.explicitLength(c.gpr[2], wide, imm);
        } else {
            lenA = StringCompare.implicitLength(aLo, aHi, imm);
            lenB = StringCompare.implicitLength(s.lo, s.hi, imm);
        }
        int res2 = StringCompare.compare(aLo, aHi, lenA, s.lo, s.hi, lenB, imm);
        if (index) {
            c.gpr[1] = StringCompare.index(res2, imm);
        } else {
            StringCompare.mask(res2, imm, s.result);
            s.setXmm(0, s.result[0], s.result[1]);
        }
        c.flags = (c.flags & ~Cpu.ARITH) | StringCompare.flags(res2, lenA, lenB, imm);
    }
}
