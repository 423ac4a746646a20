package dev.jvmm.cpu.jit;

import dev.jvmm.core.boot.KernelLoader;
import dev.jvmm.core.boot.LoadedKernel;
import dev.jvmm.core.clock.TimerQueue;
import dev.jvmm.core.clock.VirtualClock;
import dev.jvmm.core.engine.Engine;
import dev.jvmm.core.engine.StopReason;
import dev.jvmm.core.engine.Vcpu;
import dev.jvmm.core.engine.VcpuExit;
import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.devices.pc.PcBoard;
import dev.jvmm.devices.serial.CapturingSink;
import dev.jvmm.guests.Guest;
import java.nio.charset.StandardCharsets;

/** Boots a catalogue guest on a PC board with a given engine (test helper). */
final class GuestRunner {
    record Run(VcpuExit exit, String output, StopReason stop, long instructions, String stats, double seconds, double cpuSeconds) {}

    private GuestRunner() {}

    static Run boot(Guest guest, Engine engine, long maxMillis) throws Exception {
        try (GuestMemory mem = GuestMemory.create(64L << 20)) {
            TimerQueue timers = new TimerQueue(new VirtualClock(1));
            CapturingSink out = new CapturingSink();
            PcBoard board = PcBoard.create(mem, timers, PcBoard.Options.defaults().withCom1(out));
            LoadedKernel k = KernelLoader.load(mem, guest.bytes(), "");
            Vcpu vcpu = engine.createVcpu(board.platform());
            vcpu.setState(k.entryState());
            board.stop().onRequest(vcpu::requestExit);
            Thread watchdog = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(maxMillis);
                    board.stop().request(new StopReason.Timeout(maxMillis / 1000.0));
                } catch (InterruptedException ignored) {
                    // finished in time
                }
            });
            StringBuilder timeline = new StringBuilder();
            Thread sampler = Boolean.getBoolean("jvmm.bench.timeline") ? Thread.ofPlatform().daemon().start(() -> {
                long last = 0;
                try {
                    while (true) {
                        Thread.sleep(50);
                        long now = vcpu.instructionsRetired();
                        timeline.append(String.format(" %.0f", (now - last) / 0.05 / 1e6));
                        last = now;
                    }
                } catch (InterruptedException ignored) {
                    // run finished
                }
            }) : null;
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long t0 = System.nanoTime(), c0 = mx.getCurrentThreadCpuTime();
            VcpuExit exit = vcpu.run();
            double secs = (System.nanoTime() - t0) / 1e9;
            double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
            if (sampler != null) {
                sampler.interrupt();
                System.out.println("MIPS per 50 ms:" + timeline);
            }
            watchdog.interrupt();
            board.flushOutput();
            vcpu.close();
            return new Run(exit, new String(out.bytes(), StandardCharsets.ISO_8859_1), board.stop().reason(),
                    vcpu.instructionsRetired(), vcpu.stats(), secs, cpu);
        }
    }
}
