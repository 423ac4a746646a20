package dev.jvmm.devices.acpi;

import dev.jvmm.core.memory.E820Map;
import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.devices.apic.LocalApic;
import dev.jvmm.devices.ioapic.Ioapic;
import java.io.ByteArrayOutputStream;

/**
 * The ACPI tables of a jvmm PC (ACPI 6.5 chapter 5), written into the BIOS area where an OS scans for
 * the RSDP (16-byte aligned, 0xE0000-0xFFFFF; Linux, kvm-unit-tests and SeaBIOS-era guests look there):
 *
 * <pre>
 *   0xF0000  RSDP (revision 2: RSDT and XSDT)     0xF0040  FACS (64-byte aligned)
 *   then, 16-byte aligned: RSDT, XSDT -> FADT, MADT;  FADT -> FACS, DSDT
 * </pre>
 * <ul>
 *   <li>FADT (revision 6.5): SCI on IRQ {@value AcpiPmBlock#SCI_IRQ}, no SMI command port (always in
 *       ACPI mode), the {@link AcpiPmBlock} registers, a 32-bit PM timer, the reset register at port
 *       0xCF9 (value 6: PIIX reset control, full CPU reset), legacy devices and an 8042, no VGA, C1 by HLT
 *       only.</li>
 *   <li>MADT: one enabled processor local APIC per vCPU (APIC ID = ACPI UID = vCPU index), the IOAPIC
 *       (ID 0, GSI base 0), interrupt source overrides ISA IRQ0 -> GSI 2 and IRQ 9 (the SCI) level /
 *       active-high, LINT1 as NMI on every processor.</li>
 *   <li>DSDT: {@code Name (\_S5, Package (4) {5, 5, 0, 0})}, the only sleep state offered (power-off).</li>
 * </ul>
 * No HPET, SRAT or MCFG: only what exists is advertised.
 */
public final class AcpiTables {
    /** Where the RSDP goes: in the BIOS area, inside what every RSDP scan covers. */
    public static final long RSDP_ADDRESS = 0xF0000;
    static final long FACS_ADDRESS = 0xF0040;
    static final int RSDP_SIZE = 36, FACS_SIZE = 64;
    /** PIIX's reset control register (shared with PCI configuration) and the value for a full CPU reset. */
    static final int RESET_PORT = 0xCF9, RESET_VALUE = 0x06;

    /** Where each table landed. */
    public record Layout(long rsdp, long rsdt, long xsdt, long fadt, long facs, long dsdt, long madt, long end) {}

    private AcpiTables() {}

    /** Writes the tables for {@code cpuCount} vCPUs into {@code memory}'s BIOS area; returns their addresses. */
    public static Layout install(GuestMemory memory, int cpuCount) {
        if (cpuCount < 1 || cpuCount > 255) throw new IllegalArgumentException("the MADT lists 1-255 CPUs, not " + cpuCount);
        if (!memory.isRam(E820Map.BIOS_AREA, E820Map.ONE_MIB - E820Map.BIOS_AREA)) {
            throw new IllegalArgumentException("ACPI tables need RAM under the BIOS area 0xE0000-0xFFFFF");
        }
        long next = FACS_ADDRESS + FACS_SIZE;
        byte[] dsdt = dsdt();
        long dsdtAt = next;
        next = align16(next + dsdt.length);
        byte[] madt = madt(cpuCount);
        long madtAt = next;
        next = align16(next + madt.length);
        byte[] fadt = fadt(FACS_ADDRESS, dsdtAt);
        long fadtAt = next;
        next = align16(next + fadt.length);
        byte[] rsdt = rsdt(fadtAt, madtAt);
        long rsdtAt = next;
        next = align16(next + rsdt.length);
        byte[] xsdt = xsdt(fadtAt, madtAt);
        long xsdtAt = next;
        next = next + xsdt.length;
        if (next > E820Map.ONE_MIB) throw new IllegalStateException("ACPI tables do not fit under 1 MiB");

        memory.writeBytes(RSDP_ADDRESS, rsdp(rsdtAt, xsdtAt), 0, RSDP_SIZE);
        memory.writeBytes(FACS_ADDRESS, facs(), 0, FACS_SIZE);
        memory.writeBytes(dsdtAt, dsdt, 0, dsdt.length);
        memory.writeBytes(madtAt, madt, 0, madt.length);
        memory.writeBytes(fadtAt, fadt, 0, fadt.length);
        memory.writeBytes(rsdtAt, rsdt, 0, rsdt.length);
        memory.writeBytes(xsdtAt, xsdt, 0, xsdt.length);
        return new Layout(RSDP_ADDRESS, rsdtAt, xsdtAt, fadtAt, FACS_ADDRESS, dsdtAt, madtAt, next);
    }

