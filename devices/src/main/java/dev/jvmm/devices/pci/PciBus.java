package dev.jvmm.devices.pci;

/**
 * Bus 0's 32 device slots with up to 8 functions each: where PCI devices are plugged in. Later
 * devices (virtio, a VGA) register their {@link PciFunction} here and their interrupt pins go to PIC
 * lines (an IOAPIC, later) chosen by the board.
 */
public final class PciBus {
    private final PciFunction[] functions = new PciFunction[32 * 8];

    /** Plugs {@code function} in at {@code device}.{@code fn}; the slot must be free. */
    public synchronized void attach(int device, int fn, PciFunction function) {
        if (device < 0 || device > 31 || fn < 0 || fn > 7) {
            throw new IllegalArgumentException("PCI slot " + device + "." + fn + " is outside 0-31.0-7");
        }
        if (functions[device * 8 + fn] != null) {
            throw new IllegalArgumentException("PCI slot 00:" + device + "." + fn + " is taken");
        }
        functions[device * 8 + fn] = function;
    }

    /** The function at bus/device/function, or null if nothing answers there (only bus 0 exists). */
    public PciFunction find(int bus, int device, int fn) {
        if (bus != 0) return null;
        return functions[(device & 31) * 8 + (fn & 7)];
    }
}
