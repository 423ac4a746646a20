/**
 * The two buses a PC's devices hang on: the 64 Ki I/O ports ({@link dev.jvmm.core.bus.PortBus}) and
 * memory-mapped windows ({@link dev.jvmm.core.bus.MmioBus}).
 *
 * <p>Both are sorted, non-overlapping ranges (an overlap is a configuration error caught at
 * registration), and a device only ever sees an offset into its own range — the same idea as
 * Firecracker's {@code BusDevice}. Every engine calls the same bus, so a device model is written once.
 * Ports nobody owns read as all ones and are counted, so {@code jvmm run --stats} shows what a guest
 * probed.
 *
 * <pre>{@code
 * PortBus ports = new PortBus();
 * ports.register(0x3F8, 8, uart);      // COM1: the UART sees offsets 0-7
 * ports.write(0x3F8, 1, 'A');          // what an OUT instruction does
 * }</pre>
 */
package dev.jvmm.core.bus;
