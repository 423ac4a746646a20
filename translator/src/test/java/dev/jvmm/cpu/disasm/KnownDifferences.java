package dev.jvmm.cpu.disasm;

/**
 * The documented cases where the disassembler deliberately does not print what objdump prints,
 * each with its reason. Everything else must agree.
 */
final class KnownDifferences {
    /**
     * Both print the same "(bad)" text, with another length. objdump stops reading an undecodable
     * encoding where its tables gave up (often right after the opcode); jvmm reports the length the
     * decoder found (prefixes, opcode, ModRM, displacement, immediate), which is what the CPU
     * fetches before it raises #UD.
     */
    static final String BAD_LENGTH = "(bad): length";
    /**
     * Both call the bytes undecodable, but spell it differently: which unused prefixes objdump
     * names before "(bad)" depends on which of its internal tables rejected the encoding, and for
     * some it prints a mnemonic with a "(bad)" operand (or the reverse).
     */
    static final String BAD_SPELLING = "(bad): prefixes/operands";

    /**
     * A REX byte followed by another prefix. The CPU ignores such a REX (SDM vol. 2 §2.2.1) and so
     * does the decoder; objdump prints it alone as a one-byte "rex.W" line.
     */
    static final String REX_NOT_LAST = "REX before another prefix";
    /**
     * FWAIT (9B). objdump reads it as a prefix and prints "fwait" + "fnstsw" as one "fstsw" line;
     * they are two instructions to the CPU, and the decoder (and single-stepping) sees two.
     */
    static final String FWAIT = "FWAIT merged";
    /**
     * 66 on a near CALL/JMP/Jcc/RET (direct or through r/m) in 64-bit mode: objdump follows AMD (16-bit,
     * "jmpw", "retw"), Intel CPUs ignore the prefix (SDM vol. 2 "JMP", "RET"), as does the decoder,
     * so lengths and suffixes differ.
     */
    static final String AMD_BRANCH = "66 near branch in 64-bit mode (AMD vs Intel)";

    /** VEX/EVEX-encoded AVX instructions: jvmm's CPU has no AVX, its decoder marks them undefined. */
    static final String VEX = "VEX/EVEX (no AVX in jvmm)";

    /**
     * MOV to/from the 386/486 test registers (0F 24, 0F 26): objdump names them; they are gone
     * since the Pentium, and jvmm's decoder marks them undefined (#UD), so jvmm prints "(bad)".
     */
    static final String TEST_REGISTERS = "test registers TRn (#UD on jvmm's CPU)";

    private static boolean isPrefix(int mode, int b) {
        return b == 0x66 || b == 0x67 || b == 0xF0 || b == 0xF2 || b == 0xF3 || b == 0x26 || b == 0x2E || b == 0x36
                || b == 0x3E || b == 0x64 || b == 0x65 || (mode == 64 && (b & 0xF0) == 0x40);
    }

    private static boolean has(byte[] bytes, int end, int value) {
        for (int i = 0; i < end; i++) if ((bytes[i] & 0xFF) == value) return true;
        return false;
    }

    private KnownDifferences() {}

    /** Why jvmm's text {@code got} for {@code bytes} differs from objdump's {@code want}, or null. */
    static String reason(byte[] bytes, int mode, String want, String got) {
        if (want.contains("(bad)") && got.contains("(bad)")) return want.equals(got) ? BAD_LENGTH : BAD_SPELLING;
        if (want.startsWith(".byte") && got.equals("(bad)")) return BAD_LENGTH; // cut off by the end of input
        int k = 0;
        while (k < bytes.length && isPrefix(mode, bytes[k] & 0xFF)) k++;
        int op = k < bytes.length ? bytes[k] & 0xFF : -1;
        int next = k + 1 < bytes.length ? bytes[k + 1] & 0xFF : -1;
        for (int i = 0; i + 1 < k; i++) {
            if (mode == 64 && (bytes[i] & 0xF0) == 0x40) return REX_NOT_LAST;
        }
        if (got.endsWith("(bad)") && (op == 0xC4 || op == 0xC5 || op == 0x62)) return VEX;
        if (got.endsWith("(bad)") && op == 0x0F && (next == 0x24 || next == 0x26)) return TEST_REGISTERS;
        if (op == 0x9B || want.startsWith("f") && got.startsWith("fwait")) return FWAIT;
        if (mode == 64 && has(bytes, k, 0x66)) {
            int reg = next >> 3 & 7;
            boolean indirect = op == 0xFF && (reg == 2 || reg == 4);
            boolean direct = op == 0xE8 || op == 0xE9 || op == 0xC2 || op == 0xC3 || (op == 0x0F && (next & 0xF0) == 0x80);
            if (indirect || direct) return AMD_BRANCH;
        }
        return null;
    }
}
