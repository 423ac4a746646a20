package dev.jvmm.cpu.jit;

import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.cpu.decode.Insn;

/**
 * Jump tables: a C {@code switch} compiled to {@code jmp [index*4 + table]} (gcc's {@code jmp
 * *table(,%eax,4)} in 32-bit code). Without help every pass through the switch leaves the unit
 * with a computed RIP, and each case becomes a unit of its own holding another copy of the loop
 * around the switch. The translator reads the table from guest memory when it decodes the region,
 * adds the targets that lie in the region's page to the region, and the unit jumps to them
 * inside ({@link ControlEmitter#indirect}).
 *
 * <p>The table is only a hint: the unit still loads the target from memory on every pass and
 * jumps inside only if it is one of the targets read here, else it leaves as before, so a table
 * that changed since, or words read past the table's end, cost code size and never correctness.
 * Only physical units ({@link UnitKey#physical}, where a flat linear address is the physical one)
 * read tables, from plain RAM only: the translator thread must not touch a device.
 * {@code -Djvmm.jit.jumpTables=false} turns this off.
 */
final class JumpTables {
    static final boolean ENABLED = Boolean.parseBoolean(System.getProperty("jvmm.jit.jumpTables", "true"));
    /** Table entries read at most (a switch with more cases keeps the rest as exits). */
    static final int MAX_ENTRIES = 64;

    private JumpTables() {}

    /**
     * The distinct targets in the region's page of the jump table {@code jmp} reads through, in table
     * order up to the first entry outside the page; none if {@code jmp} is not a jump through a table
     * of 4-byte entries in a physical unit.
     */
    static long[] targetsInPage(GuestMemory mem, Region region, GuestInsn jmp) {
        Insn i = jmp.insn;
        UnitKey key = region.key;
        boolean tableForm = i.mod != 3 && i.base < 0 && i.index >= 0 && i.scale == 2 && i.opSize == 4 && i.addrSize == 4
                && !i.ripRelative && i.memSeg != Insn.FS && i.memSeg != Insn.GS;
        if (!tableForm || !key.physical() || !key.flat() || key.mode() == 64) return GuestInsn.NO_TARGETS;
        long table = i.disp & 0xFFFF_FFFFL;
        java.util.LinkedHashSet<Long> targets = new java.util.LinkedHashSet<>();
        for (int k = 0; k < MAX_ENTRIES; k++) {
            long pa = table + 4L * k;
            if (!mem.isRam(pa, 4)) break;
            long target = mem.read32(pa) & 0xFFFF_FFFFL;
            if (!region.inPage(target)) break;
            targets.add(target);
        }
        return targets.stream().mapToLong(Long::longValue).toArray();
    }
}
