package dev.jvmm.devices.pci;

/**
 * A configuration space backed by 256 bytes and a per-byte mask of guest-writable bits: the common
 * base for emulated PCI functions. Subclasses fill the header in their constructor with
 * {@link #set8}/{@link #set16}/{@link #set32} (ignoring the mask) and declare which bits the guest may
 * change with {@link #writable}; everything else is read-only, as the PCI Local Bus Specification
 * prescribes for IDs, class code and header type.
 */
public class PciConfigSpace implements PciFunction {
    public static final int VENDOR_ID = 0x00, DEVICE_ID = 0x02, COMMAND = 0x04, STATUS = 0x06, REVISION = 0x08,
            CLASS_PROG_IF = 0x09, CLASS_SUBCLASS = 0x0a, CLASS_BASE = 0x0b, CACHE_LINE = 0x0c, LATENCY = 0x0d,
            HEADER_TYPE = 0x0e, SUBSYSTEM_VENDOR = 0x2c, SUBSYSTEM_ID = 0x2e, INTERRUPT_LINE = 0x3c,
            INTERRUPT_PIN = 0x3d;

    private final byte[] bytes = new byte[256];
    private final byte[] writeMask = new byte[256];

    /** Sets vendor/device IDs, revision and the 24-bit class code (base, sub-class, programming interface). */
    protected PciConfigSpace(int vendor, int device, int revision, int classCode) {
        set16(VENDOR_ID, vendor);
        set16(DEVICE_ID, device);
        set8(REVISION, revision);
        set8(CLASS_PROG_IF, classCode);
        set8(CLASS_SUBCLASS, classCode >> 8);
        set8(CLASS_BASE, classCode >> 16);
        writable(CACHE_LINE, 1, 0xff);
        writable(LATENCY, 1, 0xff);
    }

    @Override
    public int readConfig(int offset, int size) {
        int v = 0;
        for (int i = 0; i < size && offset + i < 256; i++) v |= (bytes[offset + i] & 0xff) << (8 * i);
        return v;
    }

    @Override
    public void writeConfig(int offset, int size, int value) {
        for (int i = 0; i < size && offset + i < 256; i++) {
            int at = offset + i;
            int mask = writeMask[at] & 0xff;
            int b = (value >>> (8 * i)) & 0xff;
            bytes[at] = (byte) ((bytes[at] & ~mask) | (b & mask));
        }
    }

    /** Declares the guest-writable bits of {@code length} bytes at {@code offset}, {@code mask} repeated per byte. */
    protected final void writable(int offset, int length, int mask) {
        for (int i = 0; i < length; i++) writeMask[offset + i] = (byte) mask;
    }

    protected final void set8(int offset, int value) {
        bytes[offset] = (byte) value;
    }

    protected final void set16(int offset, int value) {
        set8(offset, value);
        set8(offset + 1, value >> 8);
    }

    protected final void set32(int offset, int value) {
        set16(offset, value);
        set16(offset + 2, value >> 16);
    }

    protected final int get8(int offset) {
        return bytes[offset] & 0xff;
    }
}
