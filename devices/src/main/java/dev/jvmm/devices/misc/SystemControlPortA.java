package dev.jvmm.devices.misc;

import dev.jvmm.core.engine.StopReason;
import dev.jvmm.core.engine.StopRequest;
import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.devices.ByteRegisterDevice;

/**
 * Port 0x92, "system control port A" (PS/2 and every chipset since): the fast way to the A20 gate and
 * to a CPU reset, without going through the slow 8042.
 * <pre>
 *   bit 0  W  fast reset: a 0-to-1 transition resets the CPU     bit 1  R/W  A20 gate enabled
 *   bits 2-7  stored (security lock, activity LED), no effect
 * </pre>
 * Bit 1 reads the A20 state of {@link GuestMemory}, which the i8042 output port also drives (last writer
 * wins). Not emulated: the password security lock (bit 3), the disk activity LED (bits 6-7).
 */
public final class SystemControlPortA extends ByteRegisterDevice {
    public static final int PORT = 0x92;
    static final int FAST_RESET = 0x01, A20 = 0x02;

    private final GuestMemory memory;
    private final StopRequest stop;
    private int value;

    public SystemControlPortA(GuestMemory memory, StopRequest stop) {
        super(1);
        this.memory = memory;
        this.stop = stop;
    }

    @Override
    public String name() {
        return "port-92";
    }

    @Override
    protected int readByte(int offset) {
        return (value & ~A20) | (memory.a20Enabled() ? A20 : 0);
    }

    @Override
    protected void writeByte(int offset, int newValue) {
        int old = value;
        value = newValue;
        memory.setA20Enabled((newValue & A20) != 0);
        if ((newValue & FAST_RESET) != 0 && (old & FAST_RESET) == 0) stop.request(new StopReason.Reset("port 0x92"));
    }
}
