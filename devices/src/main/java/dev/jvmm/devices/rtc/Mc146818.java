package dev.jvmm.devices.rtc;

import dev.jvmm.core.clock.Clock;
import dev.jvmm.core.clock.TimerQueue;
import dev.jvmm.core.irq.IrqLine;
import dev.jvmm.devices.ByteRegisterDevice;
import java.time.Instant;

/**
 * The Motorola MC146818A real-time clock with its 128 bytes of CMOS RAM, at index port 0x70 and data
 * port 0x71. Port 0x70 bit 7 is the PC's NMI mask (not part of the chip); bits 6-0 select the register.
 *
 * <p>Registers: 0x00-0x09 seconds, seconds alarm, minutes, minutes alarm, hours, hours alarm, day of
 * week (1 = Sunday), day of month, month, year; 0x0a A (UIP, divider DV2-0, rate RS3-0); 0x0b B (SET, PIE,
 * AIE, UIE, SQWE, DM binary, 24/12, DSE); 0x0c C (IRQF, PF, AF, UF, cleared by reading); 0x0d D (VRT,
 * always 1); then NVRAM, of which 0x32 is the century (IBM convention, kept by the clock here) and the
 * rest is laid out by {@link CmosLayout}.
 *
 * <p>Time is {@code start + machine clock}: UTC, advancing once per second of the {@link Clock}, so it
 * is deterministic under a virtual clock. Register values are encoded per B's DM and 24/12 bits at
 * read time. SET stops updates and lets the guest write the fields; clearing it resumes counting from
 * them. Resetting the divider (DV = 11x) stops the clock; restoring DV = 010 makes the first update
 * come 500 ms later (datasheet "Divider control").
 *
 * <p>Interrupts on IRQ8 (the line follows IRQF): periodic at RS's rate, alarm when the new time matches
 * the alarm bytes (a byte with bits 7-6 = 11 matches anything), update-ended after each second. The flag
 * bits in C are kept lazily — computed from the time elapsed since C was last read — so no timer runs
 * unless an interrupt is enabled and not yet pending. UIP is set for the 244 us before each update.
 *
 * <p>Not emulated: daylight-saving (DSE is stored, ignored), the square-wave pin (SQWE), time bases other
 * than 32.768 kHz (DV = 000/001 stop the clock like a reset), register reads being inconsistent during an
 * update (values are always coherent; guests that honour UIP never notice), the extended CMOS bank at
 * 0x72/0x73.
 */
public final class Mc146818 extends ByteRegisterDevice {
    public static final int BASE_PORT = 0x70, PORT_COUNT = 2, IRQ = 8;

    static final int SECONDS = 0x00, SECONDS_ALARM = 0x01, MINUTES = 0x02, MINUTES_ALARM = 0x03, HOURS = 0x04,
            HOURS_ALARM = 0x05, DAY_OF_WEEK = 0x06, DAY_OF_MONTH = 0x07, MONTH = 0x08, YEAR = 0x09,
            REG_A = 0x0a, REG_B = 0x0b, REG_C = 0x0c, REG_D = 0x0d;
    static final int A_UIP = 0x80, A_DIVIDER = 0x70, A_RATE = 0x0f, DIVIDER_32K = 0x20;
    static final int B_SET = 0x80, B_PIE = 0x40, B_AIE = 0x20, B_UIE = 0x10, B_BINARY = 0x04, B_24H = 0x02;
    static final int C_IRQF = 0x80, C_PF = 0x40, C_AF = 0x20, C_UF = 0x10;
    static final int D_VRT = 0x80;

    private static final long SECOND = 1_000_000_000L;
    private static final long UIP_LEAD_NANOS = 244_000;
    private static final long FIRST_UPDATE_AFTER_DIVIDER_RESET = 500_000_000L;
    private static final long DAY = 86_400;

    private final byte[] cmos = new byte[128];
    private final IrqLine irq;
    private final Clock clock;
    private final TimerQueue timers;
    private final TimerQueue.Timer timer;
    private int index;
    private boolean nmiMasked;

