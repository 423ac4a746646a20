package dev.jvmm.devices.acpi;

import dev.jvmm.core.bus.PortDevice;
import dev.jvmm.core.clock.Clock;
import dev.jvmm.core.engine.StopReason;
import dev.jvmm.core.engine.StopRequest;

/**
 * The ACPI fixed hardware the FADT describes (ACPI 6.5 section 4.8), at ports 0x600-0x60B as in QEMU's
 * PIIX4 PM: the PM1a event block (PM1_STS at +0, PM1_EN at +2), the PM1a control block (PM1_CNT at
 * +4) and the PM timer (PM_TMR at +8).
 *
 * <ul>
 *   <li>PM1_STS reads 0: no event here sets a status bit, so the SCI (IRQ {@value #SCI_IRQ}) never
 *       fires; PM1_EN is plain storage of the enable bits that exist.</li>
 *   <li>PM1_CNT: SCI_EN (bit 0) reads 1 — the FADT has no SMI command port, so the machine is always in
 *       ACPI mode; SLP_TYP in bits 12:10; writing SLP_EN (bit 13, reads 0) with SLP_TYP =
 *       {@value #S5_SLEEP_TYPE}, the value of the DSDT's {@code \_S5} package, powers the machine off
 *       ({@link StopReason.PowerOff}). Other sleep types are not offered and a request for one is
 *       counted and ignored.</li>
 *   <li>PM_TMR: a free-running 32-bit counter (the FADT sets TMR_VAL_EXT) at 3.579545 MHz of the
 *       machine {@link Clock}, so {@code --clock virtual} stays reproducible.</li>
 * </ul>
 * Not emulated: TMR_STS (the timer's bit-31 carry) and its interrupt, the power and sleep buttons
 * (the FADT declares neither as fixed hardware), wake events, general-purpose events (no GPE block).
 */
public final class AcpiPmBlock implements PortDevice {
    public static final int BASE_PORT = 0x600;
    public static final int PORT_COUNT = 12;
    public static final int PM1_EVT_OFFSET = 0, PM1_EVT_LENGTH = 4;
    public static final int PM1_CNT_OFFSET = 4, PM1_CNT_LENGTH = 2;
    public static final int PM_TMR_OFFSET = 8, PM_TMR_LENGTH = 4;
    /** The PM timer's rate (ACPI 6.5 section 4.8.3.3). */
    public static final long PM_TIMER_HZ = 3_579_545;
    /** SLP_TYP for S5 (soft off), as the DSDT's {@code \_S5} package says. */
    public static final int S5_SLEEP_TYPE = 5;
    /** The SCI's ISA IRQ (FADT SCI_INT), level-triggered active-high by the MADT's override. */
    public static final int SCI_IRQ = 9;

    static final int SCI_EN = 1, SLP_EN = 1 << 13, SLP_TYP_SHIFT = 10, SLP_TYP_MASK = 7 << SLP_TYP_SHIFT;
    /** PM1_EN bits (ACPI 6.5 table 4.14): TMR 0, GBL 5, PWRBTN 8, SLPBTN 9, RTC 10. */
    static final int PM1_EN_BITS = 0x0721;

    private final Clock clock;
    private final StopRequest stop;
    private int enable;
    private int control = SCI_EN;
    private long ignoredSleepRequests;

    public AcpiPmBlock(Clock clock, StopRequest stop) {
        this.clock = clock;
        this.stop = stop;
    }

    @Override
    public int read(int offset, int size) {
        int value = 0;
        for (int i = size - 1; i >= 0; i--) value = (value << 8) | readByte(offset + i);
        return value;
    }

    private int readByte(int offset) {
        return switch (offset) {
            case 0, 1 -> 0; // PM1_STS
            case 2, 3 -> enable >>> (8 * (offset - 2)) & 0xFF;
            case 4, 5 -> (control & ~SLP_EN) >>> (8 * (offset - 4)) & 0xFF;
            case 8, 9, 10, 11 -> (int) (timerTicks() >>> (8 * (offset - 8))) & 0xFF;
            default -> 0; // 6-7: reserved
        };
    }

    @Override
    public void write(int offset, int size, int value) {
        boolean controlWritten = false;
        for (int i = 0; i < size; i++) {
            int at = offset + i;
            int b = (value >>> (8 * i)) & 0xFF;
            switch (at) {
                case 2, 3 -> {
                    int shift = 8 * (at - 2);
                    enable = (enable & ~(0xFF << shift)) | ((b << shift) & PM1_EN_BITS);
                }
                case 4, 5 -> {
                    int shift = 8 * (at - 4);
                    control = (control & ~(0xFF << shift)) | (b << shift);
                    controlWritten = true;
                }
                default -> {} // PM1_STS (write-1-to-clear, nothing set), reserved, the read-only timer
            }
        }
        if (controlWritten) controlWritten();
    }

    private void controlWritten() {
        control |= SCI_EN;
        if ((control & SLP_EN) == 0) return;
        control &= ~SLP_EN;
        int type = (control & SLP_TYP_MASK) >>> SLP_TYP_SHIFT;
        if (type == S5_SLEEP_TYPE) stop.request(new StopReason.PowerOff("ACPI S5"));
        else ignoredSleepRequests++;
    }

    /** The PM timer's count: {@link #PM_TIMER_HZ} ticks per second of machine time, 32 bits. */
    long timerTicks() {
        long nanos = clock.nanos();
        long seconds = nanos / 1_000_000_000L;
        long rest = nanos % 1_000_000_000L;
        return (seconds * PM_TIMER_HZ + rest * PM_TIMER_HZ / 1_000_000_000L) & 0xFFFF_FFFFL;
    }

    /** Sleep requests for a state other than S5 (not offered, ignored). */
    public long ignoredSleepRequests() {
        return ignoredSleepRequests;
    }

    @Override
    public String name() {
        return "acpi-pm";
    }
}
