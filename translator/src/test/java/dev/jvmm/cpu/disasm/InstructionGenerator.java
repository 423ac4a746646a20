package dev.jvmm.cpu.disasm;

import dev.jvmm.cpu.CpuException;
import dev.jvmm.cpu.decode.Decoder;
import dev.jvmm.cpu.decode.Insn;
import dev.jvmm.cpu.decode.OpcodeTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random valid instructions for one code size: optional prefixes (and REX in 64-bit mode), an
 * opcode from the one-byte or 0F map, then random ModRM/SIB/displacement/immediate bytes, cut to
 * the length the decoder finds. Encodings the decoder marks undefined are skipped, as are the
 * escapes objdump reads as VEX/EVEX/XOP (jvmm has no AVX). The decoder accepts every 0F 38 / 0F 3A
 * opcode (it only needs their length), so from those maps only defined instructions are drawn.
 */
final class InstructionGenerator {
    private static final int[] LEGACY_PREFIXES = {0x66, 0x67, 0xF0, 0xF2, 0xF3, 0x2E, 0x3E, 0x26, 0x36, 0x64, 0x65};
    private final SplittableRandom random;
    private final int mode;
    private final Decoder decoder = new Decoder();
    private final Insn insn = new Insn();

    InstructionGenerator(long seed, int mode) {
        this.random = new SplittableRandom(seed);
        this.mode = mode;
    }

    /** {@code count} instructions back to back. */
    byte[] stream(int count) {
        return concatenate(list(count));
    }

    /** {@code count} instructions. */
    List<byte[]> list(int count) {
        List<byte[]> list = new ArrayList<>(count);
        while (list.size() < count) {
            byte[] insnBytes = next();
            if (insnBytes != null) list.add(insnBytes);
        }
        return list;
    }

    static byte[] concatenate(List<byte[]> instructions) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        instructions.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /**
     * The instructions objdump also decodes, to the same length and not as "(bad)": valid for both
     * the decoder and the oracle (the decoder accepts some encodings no CPU defines, e.g. MMX
     * opcodes with an F3 prefix, which the CPU answers with #UD).
     */
    static List<byte[]> alsoValidForObjdump(List<byte[]> instructions, int mode) throws IOException,
            InterruptedException {
        Map<Long, ObjdumpOracle.Line> lines = new HashMap<>();
        for (ObjdumpOracle.Line l : ObjdumpOracle.disassemble(concatenate(instructions), 0, mode)) lines.put(l.address(), l);
        List<byte[]> valid = new ArrayList<>();
        long at = 0;
        for (byte[] i : instructions) {
            ObjdumpOracle.Line l = lines.get(at);
            if (l != null && l.length() == i.length && !l.text().contains("(bad)") && !l.text().startsWith(".byte")) {
                valid.add(i);
            }
            at += i.length;
        }
        return valid;
    }

    /** One instruction, or null when the draw was not a valid instruction. */
    byte[] next() {
        byte[] b = new byte[32];
        int k = 0;
        int prefixCount = random.nextInt(10) < 6 ? 0 : 1 + random.nextInt(2);
        for (int i = 0; i < prefixCount; i++) b[k++] = (byte) LEGACY_PREFIXES[random.nextInt(LEGACY_PREFIXES.length)];
        if (mode == 64 && random.nextInt(10) < 4) b[k++] = (byte) (0x40 + random.nextInt(16));
        int opcodeAt = k;
        if (random.nextBoolean()) {
            b[k++] = (byte) random.nextInt(256);
        } else {
            b[k++] = 0x0F;
            b[k++] = (byte) random.nextInt(256);
        }
        while (k < b.length) b[k++] = (byte) random.nextInt(256);
        if (!acceptable(b, opcodeAt)) return null;
        try {
            decoder.decode(ip -> b[(int) ip] & 0xFF, 0, mode, insn);
        } catch (CpuException e) {
            return null; // longer than 15 bytes
        }
        if ((insn.attrs & OpcodeTable.INVALID) != 0) return null;
        if (insn.opcode >= 0x200 && !ThreeByteForms.defined(insn.opcode)) return null;
        byte[] result = new byte[insn.length];
        System.arraycopy(b, 0, result, 0, insn.length);
        return result;
    }

    private boolean acceptable(byte[] b, int at) {
        int op = b[at] & 0xFF;
        int next = b[at + 1] & 0xFF;
        if (op == 0x0F && next == 0x0F) return false; // 3DNow!
        if (isPrefix(op) || (mode == 64 && (op & 0xF0) == 0x40)) return false;
        // VEX (C4/C5), EVEX (62): outside 64-bit mode only a memory ModRM keeps LES/LDS/BOUND
        if ((op == 0xC4 || op == 0xC5 || op == 0x62) && (mode == 64 || (next & 0xC0) == 0xC0)) return false;
        return op != 0x8F || (next & 0x38) == 0; // XOP
    }

    private static boolean isPrefix(int op) {
        for (int p : LEGACY_PREFIXES) if (p == op) return true;
        return false;
    }

}
