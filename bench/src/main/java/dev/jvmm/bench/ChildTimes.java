package dev.jvmm.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the CPU time of a finished child from bash's {@code times} built-in.
 *
 * <p>Why {@code times}: it prints {@code getrusage(RUSAGE_CHILDREN)} of the shell — user and system time
 * of every waited-for descendant, all threads included — after the child has been reaped, so nothing
 * races with the child's exit (reading /proc/PID/stat just before the exit does). GNU
 * {@code /usr/bin/time} reports the same rusage but with 10 ms resolution, too coarse for a QEMU run of
 * 60 ms; {@code times} has 1 ms, and bash is always present where {@code ./jvmm} runs.
 *
 * <p>The peak memory of the process comes from GNU time beside it (see {@link #WRAPPER_SCRIPT}).
 *
 * <p>The output is two lines, {@code "0m0.002s 0m0.000s"} for the shell itself, then the children's
 * {@code user system} line, which is the one used.
 */
public final class ChildTimes {
    /** GNU time: {@code apt-get install time} (.ci/install-tools does). */
    static final String GNU_TIME = "/usr/bin/time";
    private static final Pattern LINE = Pattern.compile("(\\d+)m([\\d.]+)s\\s+(\\d+)m([\\d.]+)s");

    private ChildTimes() {}

    /** Children's {@code {user, system}} seconds from a {@code times} output; fails on anything else. */
    public static double[] parse(String timesOutput) {
        Matcher m = LINE.matcher(timesOutput);
        double[] last = null;
        int lines = 0;
        while (m.find()) {
            lines++;
            last = new double[] {seconds(m.group(1), m.group(2)), seconds(m.group(3), m.group(4))};
        }
        if (lines != 2) {
            throw new IllegalArgumentException("not the output of bash's times (expected 2 lines): " + timesOutput.strip());
        }
        return last;
    }

    private static double seconds(String minutes, String seconds) {
        return Integer.parseInt(minutes) * 60 + Double.parseDouble(seconds);
    }

    /**
     * The bash program that runs {@code "$@"} after the time and peak-memory file names, writes
     * {@code times} to the first and exits with the command's status:
     * {@code bash -c SCRIPT bench-timer TIMEFILE RSSFILE CMD ARGS...}. Where GNU time is installed the
     * command runs under it, which writes the peak resident set size of the process, in KiB, to RSSFILE
     * ({@code %M}: {@code ru_maxrss} from {@code wait4}, so also measured after the process ended).
     */
    public static final String WRAPPER_SCRIPT = "f=\"$1\"; m=\"$2\"; shift 2; "
            + "if [ -x " + GNU_TIME + " ]; then " + GNU_TIME + " -q -f %M -o \"$m\" \"$@\"; else \"$@\"; fi; "
            + "s=$?; times > \"$f\"; exit $s";

    /**
     * The peak resident set size in KiB from the RSSFILE of {@link #WRAPPER_SCRIPT} (its last line), or
     * -1 if there is none (no GNU time, or the process was killed before it ended).
     */
    public static long peakRssKilobytes(String rssOutput) {
        String[] lines = rssOutput.strip().split("\n");
        String last = lines[lines.length - 1].strip();
        return last.matches("\\d+") ? Long.parseLong(last) : -1;
    }
}
