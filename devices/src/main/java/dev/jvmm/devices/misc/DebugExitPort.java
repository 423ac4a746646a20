package dev.jvmm.devices.misc;

import dev.jvmm.core.bus.PortDevice;
import dev.jvmm.core.engine.StopReason;
import dev.jvmm.core.engine.StopRequest;

/**
 * QEMU's {@code isa-debug-exit} as configured by {@code -device isa-debug-exit,iobase=0xf4,iosize=4}:
 * a guest writes a value V to any of its ports and the machine stops with
 * {@link StopReason.DebugExit}(V); the process exit status is then {@code (V << 1) | 1}, so even a
 * "success" value is distinguishable from a normal exit. Test guests end this way.
 *
 * <p>The value is the written value of the access's width (an {@code outb} of 0x31 gives V = 0x31,
 * an {@code outl} gives all 32 bits). Reads return 0 (QEMU's device has nothing to read).
 * Not emulated: nothing else; the first stop reason wins ({@link StopRequest}).
 */
public final class DebugExitPort implements PortDevice {
    public static final int DEFAULT_PORT = 0xf4;
    public static final int PORT_COUNT = 4;

    private final StopRequest stop;

    public DebugExitPort(StopRequest stop) {
        this.stop = stop;
    }

    @Override
    public int read(int offset, int size) {
        return 0;
    }

    @Override
    public void write(int offset, int size, int value) {
        stop.request(new StopReason.DebugExit(value));
    }

    @Override
    public String name() {
        return "isa-debug-exit";
    }
}
