package dev.jvmm.core.cpu;

/** Model-specific register numbers jvmm knows (Intel SDM vol. 4, AMD APM vol. 2 appendix A). */
public final class Msr {
    public static final int TSC = 0x10;
    public static final int APIC_BASE = 0x1B;
    /** IA32_TSC_DEADLINE: the local APIC timer's deadline in TSC-deadline mode. */
    public static final int TSC_DEADLINE = 0x6E0;
    /** The x2APIC registers: MSR 0x800 + (xAPIC offset / 16). */
    public static final int X2APIC_FIRST = 0x800, X2APIC_LAST = 0x8FF;
    public static final int MTRRCAP = 0xFE;
    public static final int SYSENTER_CS = 0x174, SYSENTER_ESP = 0x175, SYSENTER_EIP = 0x176;
    /**
     * Machine-check global registers (SDM vol. 3B 16.3.1): IA32_MCG_CAP reads 0 — no error-reporting
     * banks, no MCG_CTL — and IA32_MCG_STATUS holds no error, so only 0 may be written to it.
     */
    public static final int MCG_CAP = 0x179, MCG_STATUS = 0x17A;
    public static final int MISC_ENABLE = 0x1A0;
    public static final int PAT = 0x277;
    public static final int EFER = 0xC000_0080;
    public static final int STAR = 0xC000_0081, LSTAR = 0xC000_0082, CSTAR = 0xC000_0083, SFMASK = 0xC000_0084;
    public static final int FS_BASE = 0xC000_0100, GS_BASE = 0xC000_0101, KERNEL_GS_BASE = 0xC000_0102;
    public static final int TSC_AUX = 0xC000_0103;
    /**
     * AMD's legacy performance-monitor MSRs (every AMD64 CPU has them: PerfEvtSel0-3 at 0xC0010000-3,
     * PerfCtr0-3 at 0xC0010004-7). Software that finds a vendor other than Intel takes the AMD path and
     * programs them (kvm-unit-tests' start-up resets them); jvmm keeps their values and counts nothing.
     */
    public static final int K7_EVNTSEL0 = 0xC001_0000, K7_PERFCTR0 = 0xC001_0004, K7_PERFCTR3 = 0xC001_0007;
    /**
     * AMD K8's Interrupt Pending Message register. Linux reads it once on a family 0xF CPU whose model
     * falls in erratum 400's range (arch_post_acpi_subsys_init: bits 28:27 set = C1E active); jvmm has no
     * C1E, so it reads 0, as KVM's does (arch/x86/kvm/x86.c, MSR_K8_INT_PENDING_MSG). Read-only here.
     */
    public static final int K8_INT_PENDING_MSG = 0xC001_0055;

    /** EFER bits. */
    public static final long EFER_SCE = 1, EFER_LME = 1 << 8, EFER_LMA = 1 << 10, EFER_NXE = 1 << 11;

    private Msr() {}
}
