package dev.jvmm.devices.rtc;

/**
 * The PC/AT conventions for the CMOS bytes after the clock registers, as BIOSes and boot loaders read
 * them (IBM AT Technical Reference, CMOS RAM map; QEMU fills the same bytes):
 * <pre>
 *   0x0f  shutdown status (0 = normal)       0x10  floppy types (none)     0x12  hard disk types (none)
 *   0x14  equipment: bit 1 = FPU present, display 00 = EGA/VGA, no floppies
 *   0x15-0x16  base memory in KiB (640)
 *   0x17-0x18  memory above 1 MiB in KiB, at most 0xffff (also at 0x30-0x31)
 *   0x2e-0x2f  checksum of 0x10-0x2d, high byte first
 *   0x34-0x35  memory above 16 MiB in 64 KiB units, at most 0xffff
 *   0x32  century (kept by the clock, see {@link Mc146818})
 * </pre>
 * Multi-byte values are little-endian except the checksum.
 */
public final class CmosLayout {
    public static final int SHUTDOWN_STATUS = 0x0f, FLOPPY_TYPES = 0x10, DISK_TYPES = 0x12, EQUIPMENT = 0x14,
            BASE_MEMORY = 0x15, EXTENDED_MEMORY = 0x17, CHECKSUM = 0x2e, EXTENDED_MEMORY_COPY = 0x30,
            CENTURY = 0x32, MEMORY_ABOVE_16M = 0x34;
    static final int EQUIPMENT_FPU = 0x02;

    private CmosLayout() {}

    /** Writes the PC fields for {@code ramBytes} of RAM into {@code cmos} (128 bytes). */
    public static void fill(byte[] cmos, long ramBytes) {
        cmos[SHUTDOWN_STATUS] = 0;
        cmos[FLOPPY_TYPES] = 0;
        cmos[DISK_TYPES] = 0;
        cmos[EQUIPMENT] = EQUIPMENT_FPU;
        putWord(cmos, BASE_MEMORY, 640);
        long above1m = Math.max(0, ramBytes - (1L << 20)) >> 10;
        putWord(cmos, EXTENDED_MEMORY, (int) Math.min(above1m, 0xffff));
        putWord(cmos, EXTENDED_MEMORY_COPY, (int) Math.min(above1m, 0xffff));
        long above16m = Math.max(0, ramBytes - (16L << 20)) >> 16;
        putWord(cmos, MEMORY_ABOVE_16M, (int) Math.min(above16m, 0xffff));
        updateChecksum(cmos);
    }

    /** Recomputes the standard checksum over 0x10-0x2d. */
    public static void updateChecksum(byte[] cmos) {
        int sum = 0;
        for (int i = 0x10; i <= 0x2d; i++) sum += cmos[i] & 0xff;
        cmos[CHECKSUM] = (byte) (sum >> 8);
        cmos[CHECKSUM + 1] = (byte) sum;
    }

    static int word(byte[] cmos, int at) {
        return (cmos[at] & 0xff) | (cmos[at + 1] & 0xff) << 8;
    }

    private static void putWord(byte[] cmos, int at, int value) {
        cmos[at] = (byte) value;
        cmos[at + 1] = (byte) (value >> 8);
    }
}
