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
 */
public record RunResult(String guest, EngineId engine, int round, Timing timing, long instructions, String failure) {
    public static final long UNKNOWN = -1;

    public static RunResult ok(String guest, EngineId engine, int round, Timing timing, long instructions) {
        return new RunResult(guest, engine, round, timing, instructions, null);
    }

    public static RunResult failed(String guest, EngineId engine, int round, String failure) {
        return new RunResult(guest, engine, round, null, UNKNOWN, failure);
    }

    public boolean succeeded() {
        return failure == null;
    }
}