    // Time: seconds = baseSeconds + floorDiv(now - phaseNanos, SECOND) while running, else the held fields.
    private long baseSeconds;
    private long phaseNanos;
    private int[] held;
    private long dividerOrigin; // periodic-interrupt boundaries count from here

    // Flags in register C: sticky bits plus whatever happened since windowStart.
    private int stickyFlags;
    private long windowStart;
    private boolean irqLevel;
    private long interrupts;

    /**
     * @param irq      IRQ8
     * @param timers   the machine's timers; its clock is the time base
     * @param start    the wall-clock time at machine clock 0
     * @param ramBytes guest RAM size, for the memory fields of the CMOS
     */
    public Mc146818(IrqLine irq, TimerQueue timers, Instant start, long ramBytes) {
        super(PORT_COUNT);
        this.irq = irq;
        this.timers = timers;
        this.clock = timers.clock();
        this.timer = timers.newTimer(this::timerFired);
        long now = clock.nanos();
        baseSeconds = start.getEpochSecond();
        phaseNanos = now - start.getNano();
        dividerOrigin = now;
        windowStart = now;
        cmos[REG_A] = DIVIDER_32K | 0x06; // 32.768 kHz, 1024 Hz periodic rate: what a PC BIOS leaves
        cmos[REG_B] = B_24H;
        CmosLayout.fill(cmos, ramBytes);
    }

    @Override
    public String name() {
        return "rtc-mc146818";
    }

    /** True if the guest set port 0x70 bit 7 (NMIs masked). */
    public boolean nmiMasked() {
        return nmiMasked;
    }

    /** The current RTC time as seconds since the epoch (UTC), as the guest sees it. */
    public long epochSeconds() {
        return held != null ? RtcCalendar.epochSeconds(held) : runningSeconds(clock.nanos());
    }

    // ---- ports ----

    @Override
    protected int readByte(int offset) {
        if (offset == 0) return 0xff; // the index register is write-only
        return readRegister(index);
    }

    @Override
    protected void writeByte(int offset, int value) {
        if (offset == 0) {
            nmiMasked = (value & 0x80) != 0;
            index = value & 0x7f;
        } else {
            writeRegister(index, value);
        }
    }

    // ---- registers ----

    int readRegister(int reg) {
        long now = clock.nanos();
        int field = timeField(reg);
        if (field >= 0) {
            int[] f = currentFields(now);
            return field == RtcCalendar.HOUR ? RtcCalendar.encodeHour(f[field], binary(), mode24())
                    : RtcCalendar.encode(f[field], binary());
        }
        return switch (reg) {
            case REG_A -> (cmos[REG_A] & 0x7f) | (updateInProgress(now) ? A_UIP : 0);
            case REG_C -> readC(now);
            case REG_D -> D_VRT;
            default -> cmos[reg] & 0xff;
        };
    }

    void writeRegister(int reg, int value) {
        int field = timeField(reg);
        if (field < 0 && reg > REG_D) {
            cmos[reg] = (byte) value; // plain NVRAM: no effect on time or interrupts
            return;
        }
        long now = clock.nanos();
        foldFlags(now);
        if (field >= 0) {
            int[] f = currentFields(now);
            f[field] = field == RtcCalendar.HOUR ? RtcCalendar.decodeHour(value, binary(), mode24())
                    : RtcCalendar.decode(value, binary());
            if (held != null) held = f;
            else setRunningTime(RtcCalendar.epochSeconds(f), now);
        } else if (reg == REG_A) {
            boolean wasRunning = held == null;
            boolean dividerWasOn = dividerRunning();
            cmos[REG_A] = (byte) (value & 0x7f);
            if (dividerWasOn && !dividerRunning()) dividerOrigin = now;
            applyRunState(wasRunning, !dividerWasOn && dividerRunning(), now);
        } else if (reg == REG_B) {
            boolean wasRunning = held == null;
            // Setting SET also clears UIE (datasheet register B, bit 7).
            cmos[REG_B] = (byte) ((value & B_SET) != 0 ? value & ~B_UIE : value);
            applyRunState(wasRunning, false, now);
        } else if (reg != REG_C && reg != REG_D) {
            cmos[reg] = (byte) value;
        }
        updateIrq(now);
        reschedule(now);
    }

