package dev.jvmm.cpu.interp;

import dev.jvmm.core.engine.VcpuGroup;
import dev.jvmm.core.engine.Platform;
import dev.jvmm.core.engine.VcpuExit;

/**
 * The interpreter's run loop: instructions in batches of {@value #BATCH}, with interrupts taken at
 * instruction boundaries, device timers run after every batch and after every port access, and HLT
 * turned into idle time (all shared with the jit engine through {@link SoftwareVcpu}).
 */
public final class InterpreterVcpu extends SoftwareVcpu {
    InterpreterVcpu(Platform platform) {
        super(platform);
    }

    InterpreterVcpu(Platform platform, int index, VcpuGroup group) {
        super(platform, index, group);
    }

    /** The interpreter behind this vCPU (tests and lockstep tools). */
    Interpreter interpreter() {
        return interp;
    }

    /** Exceptions, software and external interrupts delivered so far (lockstep with another engine). */
    public long eventsDelivered() {
        Interrupts n = interp.interrupts;
        return n.exceptions + n.softwareInterrupts + n.externalInterrupts;
    }

    @Override
    protected String label() {
        return "interpreter";
    }

    @Override
    protected VcpuExit loop() throws InterruptedException {
        while (true) {
            if (stopAsked()) return exitForStop();
            VcpuExit halted = waitWhileHalted();
            if (halted != null) return halted;
            if (stopAsked()) return exitForStop();
            for (int n = 0; n < BATCH; n++) {
                if (acceptInterrupt() && interp.shutdown != null) return shutdown();
                if (cpu.halted) break;
                interp.step();
                if (interp.shutdown != null) return shutdown();
                if (interp.ioDone) {
                    interp.ioDone = false;
                    retire();
                    timers.runDue();
                    if (stopAsked()) break;
                }
                if (cpu.halted) break;
            }
            retire();
            timers.runDue();
        }
    }

    @Override
    public String stats() {
        double cpuSeconds = runCpuSeconds();
        String rate = cpuSeconds <= 0 ? "" : String.format("%ninterp: vCPU thread CPU time %.2f s: %.1f M instructions per CPU second",
                cpuSeconds, cpu.instructions / cpuSeconds / 1e6);
        return interp.stats() + rate;
    }
}
