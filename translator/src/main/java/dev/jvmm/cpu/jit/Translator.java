package dev.jvmm.cpu.jit;

import dev.jvmm.core.jfr.UnitTranslatedEvent;
import java.util.function.Consumer;

/**
 * Region selection and size policy: decode the region at the hot entry, compile it, and if the
 * method came out too big for HotSpot's JIT ({@link UnitCompiler#MAX_CODE_BYTES}) try again with
 * three quarters as many guest instructions.
 */
final class Translator {
    /**
     * The most guest instructions a region may hold. 128 lets a whole function with its loops,
     * recursion included (return sites), become one unit: sort64's quicksort then runs in one
     * unit with 544 exits in a whole run instead of 21 M (64 was the limit before).
     */
    static final int MAX_REGION_INSNS = 128;

    private final FastMem fastMem;
    private final JitStats stats;
    private final Consumer<String> trace;
    /** Lockstep: soft-TLB misses are handled inside units ({@link Region#missCallsInUnit}). */
    boolean missCallsInUnit;
    /** Several vCPUs share the RAM: units keep x86-TSO order ({@link Region#tsoFences}). */
    boolean tsoFences;

    /** Units compiled here use {@code fastMem} as their soft TLB (it is part of each unit class's data). */
    Translator(FastMem fastMem, JitStats stats, Consumer<String> trace) {
        this.fastMem = fastMem;
        this.stats = stats;
        this.trace = trace;
    }

    /** Translates the region entered at physical {@code entryPa} under {@code key}, or returns null if there is nothing to translate. */
    Unit translate(UnitKey key, long entryPa) throws ReflectiveOperationException {
        return translate(key, entryPa, null);
    }

    /**
     * {@link #translate(UnitKey, long)}, the region ending where it reaches one of {@code stops}
     * ({@link Region.Stops}), or everywhere it leads if {@code stops} is null.
     */
    Unit translate(UnitKey key, long entryPa, Region.Stops stops) throws ReflectiveOperationException {
        long t0 = System.nanoTime();
        UnitTranslatedEvent event = new UnitTranslatedEvent();
        event.begin();
        // Too big for HotSpot: try again with three quarters as many instructions (halving went
        // from 128 straight to 64; this way sort32's partition unit holds 88 instructions).
        for (int limit = MAX_REGION_INSNS; limit >= 1; limit = limit * 3 / 4) {
            Region region = Region.decode(fastMem.mem(), key, entryPa, limit, stops);
            if (region.insns.isEmpty()) return null;
            region.missCallsInUnit = missCallsInUnit;
            region.tsoFences = tsoFences;
            region.accessMemoryThrough(fastMem);
            byte[] bytes = UnitCompiler.classBytes(region);
            int size = UnitCompiler.runCodeLength(bytes);
            if (size > UnitCompiler.MAX_CODE_BYTES && limit > 1) continue;
            UnitCompiler.Compiled compiled = UnitCompiler.define(region, fastMem, bytes, size);
            Unit u = new Unit(entryPa, region, compiled);
            stats.unitsTranslated++;
            stats.guestInsnsTranslated += u.guestInsns;
            stats.bytecodeBytes += size;
            stats.translateNanos += System.nanoTime() - t0;
            if (trace != null) trace.accept(UnitTrace.describe(u));
            if (event.shouldCommit()) {
                event.guestAddress = region.linear(key.entryRip());
                event.physicalAddress = entryPa;
                event.guestBytes = (int) (u.hi - u.lo);
                event.guestInstructions = u.guestInsns;
                event.bytecodeBytes = size;
                event.commit();
            }
            return u;
        }
        return null;
    }
}