    /** Register number to calendar field, or -1. */
    private static int timeField(int reg) {
        return switch (reg) {
            case SECONDS -> RtcCalendar.SEC;
            case MINUTES -> RtcCalendar.MIN;
            case HOURS -> RtcCalendar.HOUR;
            case DAY_OF_WEEK -> RtcCalendar.DOW;
            case DAY_OF_MONTH -> RtcCalendar.DOM;
            case MONTH -> RtcCalendar.MONTH;
            case YEAR -> RtcCalendar.YEAR;
            case CmosLayout.CENTURY -> RtcCalendar.CENTURY;
            default -> -1;
        };
    }

    private boolean binary() {
        return (cmos[REG_B] & B_BINARY) != 0;
    }

    private boolean mode24() {
        return (cmos[REG_B] & B_24H) != 0;
    }

    private boolean dividerRunning() {
        return (cmos[REG_A] & A_DIVIDER) == DIVIDER_32K;
    }

    // ---- time keeping ----

    private long runningSeconds(long now) {
        return baseSeconds + Math.floorDiv(now - phaseNanos, SECOND);
    }

    private int[] currentFields(long now) {
        return held != null ? held.clone() : RtcCalendar.fields(runningSeconds(now));
    }

    private void setRunningTime(long seconds, long now) {
        baseSeconds = seconds - Math.floorDiv(now - phaseNanos, SECOND);
    }

    /** Freezes or resumes updates after A or B changed. */
    private void applyRunState(boolean wasRunning, boolean dividerRestarted, long now) {
        boolean running = dividerRunning() && (cmos[REG_B] & B_SET) == 0;
        if (wasRunning && !running) {
            held = RtcCalendar.fields(runningSeconds(now));
        } else if (!wasRunning && running) {
            long seconds = RtcCalendar.epochSeconds(held);
            held = null;
            if (dividerRestarted) {
                phaseNanos = now + FIRST_UPDATE_AFTER_DIVIDER_RESET - SECOND;
                dividerOrigin = now;
            }
            setRunningTime(seconds, now);
        }
    }

    private boolean updateInProgress(long now) {
        return held == null && Math.floorMod(now - phaseNanos, SECOND) >= SECOND - UIP_LEAD_NANOS;
    }

    // ---- interrupt flags ----

    /** Periodic interrupt period in 32.768 kHz ticks (RS 1 and 2 repeat RS 8 and 9), 0 if off. */
    private int periodTicks() {
        int rs = cmos[REG_A] & A_RATE;
        if (rs == 0 || !dividerRunning()) return 0;
        if (rs <= 2) rs += 7;
        return 1 << (rs - 1);
    }

    private static long ticks32k(long nanos) {
        return Math.floorDiv(nanos, SECOND) * 32768 + Math.floorMod(nanos, SECOND) * 32768 / SECOND;
    }

    private static long nanosAt32k(long tick) {
        return Math.floorDiv(tick, 32768) * SECOND + (Math.floorMod(tick, 32768) * SECOND + 32767) / 32768;
    }

    /** Flags raised by events in (from, to] under the current configuration. */
    private int flagsBetween(long from, long to) {
        int flags = 0;
        int period = periodTicks();
        if (period != 0 && Math.floorDiv(ticks32k(to - dividerOrigin), period)
                > Math.floorDiv(ticks32k(from - dividerOrigin), period)) {
            flags |= C_PF;
        }
        if (held == null) {
            long first = Math.floorDiv(from - phaseNanos, SECOND) + 1;
            long last = Math.floorDiv(to - phaseNanos, SECOND);
            if (last >= first) {
                flags |= C_UF;
                if (alarmMatchIndex(baseSeconds + first, Math.min(last - first + 1, DAY)) >= 0) flags |= C_AF;
            }
        }
        return flags;
    }

