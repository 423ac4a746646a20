/**
 * The PC motherboard: {@link dev.jvmm.devices.pc.PcBoard} creates the legacy devices, places them on the
 * I/O port bus at their standard addresses, wires their IRQs to the PIC and hands an engine the
 * resulting {@link dev.jvmm.core.engine.Platform}. The launcher's one entry point into this module.
 */
package dev.jvmm.devices.pc;
