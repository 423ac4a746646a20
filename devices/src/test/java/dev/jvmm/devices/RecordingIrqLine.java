package dev.jvmm.devices;

import dev.jvmm.core.irq.IrqLine;

/** A test IRQ line that remembers its level and counts rising edges. */
public final class RecordingIrqLine implements IrqLine {
    private boolean level;
    private int risingEdges;

    @Override
    public void set(boolean newLevel) {
        if (newLevel && !level) risingEdges++;
        level = newLevel;
    }

    public boolean level() {
        return level;
    }

    public int risingEdges() {
        return risingEdges;
    }
}
