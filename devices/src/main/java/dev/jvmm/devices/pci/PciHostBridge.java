package dev.jvmm.devices.pci;

/**
 * The host bridge at 00:00.0, identifying itself as QEMU's default: an Intel 82441FX PMC (the "440FX"
 * north bridge, 8086:1237, class 06:00:00). Guests read it to decide that PCI configuration mechanism #1
 * works and that bus 0 exists.
 *
 * <p>Writable: the command register's memory/I/O/bus-master bits, cache line size, latency timer, the
 * PAM registers 0x59-0x5f and SMRAM 0x72. Not emulated: what those registers do (shadow RAM for the BIOS
 * areas, SMRAM) — the values are stored and read back, the memory map does not change; the 440FX's
 * DRAM row registers (0x60-0x67 read 0).
 */
public final class PciHostBridge extends PciConfigSpace {
    public static final int VENDOR_INTEL = 0x8086, DEVICE_82441FX = 0x1237, CLASS_HOST_BRIDGE = 0x060000;
    static final int PAM0 = 0x59, SMRAM = 0x72;

    public PciHostBridge() {
        super(VENDOR_INTEL, DEVICE_82441FX, 0x02, CLASS_HOST_BRIDGE);
        set16(COMMAND, 0x0006); // memory space + bus master, as after firmware
        set16(STATUS, 0x0280);  // fast back-to-back capable, medium DEVSEL timing
        writable(COMMAND, 1, 0x07);
        writable(PAM0, 7, 0x33);
        set8(SMRAM, 0x02);
        writable(SMRAM, 1, 0x78);
    }
}
