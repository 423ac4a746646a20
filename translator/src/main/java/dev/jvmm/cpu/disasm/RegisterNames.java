package dev.jvmm.cpu.disasm;

/** Intel register names by number (encoding order, REX-extended) and size, as objdump spells them. */
final class RegisterNames {
    private static final String[] BYTE_LEGACY = {"al", "cl", "dl", "bl", "ah", "ch", "dh", "bh"};
    private static final String[] BYTE_REX = {"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
            "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b"};
    private static final String[] WORD = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
            "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"};
    private static final String[] DWORD = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
            "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"};
    private static final String[] QWORD = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
            "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};
    private static final String[] SEGMENT = {"es", "cs", "ss", "ds", "fs", "gs", "?", "?"};

    private RegisterNames() {}

    /** A general-purpose register of {@code size} bytes; {@code rex} selects SPL..DIL over AH..BH. */
    static String gpr(int number, int size, boolean rex) {
        return switch (size) {
            case 1 -> rex ? BYTE_REX[number] : BYTE_LEGACY[number & 7];
            case 2 -> WORD[number];
            case 4 -> DWORD[number];
            default -> QWORD[number];
        };
    }

    static String segment(int number) {
        return SEGMENT[number & 7];
    }

    static String control(int number) {
        return "cr" + number;
    }

    static String debug(int number) {
        return "dr" + number;
    }

    static String mmx(int number) {
        return "mm" + (number & 7);
    }

    static String xmm(int number) {
        return "xmm" + number;
    }

    static String fpu(int number) {
        return "st(" + (number & 7) + ")";
    }
}
