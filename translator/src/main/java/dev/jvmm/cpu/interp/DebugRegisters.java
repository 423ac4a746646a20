package dev.jvmm.cpu.interp;

/**
 * Hardware breakpoints (SDM vol. 3 §17.2-17.3): DR0-DR3 linear addresses, DR7 enables (L/G bits)
 * with R/W 00 = instruction (a fault, before the instruction, suppressed by RFLAGS.RF), 01 = data
 * write and 11 = data read/write (traps, after the instruction), LEN 1/2/8/4 bytes. Hits are
 * reported in DR6 B0-B3; the single-step trap sets DR6.BS. Not modelled: I/O breakpoints (R/W 10),
 * DR7.GD general detection.
 */
final class DebugRegisters {
    private DebugRegisters() {}

    /** True if DR7 enables any breakpoint or a debugger watches memory (checked on the hot path instead of DR7 itself). */
    static boolean armed(Cpu c) {
        return (c.dr[7] & 0xFF) != 0 || c.debuggerWatch != null;
    }

    private static boolean enabled(Cpu c, int n) {
        return ((c.dr[7] >>> (2 * n)) & 3) != 0;
    }

    private static int rw(Cpu c, int n) {
        return (int) (c.dr[7] >>> (16 + 4 * n)) & 3;
    }

    private static int len(Cpu c, int n) {
        return switch ((int) (c.dr[7] >>> (18 + 4 * n)) & 3) {
            case 0 -> 1;
            case 1 -> 2;
            case 2 -> 8;
            default -> 4;
        };
    }

    /** DR6 B0-B3 bits of instruction breakpoints at {@code linear}, or 0. */
    static int instructionHits(Cpu c, long linear) {
        int hits = 0;
        for (int n = 0; n < 4; n++) {
            if (enabled(c, n) && rw(c, n) == 0 && c.dr[n] == linear) hits |= 1 << n;
        }
        return hits;
    }

    /** DR6 B0-B3 bits of data breakpoints hit by an access of {@code size} bytes at {@code linear}. */
    static int dataHits(Cpu c, long linear, int size, boolean write) {
        int hits = 0;
        for (int n = 0; n < 4; n++) {
            int rw = rw(c, n);
            if (!enabled(c, n) || rw == 0 || rw == 2 || (rw == 1 && !write)) continue;
            int l = len(c, n);
            long base = c.dr[n] & -l;
            if (linear < base + l && base < linear + size) hits |= 1 << n;
        }
        return hits;
    }
}
