package dev.jvmm.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the bench measured besides the timed runs to show where the jit's time goes ({@link JitBreakdown}).
 *
 * @param startup            timed runs of hello-pm32 on jit, one per round: the fixed start-up cost
 * @param startupDiagnostics a diagnostic run of hello-pm32 on jit: the translation and compile time start-up needs
 * @param guests             a diagnostic run per guest, with its workload's command line
 */
public record JitProfile(Cell startup, JitDiagnostics startupDiagnostics, Map<String, JitDiagnostics> guests) {
    public JitProfile {
        guests = Collections.unmodifiableMap(new LinkedHashMap<>(guests));
    }
}
