package dev.jvmm.cpu.oracle;

/**
 * How a case ended on one CPU: {@code vector} is the exception it raised (the state is then the
 * state at the faulting instruction, {@code rip} its address) or one of the negative codes below
 * ({@link #COMPLETED}: {@code rip} is the end of the code). {@code failure} is non-null when jvmm
 * could not run the case at all (translation failed); the state is then meaningless.
 */
public record Outcome(int vector, int errorCode, long rip, MachineState state, String failure) {
    /** Ran to the end of the code. */
    public static final int COMPLETED = -1;
    /** Still running after 2 s (host) or {@code Sandbox.MAX_STEPS} instructions (jvmm). */
    public static final int TIMED_OUT = -2;
    /** The host could not load the state (MXCSR bits its MXCSR_MASK does not allow). */
    public static final int BAD_STATE = -3;

    /** What {@code vector} means: "completed", "#GP(0)", "vector 19" ... */
    public String describe() {
        return switch (vector) {
            case COMPLETED -> "ran to the end";
            case TIMED_OUT -> "did not finish";
            case BAD_STATE -> "start state not loadable on the host";
            default -> {
                String name = vector < MNEMONICS.length ? MNEMONICS[vector] : "vector " + vector;
                yield errorCode >= 0 && HAS_ERROR_CODE[vector < 32 ? vector : 0] ? name + "(" + Integer.toHexString(errorCode) + ")" : name;
            }
        };
    }

    private static final String[] MNEMONICS = {"#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM", "#DF", "vector 9",
        "#TS", "#NP", "#SS", "#GP", "#PF", "vector 15", "#MF", "#AC", "#MC", "#XM"};
    private static final boolean[] HAS_ERROR_CODE = new boolean[32];

    static {
        for (int v : new int[] {8, 10, 11, 12, 13, 14, 17}) HAS_ERROR_CODE[v] = true;
    }
}
