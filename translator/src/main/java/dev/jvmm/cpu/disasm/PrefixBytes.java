package dev.jvmm.cpu.disasm;

/**
 * The prefix bytes of one instruction, re-read from its raw bytes. The decoder keeps only their
 * effect (and drops ES/CS/SS/DS overrides in 64-bit mode), but Intel syntax prints a prefix that
 * the instruction did not use by name ({@code data16}, {@code cs}, {@code rex.W} ...), so the
 * printer needs each byte and its position.
 */
final class PrefixBytes {
    /** Prefix bytes in encoding order (REX included, last). */
    final int[] bytes = new int[15];
    int count;
    /** Position of the last segment override, F2/F3, 66, 67 and REX byte; -1 when absent. */
    int segment, repeat, operandSize, addressSize, rex;
    /** Position of the last F3 and of the last F2 (objdump names each by the instruction). */
    int lastF3, lastF2;
    /** Position of the last F0. */
    int lock;
    /** 3E on an indirect near CALL/JMP is the CET "notrack" hint, not a DS override. */
    boolean notrack;

    void scan(byte[] code, int length, int mode) {
        count = 0;
        segment = repeat = operandSize = addressSize = rex = lastF3 = lastF2 = lock = -1;
        notrack = false;
        for (int i = 0; i < length; i++) {
            int b = code[i] & 0xFF;
            boolean isRex = mode == 64 && (b & 0xF0) == 0x40;
            switch (b) {
                case 0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65 -> segment = count;
                case 0xF2, 0xF3 -> {
                    repeat = count;
                    if (b == 0xF3) lastF3 = count;
                    else lastF2 = count;
                }
                case 0x66 -> operandSize = count;
                case 0x67 -> addressSize = count;
                case 0xF0 -> lock = count;
                default -> {
                    if (!isRex) return;
                }
            }
            rex = isRex ? count : -1; // a REX byte only counts when nothing follows it but the opcode
            bytes[count++] = b;
        }
    }

    int segmentByte() {
        return segment < 0 ? 0 : bytes[segment];
    }

    /**
     * The override in effect: the last segment prefix, but in 64-bit mode the last FS or GS one
     * (ES/CS/SS/DS are ignored there); 0 for none.
     */
    int activeSegmentByte(int mode) {
        if (notrack) return 0;
        if (mode != 64) return segmentByte();
        int active = 0;
        for (int i = 0; i < count; i++) {
            if (bytes[i] == 0x64 || bytes[i] == 0x65) active = bytes[i];
        }
        return active;
    }

    int repeatByte() {
        return repeat < 0 ? 0 : bytes[repeat];
    }

    int rexByte() {
        return rex < 0 ? 0 : bytes[rex];
    }

    /** Segment register number of a segment-override byte. */
    static int segmentNumber(int prefix) {
        return switch (prefix) {
            case 0x26 -> 0;
            case 0x2E -> 1;
            case 0x36 -> 2;
            case 0x3E -> 3;
            case 0x64 -> 4;
            default -> 5;
        };
    }
}
