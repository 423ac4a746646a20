package dev.jvmm.cpu.jit;

/**
 * A cache entry: the compiled code of one region, the assumptions it was compiled under, and the
 * guest physical byte range its instructions came from (a write there invalidates it).
 */
final class Unit {
    final long entryPa;
    final UnitKey key;
    final CompiledUnit code;
    final Region region;
    final byte[] classBytes;
    /** Physical byte range [lo, hi) covered by the unit's instructions. */
    final long lo, hi;
    final int guestInsns;
    boolean valid = true;
    /** Chaining: the unit that followed each constant-target exit last time (validated before use). */
    final Unit[] links;

    /** Guest physical address of entry point {@code rip} (one of the region's leaders). */
    long physical(long rip) {
        return region.pagePa + (region.linear(rip) & 0xFFF);
    }

    Unit(long entryPa, Region region, UnitCompiler.Compiled compiled) {
        this.entryPa = entryPa;
        this.key = region.key;
        this.code = compiled.unit();
        this.region = region;
        this.classBytes = compiled.classBytes();
        long min = Long.MAX_VALUE, max = 0;
        for (GuestInsn g : region.instructions()) {
            long pa = region.pagePa + (region.linear(g.rip) & 0xFFF);
            min = Math.min(min, pa);
            max = Math.max(max, pa + g.insn.length);
        }
        this.lo = min;
        this.hi = Math.min(max, region.pagePa + 4096);
        this.guestInsns = region.insns.size();
        this.links = new Unit[region.exitSlots];
    }
}
