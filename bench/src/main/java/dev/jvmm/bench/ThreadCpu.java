package dev.jvmm.bench;

import java.util.List;

/**
 * The CPU time of one JVM process by what its threads do, as {@link ThreadCpuSampler} last saw each
 * thread: the main thread (which runs jvmm's vCPU: translated units, the interpreter, unit exits,
 * devices), HotSpot's C1 and C2 compiler threads, jvmm's translator thread, and all the others
 * (the VM thread, which runs the serial GC at safepoints, and housekeeping threads).
 *
 * @param mainSeconds       threads named {@code java}: the launcher's main thread, the vCPU
 * @param compilerSeconds   threads named {@code C1 CompilerThre...} / {@code C2 CompilerThre...}
 * @param translatorSeconds the thread named {@code jvmm-jit-transl...} (Linux keeps 15 characters of a name)
 * @param otherSeconds      every other thread
 */
public record ThreadCpu(double mainSeconds, double compilerSeconds, double translatorSeconds, double otherSeconds) {

    /** One thread's name (Linux {@code comm}) and CPU seconds. */
    public record Thread(String name, double seconds) {}

    /** The sum over {@code threads}, each counted under its {@linkplain #category category}. */
    public static ThreadCpu of(List<Thread> threads) {
        double main = 0, compiler = 0, translator = 0, other = 0;
        for (Thread t : threads) {
            switch (category(t.name())) {
                case "main" -> main += t.seconds();
                case "compiler" -> compiler += t.seconds();
                case "translator" -> translator += t.seconds();
                default -> other += t.seconds();
            }
        }
        return new ThreadCpu(main, compiler, translator, other);
    }

    /** {@code main}, {@code compiler}, {@code translator} or {@code other}, from a thread's Linux name. */
    public static String category(String comm) {
        if (comm.equals("java")) return "main";
        if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) return "compiler";
        if (comm.startsWith("jvmm-jit-transl")) return "translator";
        return "other";
    }

    /** All threads together. */
    public double totalSeconds() {
        return mainSeconds + compilerSeconds + translatorSeconds + otherSeconds;
    }
}
