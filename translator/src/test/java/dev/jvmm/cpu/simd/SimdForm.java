package dev.jvmm.cpu.simd;

import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;

/**
 * One encoding form of an MMX/SSE instruction for random oracle cases: mandatory prefix, opcode
 * bytes after 0F, what ModRM.reg and ModRM.rm may name, and an optional imm8. {@link #encode}
 * writes one random instance: registers at random (REX.R/B for XMM), memory as [rbx + disp8]
 * inside the oracle's data buffer (16-byte aligned where the form requires it, now and then not,
 * so #GP(0) is checked too).
 *
 * @param prefix 0, 0x66, 0xF3 or 0xF2, or two prefix bytes (0x66F2: 66 then F2)
 * @param opcode the bytes after 0F (one, or two for the 0F 38 / 0F 3A maps: 0x38xx, 0x3Axx)
 * @param reg what ModRM.reg names; a {@link Operand#FIXED} form puts {@code fixedReg} there
 * @param rm what ModRM.rm names ({@link Operand#FIXED}: the form has no ModRM byte)
 * @param memSize bytes a memory rm reads or writes (0: register only)
 * @param aligned a 16-byte memory operand must be aligned
 * @param imm8 an immediate byte follows
 * @param rexW REX.W may be set (MOVD/MOVQ with GPRs: then it selects 64 bits)
 */
public record SimdForm(String name, int prefix, int opcode, Operand reg, Operand rm, int memSize, boolean aligned, boolean imm8,
        int fixedReg, boolean rexW) {
    /** What a ModRM field names. */
    public enum Operand { XMM, MMX, GPR, FIXED, MEMORY_ONLY }

    /** GPRs a form may name: never RBX (the data pointer), RSP or RDI (MASKMOVQ's destination). */
    private static final int[] GPRS = {0, 1, 2, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15};

    public static SimdForm of(String name, int prefix, int opcode, Operand reg, Operand rm, int memSize, boolean aligned) {
        return new SimdForm(name, prefix, opcode, reg, rm, memSize, aligned, false, -1, false);
    }

    public SimdForm withImm8() {
        return new SimdForm(name, prefix, opcode, reg, rm, memSize, aligned, true, fixedReg, rexW);
    }

    public SimdForm withFixedReg(int r) {
        return new SimdForm(name, prefix, opcode, Operand.FIXED, rm, memSize, aligned, imm8, r, rexW);
    }

    public SimdForm withRexW() {
        return new SimdForm(name, prefix, opcode, reg, rm, memSize, aligned, imm8, fixedReg, true);
    }

    private static int register(SplittableRandom rnd, Operand kind) {
        return switch (kind) {
            case XMM -> rnd.nextInt(16);
            case MMX -> rnd.nextInt(8);
            case GPR -> GPRS[rnd.nextInt(GPRS.length)];
            default -> 0;
        };
    }

    /** One random instance of this form. */
    public void encode(SplittableRandom rnd, ByteArrayOutputStream out) {
        boolean memory = rm == Operand.MEMORY_ONLY || (memSize > 0 && rnd.nextInt(3) == 0);
        if (rm == Operand.FIXED) memory = false;
        int r = reg == Operand.FIXED ? fixedReg : register(rnd, reg);
        int m = memory ? 0 : register(rnd, rm);
        boolean w = rexW && rnd.nextBoolean();
        int rex = 0x40 | (w ? 8 : 0) | (r >= 8 ? 4 : 0) | (m >= 8 ? 1 : 0);
        if (prefix > 0xFF) out.write(prefix >> 8);
        if (prefix != 0) out.write(prefix & 0xFF);
        if (rex != 0x40 || rnd.nextInt(8) == 0) out.write(rex);
        out.write(0x0F);
        if (opcode > 0xFF) out.write(opcode >> 8);
        out.write(opcode & 0xFF);
        if (rm == Operand.FIXED) {
            // no ModRM byte (EMMS)
        } else if (memory) {
            out.write(0x43 | (r & 7) << 3); // [rbx + disp8]
            int disp = aligned && memSize == 16 && rnd.nextInt(24) != 0 ? 16 * rnd.nextInt(8) : rnd.nextInt(112);
            out.write(disp);
        } else {
            out.write(0xC0 | (r & 7) << 3 | (m & 7));
        }
        if (imm8) out.write(rnd.nextInt(256));
    }
}
