/**
 * Small single-purpose ports: isa-debug-exit (how test guests end a run with a status), the POST code
 * port 0x80, and System Control Port A 0x92 (fast A20 gate and reset).
 */
package dev.jvmm.devices.misc;
