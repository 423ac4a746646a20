package dev.jvmm.devices.ioapic;

import dev.jvmm.core.bus.MmioDevice;
import dev.jvmm.core.irq.IrqLine;
import dev.jvmm.devices.apic.ApicBus;

/**
 * The I/O APIC (Intel 82093AA datasheet, with the version-0x20 EOI register of the ICH south
 * bridges that QEMU models too): 24 input pins, each with a 64-bit redirection entry that turns an
 * interrupt on the pin into a message to local APICs over the {@link ApicBus}.
 *
 * <p>Registers, reached indirectly: the guest writes an index to IOREGSEL (offset 0x00) and reads or
 * writes it through IOWIN (offset 0x10). Index 0 is the ID (bits 27:24 writable), 1 the version (0x20,
 * maximum redirection entry 23 in bits 23:16, read-only), 2 the arbitration ID (the ID, read-only),
 * 0x10 + 2n and 0x11 + 2n the low and high words of entry n; other indexes read 0 and ignore writes.
 * Offset 0x40 is the EOI register: writing a vector acts as a local APIC's level EOI broadcast.
 *
 * <p>Entry bits: vector 7:0, delivery mode 10:8, destination mode 11, delivery status 12 (read-only,
 * always idle: messages are sent at once), polarity 13, Remote IRR 14 (read-only), trigger mode 15,
 * mask 16, destination 63:56. An edge-triggered pin sends one message per rising edge while unmasked
 * (edges on a masked pin are dropped, as the datasheet says). A level-triggered pin sends while its
 * input is asserted and unmasked and Remote IRR is clear, then sets Remote IRR; an EOI for the vector
 * clears it and, if the input is still asserted, the pin sends again. Unmasking a level pin whose input
 * is asserted sends at once.
 *
 * <p>Not emulated: the polarity bit is stored but inputs are taken as active-high (jvmm's wires say
 * "asserted", not a voltage; QEMU does the same); ExtINT and SMI entries send nothing.
 * Runs on the vCPU thread.
 */
public final class Ioapic implements MmioDevice {
    public static final long DEFAULT_BASE = 0xFEC0_0000L;
    public static final long SIZE = 0x1000;
    public static final int PINS = 24;
    static final int VERSION = 0x20 | ((PINS - 1) << 16);
    static final int IOREGSEL = 0x00, IOWIN = 0x10, EOI = 0x40;
    static final long MASKED = 1L << 16, LEVEL = 1L << 15, REMOTE_IRR = 1L << 14, DELIVERY_STATUS = 1L << 12;
    /** The bits of an entry the guest may write. */
    static final long WRITABLE = 0xFF00_0000_0000_0000L | MASKED | LEVEL | (1L << 13) | 0xFFF;
    private static final int DM_EXTINT = 7, DM_SMI = 2;

    private final ApicBus bus;
    private final long[] entries = new long[PINS];
    private final boolean[] asserted = new boolean[PINS];
    private final IrqLine[] pins = new IrqLine[PINS];
    private int select;
    private int id;
    private long messages;

    public Ioapic(ApicBus bus) {
        this.bus = bus;
        for (int n = 0; n < PINS; n++) {
            entries[n] = MASKED;
            int pin = n;
            pins[n] = level -> setInput(pin, level);
        }
        bus.setEoiListener(this::eoi);
    }

    /** The wire into pin {@code n}. */
    public IrqLine pin(int n) {
        if (n < 0 || n >= PINS) throw new IllegalArgumentException("IOAPIC pin must be 0-" + (PINS - 1) + ": " + n);
        return pins[n];
    }

    /** Messages sent so far (for statistics). */
    public long messagesSent() {
        return messages;
    }

    /** Redirection entry {@code n} as the guest would read it (tests, traces). */
    public long entry(int n) {
        return entries[n];
    }

    private void setInput(int pin, boolean level) {
        boolean rising = level && !asserted[pin];
        asserted[pin] = level;
        long e = entries[pin];
        if ((e & MASKED) != 0) return;
        if ((e & LEVEL) != 0) {
            if (level) service(pin);
        } else if (rising) {
            send(pin);
        }
    }

    /** A level pin: sends if its input is asserted, it is unmasked and no earlier message awaits its EOI. */
    private void service(int pin) {
        long e = entries[pin];
        if (!asserted[pin] || (e & MASKED) != 0 || (e & LEVEL) == 0 || (e & REMOTE_IRR) != 0) return;
        entries[pin] = e | REMOTE_IRR;
        send(pin);
    }

    private void send(int pin) {
        long e = entries[pin];
        int mode = (int) (e >>> 8) & 7;
        if (mode == DM_EXTINT || mode == DM_SMI) return;
        messages++;
        bus.deliver((int) (e >>> 56), (e & (1L << 11)) != 0, mode, (int) e & 0xFF, (e & LEVEL) != 0);
    }

    /** A level-triggered EOI for {@code vector}: clears Remote IRR of matching entries, re-sending while asserted. */
    void eoi(int vector) {
        for (int pin = 0; pin < PINS; pin++) {
            long e = entries[pin];
            if ((e & 0xFF) == vector && (e & REMOTE_IRR) != 0) {
                entries[pin] = e & ~REMOTE_IRR;
                service(pin);
            }
        }
    }

    // ---- registers ----

    @Override
    public long read(long offset, int size) {
        long v = switch ((int) offset & ~3) {
            case IOREGSEL -> select;
            case IOWIN -> readRegister(select);
            default -> 0;
        };
        int shift = (int) (offset & 3) * 8;
        return size >= 4 ? v & 0xFFFF_FFFFL : (v >>> shift) & ((1L << (size * 8)) - 1);
    }

    @Override
    public void write(long offset, int size, long value) {
        switch ((int) offset) {
            case IOREGSEL -> select = (int) value & 0xFF;
            case IOWIN -> {
                if (size >= 4) writeRegister(select, (int) value);
            }
            case EOI -> eoi((int) value & 0xFF);
            default -> {}
        }
    }

    int readRegister(int index) {
        if (index == 0) return id << 24;
        if (index == 1) return VERSION;
        if (index == 2) return id << 24;
        if (index >= 0x10 && index < 0x10 + 2 * PINS) {
            long e = entries[(index - 0x10) >> 1];
            return (int) ((index & 1) == 0 ? e : e >>> 32);
        }
        return 0;
    }

    void writeRegister(int index, int value) {
        if (index == 0) {
            id = (value >>> 24) & 0xF;
            return;
        }
        if (index < 0x10 || index >= 0x10 + 2 * PINS) return; // version, arbitration, reserved: read-only
        int pin = (index - 0x10) >> 1;
        long old = entries[pin];
        long v = (index & 1) == 0
                ? (old & 0xFFFF_FFFF_0000_0000L) | (value & 0xFFFF_FFFFL)
                : (old & 0xFFFF_FFFFL) | ((long) value << 32);
        long entry = (v & WRITABLE) | (old & REMOTE_IRR);
        if ((entry & LEVEL) == 0) entry &= ~REMOTE_IRR; // an edge entry has no Remote IRR
        entries[pin] = entry;
        if ((entry & LEVEL) != 0) service(pin); // unmasked with the input asserted: send now
    }

    @Override
    public String name() {
        return "ioapic";
    }
}
