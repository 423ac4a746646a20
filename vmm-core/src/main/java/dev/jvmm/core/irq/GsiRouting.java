package dev.jvmm.core.irq;

import java.util.ArrayList;
import java.util.List;

/**
 * The global system interrupt (GSI) table: GSI {@code n} is one wire that fans out to every
 * controller input connected to it. On a PC, GSI 0-15 are the ISA IRQs and reach both the 8259A pair
 * (input n) and the IOAPIC (pin n, except that ISA IRQ0 lands on pin 2: the MADT's interrupt source
 * override); GSI 16-23 reach the IOAPIC only. Devices get {@link #line(int)} and never learn who listens.
 *
 * <p>Built once when the board is made (connect, then hand out lines); driving a line runs on the
 * vCPU thread like every device access.
 */
public final class GsiRouting {
    private final List<List<IrqLine>> sinks = new ArrayList<>();
    private final IrqLine[] lines;
    private final boolean[] levels;

    public GsiRouting(int count) {
        if (count <= 0) throw new IllegalArgumentException("GSI count must be positive: " + count);
        lines = new IrqLine[count];
        levels = new boolean[count];
        for (int n = 0; n < count; n++) {
            sinks.add(new ArrayList<>());
            int gsi = n;
            lines[n] = level -> drive(gsi, level);
        }
    }

    public int count() {
        return lines.length;
    }

    /** Adds {@code sink} as one more controller input on GSI {@code gsi}; it sees the current level. */
    public void connect(int gsi, IrqLine sink) {
        check(gsi);
        sinks.get(gsi).add(sink);
        if (levels[gsi]) sink.set(true);
    }

    /** The wire a device drives for GSI {@code gsi}. */
    public IrqLine line(int gsi) {
        check(gsi);
        return lines[gsi];
    }

    /** The level last driven on {@code gsi} (for traces and tests). */
    public boolean level(int gsi) {
        check(gsi);
        return levels[gsi];
    }

    private void drive(int gsi, boolean level) {
        levels[gsi] = level;
        for (IrqLine sink : sinks.get(gsi)) sink.set(level);
    }

    private void check(int gsi) {
        if (gsi < 0 || gsi >= lines.length) {
            throw new IllegalArgumentException("GSI must be 0-" + (lines.length - 1) + ": " + gsi);
        }
    }
}
