package dev.jvmm.cpu.oracle;

/**
 * What a comparison leaves out. {@code flagsMask}: the RFLAGS bits compared (the default, CF PF AF
 * ZF SF DF OF, is what the host lets user code set; clear the bits an instruction leaves undefined).
 * {@code x87Pointers}: compare the last x87 opcode, instruction and data pointers (FOP, FIP, FDP);
 * off by default because AMD's FXSAVE writes them only while an x87 exception is pending.
 */
public record Tolerance(long flagsMask, boolean x87Pointers) {
    public static final long ARITHMETIC_AND_DF = 0xCD5;
    public static final Tolerance DEFAULT = new Tolerance(ARITHMETIC_AND_DF, false);

    public Tolerance withFlagsMask(long mask) {
        return new Tolerance(mask, x87Pointers);
    }

    public Tolerance withX87Pointers(boolean compare) {
        return new Tolerance(flagsMask, compare);
    }
}
