package dev.jvmm.core.bus;

/** Thrown at machine assembly time when a device range is empty, out of bounds or overlaps another. */
public final class BusRangeException extends IllegalArgumentException {
    public BusRangeException(String message) {
        super(message);
    }
}
