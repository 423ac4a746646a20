package dev.jvmm.launcher;

import dev.jvmm.core.engine.Machine;
import dev.jvmm.core.engine.Vcpu;
import dev.jvmm.core.engine.VcpuExit;
import dev.jvmm.devices.apic.LocalApic;
import dev.jvmm.devices.pc.PcBoard;
import java.util.ArrayList;
import java.util.List;

/**
 * The vCPUs other than the bootstrap processor, each run by a thread of its own ("jvmm-vcpu-N") until the
 * run ends. Each starts in wait-for-SIPI (the engine's business); its local APIC's INIT and start-up IPIs
 * are wired to it here. An exit that ends a machine — a triple fault, an engine error — ends the run as
 * the BSP's would ({@link #failed()}); HLT and exit requests are handled inside the loop.
 */
final class ApplicationProcessors implements AutoCloseable {
    /** The exit that ended the run and the vCPU it came from. */
    record Failure(Vcpu vcpu, VcpuExit exit) {}

    private final Vcpu bsp;
    private final List<Vcpu> aps = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean finished;
    private volatile Failure failed;

    private final dev.jvmm.core.engine.StopRequest stop;

    private ApplicationProcessors(Vcpu bsp, dev.jvmm.core.engine.StopRequest stop) {
        this.bsp = bsp;
        this.stop = stop;
    }

    /** Makes vCPUs 1..N-1 of {@code machine}, wires every local APIC's INIT/SIPI to its vCPU and starts the AP threads. */
    static ApplicationProcessors start(Machine machine, Vcpu bsp, PcBoard board) {
        ApplicationProcessors group = new ApplicationProcessors(bsp, machine.platform().stop());
        int n = machine.vcpuCount();
        try {
            for (int k = 1; k < n; k++) group.aps.add(machine.createVcpu(k));
        } catch (RuntimeException e) {
            group.close();
            throw e;
        }
        if (n > 1) {
            for (int k = 0; k < n; k++) board.localApic(k).setStartupListener(new LocalApic.StartupListener() {
                @Override
                public void init(int apicIndex) {
                    group.vcpu(apicIndex).deliverInit();
                }

                @Override
                public void startup(int apicIndex, int vector) {
                    group.vcpu(apicIndex).deliverStartup(vector);
                }
            });
        }
        for (int k = 0; k < group.aps.size(); k++) {
            Vcpu ap = group.aps.get(k);
            group.threads.add(Thread.ofPlatform().daemon().name("jvmm-vcpu-" + (k + 1)).start(() -> group.runAp(ap)));
        }
        return group;
    }

    private Vcpu vcpu(int index) {
        return index == 0 ? bsp : aps.get(index - 1);
    }

    int indexOf(Vcpu vcpu) {
        return vcpu == bsp ? 0 : aps.indexOf(vcpu) + 1;
    }

    private void runAp(Vcpu ap) {
        while (!finished && stop.reason() == null) {
            VcpuExit exit = ap.run();
            switch (exit) {
                case VcpuExit.ExitRequested r -> {} // a stop (finished is set), an INIT, a tick
                case VcpuExit.Breakpoint b -> {}
                case VcpuExit.Halted h -> {} // not reported by a vCPU with others: it waits for them
                case VcpuExit.Shutdown s -> fail(ap, exit);
                case VcpuExit.InternalError e -> fail(ap, exit);
            }
        }
    }

    private void fail(Vcpu ap, VcpuExit exit) {
        synchronized (this) {
            if (failed == null) failed = new Failure(ap, exit);
        }
        finished = true;
        bsp.requestExit();
    }

    /** An application processor's exit that ended the run, or null. */
    Failure failed() {
        return failed;
    }

    /** Asks every vCPU, the BSP included, to leave {@code run()} (the machine's stop hook). */
    void requestExitAll() {
        bsp.requestExit();
        for (Vcpu ap : aps) ap.requestExit();
    }

    /** Ends the AP threads (the run is over) and waits for them. */
    void stopAll() {
        finished = true;
        for (Vcpu ap : aps) ap.requestExit();
        for (Thread t : threads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Instructions retired by every vCPU, or -1 if the engine does not count them. */
    long instructionsRetired() {
        long sum = bsp.instructionsRetired();
        for (Vcpu ap : aps) {
            long n = ap.instructionsRetired();
            if (n < 0 || sum < 0) return -1;
            sum += n;
        }
        return sum;
    }

    @Override
    public void close() {
        stopAll();
        for (Vcpu ap : aps) ap.close();
    }
}
