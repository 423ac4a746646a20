package dev.jvmm.devices.apic;

import dev.jvmm.core.bus.MmioDevice;
import dev.jvmm.core.engine.CurrentVcpu;

/**
 * The xAPIC register page at 0xFEE00000 (4 KiB). Registers are 32 bits wide at 16-byte aligned
 * offsets; narrower reads see part of a register, 8-byte reads a register and the reserved word above
 * it, and writes other than an aligned 32-bit (or 64-bit, low half) store are dropped, the SDM leaving
 * them undefined. While the APIC is globally disabled or in x2APIC mode the page is not decoded: reads
 * are all ones, writes vanish, as on an unclaimed bus cycle.
 *
 * <p>Each vCPU sees its own local APIC here: an access goes to the APIC of the vCPU the accessing thread
 * runs ({@link CurrentVcpu}).
 */
public final class XapicWindow implements MmioDevice {
    public static final long SIZE = 0x1000;
    private final ApicBus bus;

    public XapicWindow(ApicBus bus) {
        this.bus = bus;
    }

    private LocalApic apic() {
        return bus.apic(CurrentVcpu.index());
    }

    @Override
    public long read(long offset, int size) {
        LocalApic apic = apic();
        if (!apic.xapicMode()) return size == 8 ? -1L : (1L << (size * 8)) - 1;
        int aligned = (int) (offset & ~3L);
        long word = apic.readRegister(aligned) & 0xFFFF_FFFFL;
        if (size == 8) return word; // the upper half is a reserved word (offsets 4-15 of a slot read 0)
        int shift = (int) (offset & 3) * 8;
        long mask = size == 4 ? 0xFFFF_FFFFL : (1L << (size * 8)) - 1;
        return (word >>> shift) & mask;
    }

    @Override
    public void write(long offset, int size, long value) {
        LocalApic apic = apic();
        if (!apic.xapicMode() || (offset & 3) != 0 || size < 4) return;
        apic.writeRegister((int) offset, (int) value);
    }

    @Override
    public String name() {
        return "local-apic";
    }
}
