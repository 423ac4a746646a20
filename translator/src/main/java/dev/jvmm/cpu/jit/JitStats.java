package dev.jvmm.cpu.jit;

/** Translator counters, printed by {@code jvmm run --stats} through {@code Vcpu.stats()}. */
final class JitStats {
    long unitsTranslated, translationFailures, staleTranslations, chainHits, jumpCacheHits, cacheHits, cacheMisses, invalidations, evictions;
    long guestInsnsTranslated, bytecodeBytes, translateNanos;
    long interpreted, unitRuns;
    final long[] exits = new long[CompiledUnit.EXIT_REASONS];

    /** These counters with the translation counters taken from {@code t} (the background thread's). */
    JitStats withTranslation(JitStats t) {
        JitStats s = new JitStats();
        s.translationFailures = translationFailures;
        s.staleTranslations = staleTranslations;
        s.chainHits = chainHits;
        s.jumpCacheHits = jumpCacheHits;
        s.cacheHits = cacheHits;
        s.cacheMisses = cacheMisses;
        s.invalidations = invalidations;
        s.evictions = evictions;
        s.interpreted = interpreted;
        s.unitRuns = unitRuns;
        System.arraycopy(exits, 0, s.exits, 0, exits.length);
        s.unitsTranslated = t.unitsTranslated;
        s.guestInsnsTranslated = t.guestInsnsTranslated;
        s.bytecodeBytes = t.bytecodeBytes;
        s.translateNanos = t.translateNanos;
        return s;
    }

    String format(long retired, long fallbacks) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("jit: %d instructions retired, %d interpreted outside units, %d run by fallback inside units%n",
                retired, interpreted, fallbacks));
        sb.append(String.format("jit: %d units translated (%d guest instructions, %d bytecode bytes, %.1f ms), %d failed, %d stale%n",
                unitsTranslated, guestInsnsTranslated, bytecodeBytes, translateNanos / 1e6, translationFailures, staleTranslations));
        sb.append(String.format("jit: %d chained entries, %d jump-cache hits, cache %d hits, %d hot entries without a unit, %d invalidations (SMC),"
                + " %d flushes%n", chainHits, jumpCacheHits, cacheHits, cacheMisses, invalidations, evictions));
        sb.append("jit: unit runs ").append(unitRuns).append(", exits:");
        for (int i = 0; i < exits.length; i++) sb.append(' ').append(CompiledUnit.exitName(i)).append('=').append(exits[i]);
        return sb.toString();
    }
}
