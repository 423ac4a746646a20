package dev.jvmm.core.engine;

/**
 * A one-shot "please end the run" that devices and the launcher trigger from any thread. The first
 * reason wins; the running vCPU is asked to exit at its next instruction boundary.
 */
public final class StopRequest {
    private volatile StopReason reason;
    private volatile Runnable onRequest = () -> {};

    /** Called by the machine to connect requests to {@link Vcpu#requestExit()}. */
    public void onRequest(Runnable action) {
        this.onRequest = action;
        if (reason != null) action.run();
    }

    public void request(StopReason why) {
        synchronized (this) {
            if (reason != null) return;
            reason = why;
        }
        onRequest.run();
    }

    /** The reason, or null while nobody asked to stop. */
    public StopReason reason() {
        return reason;
    }
}
