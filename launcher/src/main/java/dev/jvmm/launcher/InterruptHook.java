package dev.jvmm.launcher;

import dev.jvmm.core.engine.StopReason;
import dev.jvmm.core.engine.StopRequest;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What SIGTERM, SIGHUP or SIGINT (Ctrl-C where the terminal turns it into a signal) does to a
 * {@code jvmm run}: the run stops as if Ctrl-A x had been typed, reports where the guest was, and the
 * process ends with {@link ExitStatus#INTERRUPTED} (130), the status the help promises.
 *
 * <p>The JVM runs shutdown hooks on these signals and then exits with 128 + the signal number (143 for
 * SIGTERM), whatever {@code System.exit} the main thread attempts meanwhile (it blocks during shutdown).
 * So the hook waits for the run's own end, at most {@link #REPORT_WAIT_MILLIS}, and ends the process
 * itself with {@link Runtime#halt} and the run's status. Installed for the whole command (a FIFO
 * {@code --kernel} may be waited for before any machine exists) and removed when it returns.
 */
final class InterruptHook implements AutoCloseable {
    /** How long the signalled run may take to stop and report before the process ends anyway. */
    static final long REPORT_WAIT_MILLIS = 3000;

    private final Thread thread = new Thread(this::onSignal, "jvmm-interrupt");
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile StopRequest stop;
    private volatile int status = ExitStatus.INTERRUPTED;

    private InterruptHook() {}

    static InterruptHook install() {
        InterruptHook hook = new InterruptHook();
        Runtime.getRuntime().addShutdownHook(hook.thread);
        return hook;
    }

    /** From now on a signal stops this machine (before this, a signal ends the process at once). */
    void attach(StopRequest machine) {
        stop = machine;
    }

    /** The run ended with {@code runStatus}; a signal that came meanwhile ends the process with it. Returns it. */
    int finished(int runStatus) {
        status = runStatus;
        finished.countDown();
        return runStatus;
    }

    private void onSignal() {
        StopRequest machine = stop;
        if (machine != null) {
            machine.request(new StopReason.Interrupted());
            try {
                finished.await(REPORT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            System.err.println("jvmm: interrupted");
        }
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(finished.getCount() == 0 ? status : ExitStatus.INTERRUPTED);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(thread);
        } catch (IllegalStateException shuttingDown) {
            // a signal came: the hook is running and ends the process with the run's status
        }
    }
}
