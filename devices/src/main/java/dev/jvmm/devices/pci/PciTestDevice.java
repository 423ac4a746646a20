package dev.jvmm.devices.pci;

/**
 * QEMU's {@code pci-testdev} (Red Hat 1b36:0005, class 00:ff:00) as far as jvmm models it: the function
 * answers configuration cycles with its IDs, so a guest that scans the bus finds it. Not emulated: its
 * two BARs (the memory and I/O test registers QEMU uses for ioeventfd tests): they read 0 and cannot be
 * sized, so a guest sees a function without resources (kvm-unit-tests' vmexit then skips those cases).
 */
public final class PciTestDevice extends PciConfigSpace {
    public static final int VENDOR_REDHAT = 0x1b36, DEVICE_TEST = 0x0005, CLASS_OTHER = 0x00ff00;
    /** Where jvmm puts it: bus 0, device 3 (QEMU assigns the first free slot; 1 and 2 are taken there). */
    public static final int SLOT = 3;

    public PciTestDevice() {
        super(VENDOR_REDHAT, DEVICE_TEST, 0x00, CLASS_OTHER);
        writable(COMMAND, 1, 0x07);
    }
}
