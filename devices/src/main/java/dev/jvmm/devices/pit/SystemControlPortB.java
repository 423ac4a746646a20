package dev.jvmm.devices.pit;

import dev.jvmm.core.clock.Clock;
import dev.jvmm.devices.ByteRegisterDevice;

/**
 * Port 0x61, "system control port B" of the AT/PIIX: the glue between the 8254's channel 2 and the
 * speaker, plus two status bits guests use for delays.
 * <pre>
 *   bit 0  R/W  channel 2 gate           bit 4  R  refresh request: toggles every 15.085 us
 *   bit 1  R/W  speaker data enable      bit 5  R  channel 2 OUT
 *   bit 2  R/W  parity check disable     bit 6  R  IOCHK NMI source (0)
 *   bit 3  R/W  IOCHK disable            bit 7  R  parity error NMI source (0)
 * </pre>
 * BIOSes and Linux calibrate their TSC loops by counting channel 2 down with the gate set and polling
 * bit 5; old DOS code times delays on bit 4.
 *
 * <p>Not emulated: sound (bit 1 and channel 2 OUT only set {@link #speakerOn()}), NMI sources.
 */
public final class SystemControlPortB extends ByteRegisterDevice {
    public static final int PORT = 0x61;
    /** Period of the DRAM refresh request (the output of the old channel 1 at count 18). */
    static final long REFRESH_HALF_PERIOD_NANOS = 15_085;

    private final Pit8254 pit;
    private final Clock clock;
    private int control; // bits 0-3

    public SystemControlPortB(Pit8254 pit, Clock clock) {
        super(1);
        this.pit = pit;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "port-61";
    }

    @Override
    protected int readByte(int offset) {
        boolean refresh = (clock.nanos() / REFRESH_HALF_PERIOD_NANOS & 1) != 0;
        return control | (refresh ? 0x10 : 0) | (pit.out(2) ? 0x20 : 0);
    }

    @Override
    protected void writeByte(int offset, int value) {
        control = value & 0x0F;
        pit.setChannel2Gate((value & 1) != 0);
    }

    /** True while the speaker would sound (gate and data enable set). */
    public boolean speakerOn() {
        return (control & 3) == 3;
    }
}