    /** Index i in [0, count) of the first second {@code start + i} matching the alarm, or -1. */
    private long alarmMatchIndex(long start, long count) {
        boolean bin = binary(), h24 = mode24();
        int aSec = cmos[SECONDS_ALARM] & 0xff, aMin = cmos[MINUTES_ALARM] & 0xff, aHour = cmos[HOURS_ALARM] & 0xff;
        int sec = (aSec & 0xc0) == 0xc0 ? -1 : RtcCalendar.decode(aSec, bin);
        int min = (aMin & 0xc0) == 0xc0 ? -1 : RtcCalendar.decode(aMin, bin);
        int hour = (aHour & 0xc0) == 0xc0 ? -1 : RtcCalendar.decodeHour(aHour, bin, h24);
        for (long i = 0; i < count; i++) {
            long ofDay = Math.floorMod(start + i, DAY);
            if ((sec < 0 || sec == ofDay % 60) && (min < 0 || min == ofDay / 60 % 60)
                    && (hour < 0 || hour == ofDay / 3600)) {
                return i;
            }
        }
        return -1;
    }

    private int flags(long now) {
        return stickyFlags | flagsBetween(windowStart, now);
    }

    /** Before a configuration change: keep what already happened, start a new window. */
    private void foldFlags(long now) {
        stickyFlags = flags(now);
        windowStart = now;
    }

    private int readC(long now) {
        int flags = flags(now);
        boolean irqf = (flags & cmos[REG_B] & (B_PIE | B_AIE | B_UIE)) != 0;
        stickyFlags = 0;
        windowStart = now;
        updateIrq(now);
        reschedule(now);
        return flags | (irqf ? C_IRQF : 0);
    }

    private void updateIrq(long now) {
        // PIE, AIE and UIE sit at the same bit positions as PF, AF and UF.
        boolean level = (flags(now) & cmos[REG_B] & (B_PIE | B_AIE | B_UIE)) != 0;
        if (level != irqLevel) {
            irqLevel = level;
            if (level) interrupts++;
            irq.set(level);
        }
    }

    /** How many times IRQ8 was raised. */
    public long interruptCount() {
        return interrupts;
    }

    /** Arms the timer for the next enabled event, only while IRQ8 is not already asserted. */
    private void reschedule(long now) {
        long next = Long.MAX_VALUE;
        int enables = cmos[REG_B];
        if (!irqLevel) {
            int period = periodTicks();
            if ((enables & B_PIE) != 0 && period != 0) {
                long tick = (Math.floorDiv(ticks32k(now - dividerOrigin), period) + 1) * period;
                next = Math.min(next, dividerOrigin + nanosAt32k(tick));
            }
            if (held == null) {
                long nextUpdate = Math.floorDiv(now - phaseNanos, SECOND) + 1;
                if ((enables & B_UIE) != 0) next = Math.min(next, phaseNanos + nextUpdate * SECOND);
                if ((enables & B_AIE) != 0) {
                    long i = alarmMatchIndex(baseSeconds + nextUpdate, DAY);
                    if (i >= 0) next = Math.min(next, phaseNanos + (nextUpdate + i) * SECOND);
                }
            }
        }
        if (next == Long.MAX_VALUE) timers.cancel(timer);
        else timers.schedule(timer, next);
    }

    private void timerFired() {
        long now = clock.nanos();
        updateIrq(now);
        reschedule(now);
    }

    /** True while the RTC drives IRQ8. */
    public boolean irqAsserted() {
        return irqLevel;
    }

    /**
     * A CMOS byte as the guest would read it, for boot code and tests; unlike a guest read, peeking at
     * register C does not clear it.
     */
    public int cmosByte(int reg) {
        reg &= 0x7f;
        return reg == REG_C ? flags(clock.nanos()) : readRegister(reg);
    }
}
