package dev.jvmm.devices.serial;

/**
 * Where a UART's transmitted bytes go (a terminal, a file, a test buffer). Called on the vCPU thread
 * for every byte the guest writes to THR, so an implementation must not block for long:
 * {@link AsyncStreamSink} hands bytes to a writer thread.
 */
@FunctionalInterface
public interface SerialSink {
    /** Drops everything, like a serial port with no cable. */
    SerialSink DISCARD = b -> {};

    /** One transmitted byte, 0..255. */
    void write(int b);

    /** Pushes buffered bytes out (called when the machine stops). */
    default void flush() {}
}
