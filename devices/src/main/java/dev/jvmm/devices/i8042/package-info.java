/**
 * The PC/AT keyboard controller ({@link dev.jvmm.devices.i8042.I8042Controller}) at ports 0x60/0x64.
 * For a VMM its interesting parts are not keys but two wires it has controlled since 1984: the A20 gate
 * (so real-mode code can wrap at 1 MiB like an 8086) and the CPU reset line (the classic way an OS reboots:
 * command 0xFE). Guests also probe it at boot, so it answers the self tests and keyboard identify.
 */
package dev.jvmm.devices.i8042;
