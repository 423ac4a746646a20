package dev.jvmm.cpu.jit;

import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.cpu.interp.Cpu;

/**
 * What a translation assumed about the CPU besides the code bytes: where it was entered (RIP), the
 * code size (16/32/64: operand and address sizes), the stack size (push/pop), and CS base and
 * limit (branch target checks, RIP-to-linear), whether data segments are flat (the inline
 * memory fast path skips segmentation), and whether flat addresses are physical ones (paging off,
 * A20 gate on: reads can skip the soft TLB, see {@link UnitEmitter#probe}). A cached unit
 * runs only if the current CPU matches its key; the cache itself is indexed by the guest physical
 * address of the entry.
 */
record UnitKey(long entryRip, int mode, int stackSize, long csBase, long csLimit, boolean flat, boolean physical) {
    static UnitKey of(Cpu c) {
        boolean flat = flat(c);
        return new UnitKey(c.rip, c.mode, c.stackSize(), c.segBase[Cpu.CS], c.segLimit[Cpu.CS], flat, flat && physical(c));
    }

    /**
     * Flat data addresses are guest physical addresses, as in a multiboot kernel that never turns
     * paging on: 32-bit mode, CR0.PG clear, the A20 gate on, and no alignment checks (CR0.AM with
     * CPL 3) that would fault on a plain access. Only the interpreter changes these (MOV CR0, port
     * I/O and mode switches end a unit), so a unit can rely on them while it runs.
     */
    static boolean physical(Cpu c) {
        return c.mode == 32 && (c.cr0 & ControlBits.CR0_PG) == 0 && c.mem.a20Enabled()
                && ((c.cr0 & ControlBits.CR0_AM) == 0 || c.cpl != 3);
    }

    /** DS, ES and SS ignore segmentation: 64-bit mode, or flat 4 GiB writable data segments in 32-bit protected mode. */
    static boolean flat(Cpu c) {
        if (c.mode == 64) return true;
        if (c.mode != 32) return false;
        for (int s : new int[] {Cpu.ES, Cpu.SS, Cpu.DS}) {
            int attr = c.segAttr[s];
            if (c.segBase[s] != 0 || c.segLimit[s] != 0xFFFF_FFFFL || (attr & 0x1A) != 0x12
                    || (attr & dev.jvmm.core.cpu.SegmentState.UNUSABLE) != 0 || (attr & dev.jvmm.core.cpu.SegmentState.P) == 0) {
                return false;
            }
        }
        return true;
    }

    /** True if the CPU's mode matches (the entry RIP is not compared: a unit has several entry points). */
    boolean matches(Cpu c) {
        if (c.mode != mode || c.segBase[Cpu.CS] != csBase || c.segLimit[Cpu.CS] != csLimit || c.stackSize() != stackSize) return false;
        boolean f = flat(c);
        return flat == f && physical == (f && physical(c));
    }
}
