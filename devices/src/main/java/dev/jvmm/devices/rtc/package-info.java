/**
 * The battery-backed clock and configuration memory of the PC/AT: an MC146818A
 * ({@link dev.jvmm.devices.rtc.Mc146818}) behind ports 0x70/0x71, with the CMOS RAM fields BIOSes and
 * boot loaders read ({@link dev.jvmm.devices.rtc.CmosLayout}). The guest's wall clock is a start instant
 * plus the machine clock, so a run under a virtual clock always sees the same dates.
 */
package dev.jvmm.devices.rtc;
