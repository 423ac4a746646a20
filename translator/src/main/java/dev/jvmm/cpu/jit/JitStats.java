package dev.jvmm.cpu.jit;

/** Translator counters, printed by {@code jvmm run --stats} through {@code Vcpu.stats()}. */
final class JitStats {
    long unitsTranslated, translationFailures, chainHits, cacheHits, cacheMisses, invalidations, evictions;
    long guestInsnsTranslated, bytecodeBytes, translateNanos;
    long interpreted, unitRuns;
    final long[] exits = new long[CompiledUnit.EXIT_REASONS];

    String format(long retired, long fallbacks) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("jit: %d instructions retired, %d interpreted outside units, %d run by fallback inside units%n",
                retired, interpreted, fallbacks));
        sb.append(String.format("jit: %d units translated (%d guest instructions, %d bytecode bytes, %.1f ms), %d failed%n",
                unitsTranslated, guestInsnsTranslated, bytecodeBytes, translateNanos / 1e6, translationFailures));
        sb.append(String.format("jit: %d chained entries, cache %d hits, %d misses, %d invalidations (SMC), %d flushes%n",
                chainHits, cacheHits, cacheMisses, invalidations, evictions));
        sb.append("jit: unit runs ").append(unitRuns).append(", exits:");
        for (int i = 0; i < exits.length; i++) sb.append(' ').append(CompiledUnit.exitName(i)).append('=').append(exits[i]);
        return sb.toString();
    }
}