    private static long align16(long a) {
        return (a + 15) & ~15L;
    }

    /** ACPI 6.5 table 5.3: signature, checksum over 20 bytes, OEM ID, revision 2, RSDT, length, XSDT, extended checksum. */
    static byte[] rsdp(long rsdt, long xsdt) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("RSD PTR ".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(0); // checksum of the ACPI 1.0 part
        out.writeBytes(SdtBuilder.OEM_ID.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(2); // revision: ACPI 2.0 and later
        le(out, rsdt, 4);
        le(out, RSDP_SIZE, 4);
        le(out, xsdt, 8);
        out.write(0); // extended checksum
        le(out, 0, 3);
        byte[] b = out.toByteArray();
        b[8] = SdtBuilder.checksumByte(b, 0, 20);
        b[32] = SdtBuilder.checksumByte(b, 0, RSDP_SIZE);
        return b;
    }

    private static void le(ByteArrayOutputStream out, long v, int bytes) {
        for (int i = 0; i < bytes; i++) out.write((int) (v >>> (8 * i)));
    }

    static byte[] rsdt(long... tables) {
        SdtBuilder t = new SdtBuilder("RSDT", 1);
        for (long a : tables) t.u32(a);
        return t.build();
    }

    static byte[] xsdt(long... tables) {
        SdtBuilder t = new SdtBuilder("XSDT", 1);
        for (long a : tables) t.u64(a);
        return t.build();
    }

    /** ACPI 6.5 table 5.14: no checksum; hardware signature 0, no waking vector, global lock free, version 2. */
    static byte[] facs() {
        byte[] b = new byte[FACS_SIZE];
        byte[] sig = "FACS".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(sig, 0, b, 0, 4);
        b[4] = FACS_SIZE;
        b[32] = 2; // version
        return b;
    }

    /** FADT flags (ACPI 6.5 table 5.10). */
    static final int WBINVD = 1, PROC_C1 = 1 << 2, PWR_BUTTON = 1 << 4, SLP_BUTTON = 1 << 5, TMR_VAL_EXT = 1 << 8,
            RESET_REG_SUP = 1 << 10;
    /** IA-PC boot architecture flags (table 5.11): LEGACY_DEVICES, 8042, VGA not present. */
    static final int IAPC_LEGACY_DEVICES = 1, IAPC_8042 = 2, IAPC_VGA_NOT_PRESENT = 4;
    static final int FADT_SIZE = 276;

    /**
     * ACPI 6.5 table 5.9, revision 6 minor 5 (276 bytes); the 32-bit and 64-bit (X_) register blocks and
     * DSDT pointers agree; the FACS is named once, in FIRMWARE_CTRL.
     */
    static byte[] fadt(long facs, long dsdt) {
        int pm = AcpiPmBlock.BASE_PORT;
        int evt = pm + AcpiPmBlock.PM1_EVT_OFFSET, cnt = pm + AcpiPmBlock.PM1_CNT_OFFSET, tmr = pm + AcpiPmBlock.PM_TMR_OFFSET;
        SdtBuilder t = new SdtBuilder("FACP", 6);
        t.u32(facs).u32(dsdt);
        t.u8(0); // reserved (ACPI 1.0 INT_MODEL)
        t.u8(0); // preferred PM profile: unspecified
        t.u16(AcpiPmBlock.SCI_IRQ);
        t.u32(0); // SMI_CMD: none, the hardware is always in ACPI mode
        t.u8(0).u8(0).u8(0).u8(0); // ACPI_ENABLE, ACPI_DISABLE, S4BIOS_REQ, PSTATE_CNT
        t.u32(evt).u32(0).u32(cnt).u32(0).u32(0).u32(tmr); // PM1a/b EVT, PM1a/b CNT, PM2 CNT, PM TMR
        t.u32(0).u32(0); // GPE0, GPE1
        t.u8(AcpiPmBlock.PM1_EVT_LENGTH).u8(AcpiPmBlock.PM1_CNT_LENGTH).u8(0).u8(AcpiPmBlock.PM_TMR_LENGTH);
        t.u8(0).u8(0).u8(0).u8(0); // GPE0/GPE1 lengths, GPE1 base, CST_CNT
        t.u16(101).u16(1001); // P_LVL2/3 latency above 100/1000 us: C2 and C3 not supported
        t.u16(0).u16(0); // FLUSH_SIZE, FLUSH_STRIDE
        t.u8(0).u8(0); // DUTY_OFFSET, DUTY_WIDTH
        t.u8(0).u8(0).u8(0x32); // DAY_ALRM, MON_ALRM, CENTURY: CMOS register 0x32
        t.u16(IAPC_LEGACY_DEVICES | IAPC_8042 | IAPC_VGA_NOT_PRESENT);
        t.u8(0); // reserved
        t.u32(WBINVD | PROC_C1 | PWR_BUTTON | SLP_BUTTON | TMR_VAL_EXT | RESET_REG_SUP);
        t.ioAddress(8, 1, RESET_PORT).u8(RESET_VALUE);
        t.u16(0); // ARM_BOOT_ARCH
        t.u8(5); // FADT minor version: ACPI 6.5
        // X_FIRMWARE_CTRL stays 0: it is for a FACS above 4 GiB, and with both pointers set an OS may take
        // the FACS twice (ACPI 6.5 §5.2.9: an OS ignores one when the other is usable; ACPICA installs both).
        t.u64(0).u64(dsdt); // X_FIRMWARE_CTRL, X_DSDT
        t.ioAddress(8 * AcpiPmBlock.PM1_EVT_LENGTH, 2, evt).ioAddress(0, 0, 0);
        t.ioAddress(8 * AcpiPmBlock.PM1_CNT_LENGTH, 2, cnt).ioAddress(0, 0, 0);
        t.ioAddress(0, 0, 0); // X_PM2_CNT
        t.ioAddress(8 * AcpiPmBlock.PM_TMR_LENGTH, 3, tmr);
        t.ioAddress(0, 0, 0).ioAddress(0, 0, 0); // X_GPE0, X_GPE1
        t.ioAddress(0, 0, 0).ioAddress(0, 0, 0); // SLEEP_CONTROL_REG, SLEEP_STATUS_REG (hardware-reduced only)
        t.u64(0); // hypervisor vendor identity
        if (t.size() != FADT_SIZE) throw new IllegalStateException("FADT is " + t.size() + " bytes, not " + FADT_SIZE);
        return t.build();
    }

    /** MADT entry types (ACPI 6.5 table 5.44) and flags. */
    static final int PROCESSOR_LOCAL_APIC = 0, IO_APIC = 1, INTERRUPT_SOURCE_OVERRIDE = 2, LOCAL_APIC_NMI = 4;
    static final int PCAT_COMPAT = 1, LAPIC_ENABLED = 1;
    /** MPS INTI flags (table 5.50): polarity bits 1:0 (01 active high), trigger bits 3:2 (11 level). */
    static final int ACTIVE_HIGH = 1, LEVEL_TRIGGERED = 3 << 2;
    static final int ALL_PROCESSORS = 0xFF;

    static byte[] madt(int cpuCount) {
        SdtBuilder t = new SdtBuilder("APIC", 5);
        t.u32(LocalApic.DEFAULT_BASE).u32(PCAT_COMPAT);
        for (int cpu = 0; cpu < cpuCount; cpu++) {
            t.u8(PROCESSOR_LOCAL_APIC).u8(8).u8(cpu).u8(cpu).u32(LAPIC_ENABLED);
        }
        t.u8(IO_APIC).u8(12).u8(0).u8(0).u32(Ioapic.DEFAULT_BASE).u32(0);
        t.u8(INTERRUPT_SOURCE_OVERRIDE).u8(10).u8(0).u8(0).u32(2).u16(0); // ISA IRQ0 -> GSI 2, bus defaults
        t.u8(INTERRUPT_SOURCE_OVERRIDE).u8(10).u8(0).u8(AcpiPmBlock.SCI_IRQ).u32(AcpiPmBlock.SCI_IRQ)
                .u16(ACTIVE_HIGH | LEVEL_TRIGGERED);
        t.u8(LOCAL_APIC_NMI).u8(6).u8(ALL_PROCESSORS).u16(0).u8(1); // LINT1, bus-default polarity/trigger
        return t.build();
    }

    static byte[] dsdt() {
        SdtBuilder t = new SdtBuilder("DSDT", 2);
        int s5 = AcpiPmBlock.S5_SLEEP_TYPE;
        t.bytes(Aml.name("_S5", Aml.packageOf(s5, s5, 0, 0)));
        return t.build();
    }
}
