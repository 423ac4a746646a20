package dev.jvmm.bench;

/**
 * Where a jit run's whole-process CPU time goes:
 *
 * <ul>
 *   <li><b>start-up</b>: the median CPU time of a trivial guest (hello-pm32, 500 instructions) on the
 *       same engine — JVM start-up, class loading, the first HotSpot compilations, the PC's set-up;</li>
 *   <li><b>vCPU thread</b>: executing the guest — translated units, the interpreter, unit exits, devices;</li>
 *   <li><b>HotSpot compiling</b>: the C1 and C2 compiler threads, compiling the generated units and jvmm's own
 *       code as it gets hot;</li>
 *   <li><b>translator</b>: jvmm's translator thread, turning guest code into JVM classes;</li>
 *   <li><b>other</b>: the JVM's other threads (VM thread, whose safepoints run the serial GC, and housekeeping)
 *       and what the sampling missed (threads that ended between samples, the last few milliseconds).</li>
 * </ul>
 *
 * The four thread parts are CPU time of one untimed diagnostic run per guest ({@link ThreadCpuSampler}),
 * each less the same thread kind's time in a diagnostic run of hello-pm32, which start-up already covers.
 * They come from a different run than the timed median, so start-up plus the parts may differ a little
 * from {@code total}.
 *
 * @param total       median CPU seconds of the timed jit runs of the guest
 * @param startup     median CPU seconds of hello-pm32 on jit, or NaN if not measured
 * @param vcpu        the main (vCPU) thread beyond start-up's, or NaN if unknown
 * @param compiling   C1 + C2 compiler threads beyond start-up's, or NaN
 * @param translation the translator thread beyond start-up's, or NaN
 * @param other       all other CPU time of the process beyond start-up's, or NaN
 */
public record JitBreakdown(double total, double startup, double vcpu, double compiling, double translation, double other) {

    /** The breakdown of a guest's median jit CPU time {@code jitCpu}; parts whose runs were not sampled are NaN. */
    public static JitBreakdown of(double jitCpu, double startupCpu, JitDiagnostics guest, JitDiagnostics startup) {
        ThreadCpu g = guest.threads(), s = startup.threads();
        if (g == null || s == null) return new JitBreakdown(jitCpu, startupCpu, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        return new JitBreakdown(jitCpu, startupCpu,
                beyond(g.mainSeconds(), s.mainSeconds()),
                beyond(g.compilerSeconds(), s.compilerSeconds()),
                beyond(g.translatorSeconds(), s.translatorSeconds()),
                beyond(rest(guest), rest(startup)));
    }

    /** {@code part} as a share of the timed total, or NaN. */
    public double share(double part) {
        return Double.isNaN(part) || !(total > 0) ? Double.NaN : part / total;
    }

    /** Start-up plus the thread parts: what the diagnostic runs account for, to set beside {@link #total}. */
    public double partsSum() {
        return startup + vcpu + compiling + translation + other;
    }

    /** The process's CPU time outside the main, compiler and translator threads (other threads, unsampled time). */
    private static double rest(JitDiagnostics d) {
        ThreadCpu t = d.threads();
        return d.processCpuSeconds() - t.mainSeconds() - t.compilerSeconds() - t.translatorSeconds();
    }

    /** {@code value - baseline}, not below zero; NaN if either is unknown. */
    private static double beyond(double value, double baseline) {
        if (Double.isNaN(value) || Double.isNaN(baseline)) return Double.NaN;
        return Math.max(0, value - baseline);
    }
}
