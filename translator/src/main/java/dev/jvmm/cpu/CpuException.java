package dev.jvmm.cpu;

/**
 * An architectural exception raised while executing a guest instruction (#GP, #PF, #UD, ...).
 *
 * <p>Stackless and reused: each CPU owns one instance, sets the vector and error code with
 * {@link #raise} and throws it; the run loop catches it and delivers the exception through the
 * IDT/IVT. No allocation happens on a fault, and no Java stack trace is ever filled in.
 */
public final class CpuException extends RuntimeException {
    public static final int DE = 0, DB = 1, NMI = 2, BP = 3, OF = 4, BR = 5, UD = 6, NM = 7, DF = 8,
            TS = 10, NP = 11, SS = 12, GP = 13, PF = 14, MF = 16, AC = 17, MC = 18, XM = 19;

    /** Interrupt vector 0-255. */
    public int vector;
    /** The error code pushed with the exception, or -1 for none. */
    public int errorCode;

    public CpuException() {
        super(null, null, false, false);
    }

    /** Sets vector and error code (-1: none) and returns this, to be thrown. */
    public CpuException raise(int vector, int errorCode) {
        this.vector = vector;
        this.errorCode = errorCode;
        return this;
    }

    /** Exceptions that push an error code (SDM vol. 3 table 6-1). */
    public static boolean pushesErrorCode(int vector) {
        return vector == DF || vector == TS || vector == NP || vector == SS || vector == GP || vector == PF
                || vector == AC;
    }

    @Override
    public String getMessage() {
        return "vector " + vector + (errorCode >= 0 ? " error " + Integer.toHexString(errorCode) : "");
    }
}
