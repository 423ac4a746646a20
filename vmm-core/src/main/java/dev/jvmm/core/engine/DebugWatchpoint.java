package dev.jvmm.core.engine;

/**
 * One debug-register data watchpoint ({@link Vcpu#setDebugWatchpoints}): {@code length} 1, 2, 4 or 8
 * bytes at {@code linear}, aligned to its length (SDM vol. 3, 18.2.5: DR7 LEN); {@code writesOnly}
 * false watches reads and writes.
 */
public record DebugWatchpoint(long linear, int length, boolean writesOnly) {
    public DebugWatchpoint {
        if (length != 1 && length != 2 && length != 4 && length != 8) throw new IllegalArgumentException("debug watchpoint of " + length + " bytes");
        if ((linear & (length - 1)) != 0) throw new IllegalArgumentException(String.format("debug watchpoint at 0x%x is not aligned to %d", linear, length));
    }

    /** DR7 bits for slot {@code i}: local enable, R/W (01 writes, 11 reads and writes), LEN (00 1, 01 2, 11 4, 10 8). */
    public long dr7Bits(int i) {
        long rw = writesOnly ? 0b01 : 0b11;
        long len = switch (length) {
            case 1 -> 0b00;
            case 2 -> 0b01;
            case 4 -> 0b11;
            default -> 0b10;
        };
        return (1L << (2 * i)) | (rw << (16 + 4 * i)) | (len << (18 + 4 * i));
    }
}
