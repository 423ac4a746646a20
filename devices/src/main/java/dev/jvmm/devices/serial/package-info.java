/**
 * The serial port: a 16550A UART ({@link dev.jvmm.devices.serial.Uart16550}), the console of most guests.
 *
 * <p>Output leaves through a {@link dev.jvmm.devices.serial.SerialSink} (an
 * {@link dev.jvmm.devices.serial.AsyncStreamSink} for a terminal or file, a
 * {@link dev.jvmm.devices.serial.CapturingSink} for tests). Input travels the other way through a
 * lock-free {@link dev.jvmm.devices.serial.ByteInbox}: a console thread fills it, the vCPU thread moves
 * bytes into the receive FIFO as the guest makes room, so the UART's registers are only ever touched on
 * the vCPU thread.
 */
package dev.jvmm.devices.serial;
