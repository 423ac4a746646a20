package dev.jvmm.bench;

/**
 * One timed run of one guest on one engine.
 *
 * @param guest        the guest's name
 * @param engine       the engine
 * @param round        1-based round number
 * @param timing       wall and CPU time; null when the run failed (a wrong result is never timed)
 * @param instructions instructions retired as the engine reported them, or -1 if it reports none
 * @param failure      why the run failed, or null if the guest printed and exited as expected
 * @param output       what the guest wrote to COM1 (kept to compare engines when there is no exact
 *                     expected output), or null if not kept
 */
public record RunResult(String guest, EngineId engine, int round, Timing timing, long instructions, String failure,
        String output) {
    public static final long UNKNOWN = -1;

    public static RunResult ok(String guest, EngineId engine, int round, Timing timing, long instructions) {
        return ok(guest, engine, round, timing, instructions, null);
    }

    public static RunResult ok(String guest, EngineId engine, int round, Timing timing, long instructions, String output) {
        return new RunResult(guest, engine, round, timing, instructions, null, output);
    }

    public static RunResult failed(String guest, EngineId engine, int round, String failure) {
        return new RunResult(guest, engine, round, null, UNKNOWN, failure, null);
    }

    public boolean succeeded() {
        return failure == null;
    }

    /** This run, judged failed after the fact (e.g. its output disagreed with the other engines'): no times. */
    public RunResult failedBecause(String why) {
        return new RunResult(guest, engine, round, null, UNKNOWN, why, output);
    }
}
