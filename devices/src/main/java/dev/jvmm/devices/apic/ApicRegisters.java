package dev.jvmm.devices.apic;

/**
 * The local APIC's register map (Intel SDM vol. 3A, table "Local APIC Register Address Map" and, for
 * x2APIC, "Local APIC Register Address Map Supported by x2APIC"): xAPIC offsets from the APIC base;
 * the x2APIC MSR of a register is {@code 0x800 + offset / 16}. Also the bit fields shared by the LVT
 * entries, the ICR and IA32_APIC_BASE.
 */
final class ApicRegisters {
    private ApicRegisters() {}

    static final int ID = 0x020, VERSION = 0x030, TPR = 0x080, APR = 0x090, PPR = 0x0A0, EOI = 0x0B0,
            RRD = 0x0C0, LDR = 0x0D0, DFR = 0x0E0, SVR = 0x0F0, ISR = 0x100, TMR = 0x180, IRR = 0x200,
            ESR = 0x280, CMCI = 0x2F0, ICR_LOW = 0x300, ICR_HIGH = 0x310, LVT_TIMER = 0x320,
            LVT_THERMAL = 0x330, LVT_PERF = 0x340, LVT_LINT0 = 0x350, LVT_LINT1 = 0x360, LVT_ERROR = 0x370,
            TIMER_INITIAL = 0x380, TIMER_CURRENT = 0x390, TIMER_DIVIDE = 0x3E0, SELF_IPI = 0x3F0;

    /** LVT entries in register order from LVT_TIMER (the CMCI entry is not present: no machine check). */
    static final int LVT_COUNT = 6;
    static final int TIMER = 0, THERMAL = 1, PERF = 2, LINT0 = 3, LINT1 = 4, ERROR = 5;

    /** The writable bits of each LVT entry (vector, delivery mode, polarity, trigger, mask, timer mode). */
    static final int[] LVT_WRITABLE = {0x700FF, 0x107FF, 0x107FF, 0x1A7FF, 0x1A7FF, 0x100FF};

    static final int LVT_MASKED = 1 << 16, LVT_LEVEL = 1 << 15, LVT_REMOTE_IRR = 1 << 14;

    /** Delivery modes (LVT bits 10:8, ICR bits 10:8, IOAPIC redirection bits 10:8). */
    static final int DM_FIXED = 0, DM_LOWEST = 1, DM_SMI = 2, DM_NMI = 4, DM_INIT = 5, DM_STARTUP = 6, DM_EXTINT = 7;

    /** Timer modes (LVT timer bits 18:17). */
    static final int TIMER_ONE_SHOT = 0, TIMER_PERIODIC = 1, TIMER_TSC_DEADLINE = 2;

    /** Version register: an integrated APIC (0x14), 6 LVT entries, no EOI-broadcast suppression. */
    static final int VERSION_VALUE = 0x14 | ((LVT_COUNT - 1) << 16);

    /** SVR: vector, APIC software enable (bit 8); focus checking and EOI suppression are not offered. */
    static final int SVR_WRITABLE = 0x1FF, SVR_ENABLE = 1 << 8;

    /** ICR low word bits the guest may write (vector, delivery and destination mode, level, trigger, shorthand). */
    static final int ICR_WRITABLE = 0xCCFFF, ICR_LOGICAL = 1 << 11, ICR_LEVEL_ASSERT = 1 << 14,
            ICR_TRIGGER_LEVEL = 1 << 15;

    /** ESR bits (SDM "Error Status Register"). */
    static final int ESR_SEND_ILLEGAL_VECTOR = 1 << 5, ESR_RECEIVE_ILLEGAL_VECTOR = 1 << 6,
            ESR_ILLEGAL_REGISTER = 1 << 7;

    /** IA32_APIC_BASE: BSP flag, x2APIC enable, global enable, and the base (40 physical address bits). */
    static final long BASE_BSP = 1 << 8, BASE_EXTD = 1 << 10, BASE_ENABLE = 1 << 11,
            BASE_ADDRESS = 0xFF_FFFF_F000L;
}
