/**
 * ACPI, the firmware side an OS reads to learn the machine (ACPI 6.5 specification, chapter 5):
 * {@link dev.jvmm.devices.acpi.AcpiTables} writes the RSDP, RSDT, XSDT, FADT, FACS, MADT and a DSDT
 * (whose only AML is the {@code \_S5} sleep package, {@link dev.jvmm.devices.acpi.Aml}) into the BIOS
 * area, and {@link dev.jvmm.devices.acpi.AcpiPmBlock} is the hardware the FADT points at: the PM1a
 * event and control registers (power-off through S5) and the 3.579545 MHz PM timer.
 *
 * <p>Tables are written once, when the board is built, from the guest's point of view read-only (they
 * sit in RAM the e820 map reserves). The PM block is a port device and runs on the vCPU thread.
 */
package dev.jvmm.devices.acpi;
