package dev.jvmm.devices.pci;

/**
 * One PCI function's 256-byte configuration space as the host bridge sees it. {@code offset} is
 * naturally aligned for {@code size} (1, 2 or 4), inside 0..255; values are little-endian. Like port
 * devices, a function never throws for a guest access.
 */
public interface PciFunction {
    int readConfig(int offset, int size);

    void writeConfig(int offset, int size, int value);
}
