package dev.jvmm.devices.pit;

import dev.jvmm.core.clock.Clock;
import dev.jvmm.core.clock.TimerQueue;
import dev.jvmm.core.irq.IrqLine;
import dev.jvmm.devices.ByteRegisterDevice;

/**
 * The Intel 8254 programmable interval timer at 0x40-0x43: three 16-bit counters clocked at
 * 1.193182 MHz. On a PC channel 0 drives IRQ0 (the system tick), channel 1 once refreshed DRAM, and
 * channel 2 feeds the speaker and is gated by port 0x61 bit 0 (see {@link SystemControlPortB}).
 *
 * <p>Ports: 0x40-0x42 counters 0-2 (count writes and reads in the access mode of their control word),
 * 0x43 control word: bits 7-6 select the counter (11 = read-back command), 5-4 access (00 = counter latch
 * command, 01 low byte, 10 high byte, 11 low then high), 3-1 mode, 0 BCD.
 *
 * <p>No per-tick work: counts and OUT levels are computed from the {@link Clock} (see
 * {@link PitChannel}), and channel 0 arms one {@link TimerQueue} timer at the next rising edge of its OUT,
 * which pulses IRQ0. Under a {@code VirtualClock} every tick lands after the same guest instruction.
 * If the host falls behind by several periods, the missed edges are merged into one interrupt (as a
 * real PIC would merge them in IRR).
 *
 * <p>Not emulated: the one-clock delay between writing a count and its load into the counting element
 * (counting starts at the write), reading the control register (reads 0xFF; the 8254 leaves the bus
 * floating there).
 */
public final class Pit8254 extends ByteRegisterDevice {
    public static final int BASE_PORT = 0x40, PORT_COUNT = 4, IRQ = 0;

    private final PitChannel[] channels = {new PitChannel(true), new PitChannel(true), new PitChannel(false)};
    private final Clock clock;
    private final TimerQueue timers;
    private final IrqLine irq0;
    private final TimerQueue.Timer tick;
    private long interrupts;

    public Pit8254(IrqLine irq0, TimerQueue timers) {
        super(PORT_COUNT);
        this.irq0 = irq0;
        this.timers = timers;
        this.clock = timers.clock();
        this.tick = timers.newTimer(this::channel0Edge);
    }

    @Override
    public String name() {
        return "pit-8254";
    }

    private long now() {
        return PitTime.ticks(clock.nanos());
    }

    @Override
    protected int readByte(int offset) {
        if (offset == 3) return 0xFF;
        return channels[offset].readData(now());
    }

    @Override
    protected void writeByte(int offset, int value) {
        long now = now();
        if (offset < 3) {
            channels[offset].writeData(value, now);
        } else {
            writeControl(value, now);
        }
        if (offset == 0 || offset == 3) rescheduleChannel0(now);
    }

    private void writeControl(int value, long now) {
        int select = value >>> 6;
        if (select == 3) {
            // Read-back: bit 5 low = latch counts, bit 4 low = latch status, bits 3-1 pick channels 2-0.
            for (int c = 0; c < 3; c++) {
                if ((value & (2 << c)) == 0) continue;
                if ((value & 0x20) == 0) channels[c].latchCount(now);
                if ((value & 0x10) == 0) channels[c].latchStatus(now);
            }
            return;
        }
        int rw = (value >>> 4) & 3;
        if (rw == PitChannel.LATCH) {
            channels[select].latchCount(now);
        } else {
            channels[select].program(rw, (value >>> 1) & 7, (value & 1) != 0, now);
        }
    }

    private void rescheduleChannel0(long now) {
        long edge = channels[0].nextRisingEdge(now);
        if (edge < 0) timers.cancel(tick);
        else timers.schedule(tick, PitTime.nanosAt(edge));
    }

    private void channel0Edge() {
        interrupts++;
        irq0.pulse();
        rescheduleChannel0(now());
    }

    /** Channel 2's gate (port 0x61 bit 0). */
    void setChannel2Gate(boolean level) {
        channels[2].setGate(level, now());
    }

    boolean channel2Gate() {
        return channels[2].gate();
    }

    /** OUT of {@code channel} now (channel 2's is visible in port 0x61 bit 5). */
    public boolean out(int channel) {
        return channels[channel].out(now());
    }

    /** The current counter value of {@code channel} in binary, without disturbing latches. */
    public int count(int channel) {
        return channels[channel].count(now());
    }

    /** Number of IRQ0 pulses sent. */
    public long interruptCount() {
        return interrupts;
    }
}
