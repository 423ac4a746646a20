package dev.jvmm.cpu.jit;

import dev.jvmm.cpu.interp.Cpu;

/**
 * What a translation assumed about the CPU besides the code bytes: where it was entered (RIP), the
 * code size (16/32/64: operand and address sizes), the stack size (push/pop), and CS base and
 * limit (branch target checks, RIP-to-linear). A cached unit runs only if the current CPU matches
 * its key; the cache itself is indexed by the guest physical address of the entry.
 */
record UnitKey(long entryRip, int mode, int stackSize, long csBase, long csLimit) {
    static UnitKey of(Cpu c) {
        return new UnitKey(c.rip, c.mode, c.stackSize(), c.segBase[Cpu.CS], c.segLimit[Cpu.CS]);
    }

    boolean matches(Cpu c) {
        return c.rip == entryRip && c.mode == mode && c.segBase[Cpu.CS] == csBase && c.segLimit[Cpu.CS] == csLimit
                && c.stackSize() == stackSize;
    }
}
