package dev.jvmm.kvm;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jvmm.core.bus.PortBus;
import dev.jvmm.core.bus.PortDevice;
import dev.jvmm.core.clock.Clock;
import dev.jvmm.core.clock.HostClock;
import dev.jvmm.core.clock.TimerQueue;
import dev.jvmm.core.engine.Platform;
import dev.jvmm.core.engine.StopReason;
import dev.jvmm.core.engine.StopRequest;
import dev.jvmm.core.irq.InterruptController;
import dev.jvmm.core.memory.GuestMemory;
import java.io.ByteArrayOutputStream;

/**
 * A minimal machine for KVM tests: 2 MiB of RAM, a capturing "serial" port at 0x3f8 (THR and an
 * always-ready LSR, enough for a polling 16550 driver) and an
 * isa-debug-exit-like port at 0xf4 that asks the platform to stop.
 */
final class KvmTestMachine implements AutoCloseable {
    static final int SERIAL = 0x3F8, DEBUG_EXIT = 0xF4;

    final GuestMemory memory;
    final PortBus ports = new PortBus();
    final ByteArrayOutputStream serial = new ByteArrayOutputStream();
    final Platform platform;
    final KvmVcpu vcpu;

    KvmTestMachine(InterruptController interrupts, Clock clock) {
        this(GuestMemory.create(2 << 20), interrupts, clock);
    }

    KvmTestMachine(GuestMemory memory, InterruptController interrupts, Clock clock) {
        this.memory = memory;
        StopRequest stop = new StopRequest();
        ports.register(SERIAL, 8, new PortDevice() { // just enough of a 16550 for a polling driver
            private int lineControl;
            @Override public int read(int offset, int size) {
                return offset == 5 ? 0x60 : offset == 3 ? lineControl : 0; // LSR: THRE | TEMT
            }
            @Override public void write(int offset, int size, int value) {
                if (offset == 3) lineControl = value & 0xFF;
                if (offset == 0 && (lineControl & 0x80) == 0) serial.write(value); // DLAB=0: THR
            }
        });
        ports.register(DEBUG_EXIT, 1, new PortDevice() {
            @Override public int read(int offset, int size) { return 0xFF; }
            @Override public void write(int offset, int size, int value) {
                stop.request(new StopReason.DebugExit(value));
            }
        });
        platform = new Platform(memory, ports, interrupts, new TimerQueue(clock), stop);
        vcpu = KvmVcpu.create(platform);
    }

    KvmTestMachine() {
        this(InterruptController.NONE, new HostClock());
    }

    /** Skips the calling test, printing why, when /dev/kvm cannot be used here. */
    static void assumeKvm() {
        String reason = new KvmEngine().unavailableReason();
        if (reason != null) System.out.println("skipping KVM test: " + reason);
        assumeTrue(reason == null, () -> "KVM unavailable: " + reason);
    }

    void load(long address, int... bytes) {
        for (int i = 0; i < bytes.length; i++) memory.write8(address + i, bytes[i]);
    }

    String serialText() {
        return serial.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        vcpu.close();
        memory.close();
    }
}
