package dev.jvmm.bench.kvm;

import dev.jvmm.core.bus.PortBus;
import dev.jvmm.core.clock.HostClock;
import dev.jvmm.core.clock.TimerQueue;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.engine.Platform;
import dev.jvmm.core.engine.StopRequest;
import dev.jvmm.core.engine.Vcpu;
import dev.jvmm.core.engine.VcpuExit;
import dev.jvmm.core.irq.InterruptController;
import dev.jvmm.kvm.KvmEngine;
import dev.jvmm.core.memory.GuestMemory;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java side: the same guest bytes on jvmm's {@link KvmEngine}, a fresh VM per run (as each C
 * process has), with a {@link PortBus} holding a {@link SumDevice}. Only {@code vcpu.run()} is
 * timed, and of it only START to DONE, as in C.
 */
final class JavaSide {
    private static final Pattern EXITS = Pattern.compile("kvm exits: (\\d+)");
    private static final Pattern TIME = Pattern.compile("kvm time: ([\\d.,]+) ms in KVM_RUN, ([\\d.,]+) ms in Java");

    private JavaSide() {}

    /** One run of {@code n} data exits; throws IllegalStateException if the guest does not end in HLT. */
    static RoundTrip run(int n) {
        byte[] code = GuestLoop.code(n);
        try (GuestMemory memory = GuestMemory.create(GuestLoop.RAM_BYTES)) {
            for (int i = 0; i < code.length; i++) memory.write8(GuestLoop.LOAD_ADDRESS + i, code[i] & 0xFF);
            PortBus ports = new PortBus();
            SumDevice device = new SumDevice();
            ports.register(GuestLoop.PORT_DATA, 3, device);
            Platform platform = new Platform(memory, ports, InterruptController.NONE,
                    new TimerQueue(new HostClock()), new StopRequest());
            String stats;
            try (Vcpu vcpu = new KvmEngine().createVcpu(platform)) {
                vcpu.setState(CpuState.realMode(0, GuestLoop.LOAD_ADDRESS));
                VcpuExit exit = vcpu.run();
                if (!(exit instanceof VcpuExit.Halted)) throw new IllegalStateException("guest ended with " + exit);
                stats = vcpu.stats();
            }
            if (device.startNanos < 0 || device.doneNanos < 0) {
                throw new IllegalStateException("the guest halted without its START and DONE writes");
            }
            long[] split = parseStats(stats);
            return new RoundTrip(n, device.doneNanos - device.startNanos, device.sum, device.count, split[0],
                    split[1], split[1] + split[2]);
        }
    }

    /**
     * From KvmVcpu's {@code stats()} text: {exits, nanoseconds inside KVM_RUN, nanoseconds in Java}.
     * Throws IllegalArgumentException when the lines are not there.
     */
    static long[] parseStats(String stats) {
        Matcher e = EXITS.matcher(stats), t = TIME.matcher(stats);
        if (!e.find() || !t.find()) throw new IllegalArgumentException("no exit/time lines in vCPU stats:\n" + stats);
        return new long[] {Long.parseLong(e.group(1)), millisToNanos(t.group(1)), millisToNanos(t.group(2))};
    }

    private static long millisToNanos(String millis) {
        return Math.round(Double.parseDouble(millis.replace(',', '.')) * 1e6);
    }
}
