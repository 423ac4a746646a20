package dev.jvmm.cpu.decode;

/**
 * The CPUID feature an opcode form belongs to (Intel SDM vol. 2 "CPUID", tables 3-8 to 3-10 and
 * 3-20): where CPUID reports it, so an executor can treat a form whose feature the guest's CPUID
 * does not report as a CPU without it would (#UD).
 */
public enum Feature {
    /** Part of every x86-64 CPU this project models (the 386 to x86-64 base set): always present. */
    BASE(0, Reg.NONE, 0),
    FPU(1, Reg.EDX, 0),
    CX8(1, Reg.EDX, 8),
    CMOV(1, Reg.EDX, 15),
    CLFSH(1, Reg.EDX, 19),
    MMX(1, Reg.EDX, 23),
    FXSR(1, Reg.EDX, 24),
    SSE(1, Reg.EDX, 25),
    SSE2(1, Reg.EDX, 26),
    SSE3(1, Reg.ECX, 0),
    SSSE3(1, Reg.ECX, 9),
    CX16(1, Reg.ECX, 13),
    SSE4_1(1, Reg.ECX, 19),
    SSE4_2(1, Reg.ECX, 20),
    POPCNT(1, Reg.ECX, 23),
    XSAVE(1, Reg.ECX, 26),
    /** LAHF/SAHF in 64-bit mode: CPUID 0x80000001 ECX bit 0. */
    LAHF64(0x8000_0001, Reg.ECX, 0);

    /** The CPUID output register that holds the bit. */
    public enum Reg { NONE, ECX, EDX }

    /** The CPUID leaf (EAX input) that reports the feature; 0 for {@link #BASE}. */
    public final int leaf;
    public final Reg register;
    public final int bit;

    Feature(int leaf, Reg register, int bit) {
        this.leaf = leaf;
        this.register = register;
        this.bit = bit;
    }
}
