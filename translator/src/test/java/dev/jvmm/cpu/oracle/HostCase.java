package dev.jvmm.cpu.oracle;

/**
 * One oracle case: x86-64 code bytes (a sequence of instructions, at most 4,000 bytes, run at
 * {@link MachineState#CODE}) and the state they start from. Without a fault the run ends after the
 * last byte.
 */
public record HostCase(byte[] code, MachineState start) {
    public static final int MAX_CODE = 4096 - 96;

    public HostCase {
        if (code.length > MAX_CODE) throw new IllegalArgumentException("code longer than " + MAX_CODE + " bytes");
        if (start.data == null || start.data.length > 4096) throw new IllegalArgumentException("data must be 0-4096 bytes");
    }
}
