package dev.jvmm.bench.micro;

import dev.jvmm.core.bus.PortBus;
import dev.jvmm.core.bus.PortDevice;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one {@code IN}/{@code OUT} through {@link PortBus}: to a registered device (table lookup,
 * offset, device call) and to a port nobody owns (all-ones read, counted).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class PortBusBench {
    /** COM1's base, where a real board has its UART. */
    static final int DEVICE_BASE = 0x3F8;
    /** A port no PC device claims. */
    static final int UNOWNED_PORT = 0x2E0;

    /** Eight byte registers, like a UART's register file, minus the behaviour. */
    static final class RegisterFile implements PortDevice {
        final byte[] registers = new byte[8];

        @Override
        public int read(int offset, int size) {
            return registers[offset] & 0xFF;
        }

        @Override
        public void write(int offset, int size, int value) {
            registers[offset] = (byte) value;
        }
    }

    PortBus bus;
    int devicePort = DEVICE_BASE + 3;
    int unownedPort = UNOWNED_PORT;
    int value = 0x5A;

    @Setup
    public void setUp() {
        bus = new PortBus();
        bus.register(DEVICE_BASE, 8, new RegisterFile());
    }

    @Benchmark
    public int readRegisteredDevice() {
        return bus.read(devicePort, 1);
    }

    @Benchmark
    public void writeRegisteredDevice() {
        bus.write(devicePort, 1, value);
    }

    @Benchmark
    public int readUnownedPort() {
        return bus.read(unownedPort, 1);
    }

    @Benchmark
    public void writeUnownedPort() {
        bus.write(unownedPort, 1, value);
    }
}
