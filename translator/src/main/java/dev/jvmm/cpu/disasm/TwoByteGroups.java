package dev.jvmm.cpu.disasm;

/**
 * 0F-map opcodes whose instruction depends on ModRM (Intel SDM vol. 2 table A-6): group 6 (0F 00),
 * group 7 (0F 01, where the register forms are whole instructions), the prefetch hints, the MMX/SSE
 * shift groups, group 9 (0F C7), group 15 (0F AE), and MOVLPS/MOVHLPS-style pairs.
 */
final class TwoByteGroups {
    private static final String[] GROUP6 = {"sldt Es", "str Es", "lldt Ew", "ltr Ew", "verr Ew", "verw Ew", null,
            null};
    private static final String[] GROUP7_MEMORY = {"sgdt^ M", "sidt^ M", "lgdt^ M", "lidt^ M", "smsw Es", null,
            "lmsw Ew", "invlpg Mb"};
    /** A {@code 64} after the mnemonic: REX.W selects the 64-bit save-area layout (FXSAVE64 ...). */
    private static final String[] GROUP15_MEMORY = {"fxsave64 M", "fxrstor64 M", "ldmxcsr Md", "stmxcsr Md",
            "xsave64 M", "xrstor64 M", "xsaveopt64 M", "clflush Mb"};
    private static final String[] PREFETCH_HINT = {"prefetchnta Mb", "prefetcht0 Mb", "prefetcht1 Mb",
            "prefetcht2 Mb"};

    private TwoByteGroups() {}

    /**
     * Resolves {@code entry} (a table entry starting with '#') for opcode {@code 0F op}; null when
     * the encoding is undefined. A result starting with "=" is a member the mandatory prefix did
     * not select, so the prefix still shows by name.
     */
    static String resolve(String entry, int op, int column, int mod, int reg, int rm, int mode,
            boolean rexW) {
        String ops = entry.substring(entry.indexOf(' ') + 1);
        reg &= 7;
        rm &= 7;
        return switch (entry.charAt(1)) {
            case 'm' -> mod == 3 ? "nop Ev" : "bndldx " + ops; // 0F 1A, MPX
            case 'M' -> mod == 3 ? "nop Ev" : "bndstx " + ops;
            case 'k' -> mod == 3 ? "=nop Ev" : "bndmk " + ops; // F3 0F 1B
            case 'p' -> (reg == 1 ? "prefetchw " : reg == 2 ? "prefetchwt1 " : "prefetch ") + ops; // 0F 0D
            case 'c' -> mod != 3 && reg == 0 ? "cldemote " + ops : "nop Ev"; // 0F 1C
            case 'n' -> reg < 4 && mod != 3 ? PREFETCH_HINT[reg] : "nop Ev"; // 0F 18
            case 'l' -> mod == 3 ? "movhlps Vx,Ux" : "movlps " + ops;
            case 'H' -> mod == 3 ? "movlhps Vx,Ux" : "movhps " + ops;
            case 's' -> shift(op, column, reg, ops);
            case '6' -> GROUP6[reg];
            case '7' -> mod != 3 ? GROUP7_MEMORY[reg] : group7Register(reg, rm, mode);
            case '9' -> group9(column, mod, reg, rexW);
            default -> mod != 3 ? group15Memory(column, reg) : group15Register(column, reg, rm, rexW);
        };
    }

    /** 0F AE with a register: the fences, and by prefix FSGSBASE, PTWRITE, CET and WAITPKG. */
    private static String group15Register(int column, int reg, int rm, boolean rexW) {
        return switch (column) {
            case TwoByteForms.NONE -> reg == 5 ? "lfence" : reg == 6 && rm == 0 ? "mfence" : reg == 7 && rm == 0
                    ? "sfence" : null;
            case TwoByteForms.P66 -> reg == 6 ? "tpause Ey" : null;
            case TwoByteForms.PF2 -> reg == 6 ? "umwait Ey" : null;
            default -> new String[] {"rdfsbase Ey", "rdgsbase Ey", "wrfsbase Ey", "wrgsbase Ey", "ptwrite Ey",
                    rexW ? "incsspq Ey" : "incsspd Ey", "umonitor Ra", null}[reg];
        };
    }

    /** 0F AE /4-/7 with memory by prefix column (the caller leaves /0-/3 in the plain column). */
    private static String group15Memory(int column, int reg) {
        return switch (column) {
            case TwoByteForms.NONE -> GROUP15_MEMORY[reg];
            case TwoByteForms.P66 -> reg == 6 ? "clwb Mb" : reg == 7 ? "clflushopt Mb" : null;
            case TwoByteForms.PF3 -> reg == 4 ? "ptwrite Ey" : reg == 6 ? "clrssbsy Mq" : null;
            default -> null;
        };
    }

    private static String shift(int op, int column, int reg, String ops) {
        String[] names = switch (op) {
            case 0x71 -> new String[] {null, null, "psrlw", null, "psraw", null, "psllw", null};
            case 0x72 -> new String[] {null, null, "psrld", null, "psrad", null, "pslld", null};
            default -> column == TwoByteForms.P66
                    ? new String[] {null, null, "psrlq", "psrldq", null, null, "psllq", "pslldq"}
                    : new String[] {null, null, "psrlq", null, null, null, "psllq", null};
        };
        return names[reg] == null ? null : names[reg] + " " + ops;
    }

    private static String group7Register(int reg, int rm, int mode) {
        return switch (reg) {
            case 0 -> new String[] {"enclv", "vmcall", "vmlaunch", "vmresume", "vmxoff", "pconfig", "wrmsrns", null}[rm];
            case 1 -> new String[] {"monitor", "mwait", "clac", "stac", null, null, null, "encls"}[rm];
            case 2 -> new String[] {"xgetbv", "xsetbv", null, null, "vmfunc", "xend", "xtest", "enclu"}[rm];
            case 3 -> new String[] {"vmrun", "vmmcall", "vmload", "vmsave", "stgi", "clgi", "skinit", "invlpga"}[rm];
            case 5 -> new String[] {"serialize", null, null, null, null, null, "rdpkru", "wrpkru"}[rm];
            case 4 -> "smsw Es";
            case 6 -> "lmsw Ew";
            case 7 -> rm == 0 ? "swapgs"
                    : new String[] {null, "rdtscp", "monitorx", "mwaitx", "clzero", "rdpru", "invlpgb", "tlbsync"}[rm];
            default -> null;
        };
    }

    private static String group9(int column, int mod, int reg, boolean rexW) {
        if (mod == 3 && column == TwoByteForms.PF3) return reg == 7 ? "rdpid Rn" : null;
        if (mod == 3) return column == TwoByteForms.PF2 ? null : reg == 6 ? "rdrand Ev" : reg == 7 ? "rdseed Ev" : null;
        return switch (reg) {
            case 1 -> rexW ? "cmpxchg16b Mo" : "cmpxchg8b Mq";
            case 6 -> column == TwoByteForms.P66 ? "vmclear Mq" : column == TwoByteForms.PF3 ? "vmxon Mq"
                    : "vmptrld Mq";
            case 3 -> "xrstors64 M";
            case 4 -> "xsavec64 M";
            case 5 -> "xsaves64 M";
            case 7 -> "vmptrst Mq";
            default -> null;
        };
    }
}
