package dev.jvmm.devices.apic;

import static dev.jvmm.devices.apic.ApicRegisters.*;

import dev.jvmm.core.clock.TimerQueue;
import dev.jvmm.core.cpu.Msr;
import dev.jvmm.core.irq.InterruptController;
import java.util.OptionalLong;

/**
 * One vCPU's local APIC (Intel SDM vol. 3A chapter "Advanced Programmable Interrupt Controller"),
 * and that vCPU's whole view of the interrupt controllers: interrupts it accepted (IRR), is serving
 * (ISR) and their trigger modes (TMR); task and processor priority; the LVT entries and timer; the
 * ICR sending IPIs over the {@link ApicBus}; xAPIC registers through {@link #readRegister} /
 * {@link #writeRegister} (the MMIO window) and x2APIC registers through MSRs 0x800-0x8FF.
 *
 * <p>The 8259A pair reaches the CPU through LINT0: while LINT0 is unmasked in ExtINT mode, or the
 * APIC is globally disabled, the PIC's INTR is this view's INTR too and the INTA goes to the PIC. As
 * QEMU does, the bootstrap processor's LINT0 comes out of reset in ExtINT mode (firmware's job on a
 * real PC), so a guest that only knows the PIC works unchanged. At an INTA the APIC's own highest
 * deliverable vector goes first, then the PIC's.
 *
 * <p>Acceptance: a vector v in IRR is delivered when the APIC is software-enabled and v's priority
 * class (v >> 4) is above the processor priority's (PPR = the higher of TPR and the class of the
 * highest in-service vector). The INTA moves v from IRR to ISR; EOI clears the highest ISR bit and,
 * if its TMR bit is set, tells the IOAPIC (Remote IRR). Vectors 0-15 are illegal: receiving one sets
 * ESR bit 6, sending one ESR bit 5.
 *
 * <p>Not emulated: SMI, the CMCI/thermal/performance-counter sources (their LVT entries are plain
 * registers), focus-processor checking, EOI-broadcast suppression, remote read, moving the xAPIC
 * page into RAM (the board moves it only to addresses above RAM; IA32_APIC_BASE keeps any address), INIT and
 * start-up IPIs beyond handing them to the machine (its vCPU resets, or starts at the vector).
 * State changes happen under the machine's device lock (any vCPU thread may send this APIC a message);
 * the CPU polls {@link #interruptPending()} and {@link #nmiPending()} without it, so their answers are
 * kept in volatile fields, and every accepted interrupt wakes halted vCPUs ({@link TimerQueue#wake()}).
 */
public final class LocalApic implements InterruptController {
    public static final long DEFAULT_BASE = 0xFEE0_0000L;
    /** What a vCPU does with INIT and start-up IPIs addressed to it (the machine's job). */
    public interface StartupListener {
        void init(int apicIndex);

        void startup(int apicIndex, int vector);
    }

    private final int index;
    private final int initialId;
    private final ApicBus bus;
    private final InterruptController pic;
    private final ApicTimer timer;
    private final TimerQueue timers;
    private StartupListener startup = new StartupListener() {
        @Override public void init(int apicIndex) {}
        @Override public void startup(int apicIndex, int vector) {}
    };

    private long apicBase;
    private int id;
    private int tpr;
    private int ldr;
    private int dfr;
    private int svr;
    private int errorsPending;
    private int esr;
    private int icrLow;
    private int icrHigh;
    private final int[] lvt = new int[LVT_COUNT];
    private final int[] irr = new int[8];
    private final int[] isr = new int[8];
    private final int[] tmr = new int[8];
    /**
     * NMIs received and not yet taken: at most one while the CPU runs an NMI handler (edges during one blocked
     * period make one latched NMI), else two — KVM's rule: with several vCPUs, two can arrive before the CPU
     * reaches an instruction boundary, and the second is then latched behind the first.
     */
    private volatile int nmiPending;
    /** The CPU took one of our NMIs and has not executed its IRET yet. */
    private boolean nmiInHandler;
    private long illegalRegisterAccesses;
    private java.util.function.LongConsumer relocation = base -> {};
    /** Told whenever an interrupt or NMI becomes deliverable (the vCPU leaves translated code to look). */
    private volatile Runnable kick = () -> {};
    private boolean x2apicSupported = true;
    private boolean tscDeadlineSupported = true;

    /** Cached: the highest deliverable vector, or -1 (recomputed at every change of IRR, ISR, TPR, SVR). */
    private volatile int deliverable = -1;
    /** Cached: the PIC's INTR reaches the CPU (LINT0 ExtINT unmasked, or the APIC globally disabled). */
    private volatile boolean picPassThrough = true;

    /**
     * Makes the local APIC of vCPU {@code index} (index 0 is the bootstrap processor, APIC ID = index)
     * on {@code bus}, with the 8259A pair's CPU side as its ExtINT source.
     */
    public LocalApic(int index, ApicBus bus, InterruptController pic, TimerQueue timers) {
        this.index = index;
        this.initialId = index;
        this.bus = bus;
        this.pic = pic;
        this.timers = timers;
        this.timer = new ApicTimer(timers, () -> localInterrupt(TIMER));
        apicBase = DEFAULT_BASE | BASE_ENABLE | (index == 0 ? BASE_BSP : 0);
        id = initialId;
        reset();
        bus.attach(this);
    }

    public void setStartupListener(StartupListener listener) {
        this.startup = listener;
    }

    /** Who moves the xAPIC register page when IA32_APIC_BASE names a new address (the board's memory map). */
    public void setRelocationListener(java.util.function.LongConsumer listener) {
        this.relocation = listener;
    }

    /**
     * The CPU model's APIC features (QEMU's {@code -cpu ...,-x2apic,-tsc-deadline}): without x2APIC,
     * CPUID.1:ECX[21] is clear and IA32_APIC_BASE cannot enter x2APIC mode; without TSC-deadline,
     * CPUID.1:ECX[24] is clear, IA32_TSC_DEADLINE raises #GP and the LVT timer keeps mode bit 18 clear.
     */
    public void setFeatures(boolean x2apic, boolean tscDeadline) {
        this.x2apicSupported = x2apic;
        this.tscDeadlineSupported = tscDeadline;
    }

    /** Power-up / INIT state (SDM "Local APIC State After Power-Up or Reset"); the ID and base survive. */
    private void reset() {
        tpr = 0;
        ldr = 0;
        dfr = 0xFFFF_FFFF;
        svr = 0xFF;
        errorsPending = 0;
        esr = 0;
        icrLow = 0;
        icrHigh = 0;
        for (int k = 0; k < LVT_COUNT; k++) lvt[k] = LVT_MASKED;
        if (index == 0) lvt[LINT0] = DM_EXTINT << 8; // as firmware leaves it (QEMU does the same)
        java.util.Arrays.fill(irr, 0);
        java.util.Arrays.fill(isr, 0);
        java.util.Arrays.fill(tmr, 0);
        nmiPending = 0;
        timer.reset();
        update();
    }

    // ---- modes ----

    boolean globallyEnabled() {
        return (apicBase & BASE_ENABLE) != 0;
    }

    public boolean x2apicMode() {
        return (apicBase & BASE_EXTD) != 0;
    }

    /** True if the xAPIC MMIO window answers (enabled and not in x2APIC mode). */
    public boolean xapicMode() {
        return globallyEnabled() && !x2apicMode();
    }

    boolean softwareEnabled() {
        return (svr & SVR_ENABLE) != 0;
    }

    int id() {
        return id;
    }

    int taskPriority() {
        return tpr;
    }

    int logicalDestination() {
        return x2apicMode() ? ((initialId >>> 4) << 16) | (1 << (initialId & 0xF)) : ldr;
    }

    boolean flatModel() {
        return (dfr >>> 28) == 0xF;
    }

    public long apicBase() {
        return apicBase;
    }

    // ---- IA32_APIC_BASE ----

    /** WRMSR IA32_APIC_BASE with the SDM's state rules (disabled, xAPIC, x2APIC); false = #GP. */
    boolean writeApicBase(long value) {
        long reserved = ~(BASE_ADDRESS | BASE_ENABLE | BASE_EXTD | BASE_BSP);
        if ((value & reserved) != 0) return false;
        boolean en = (value & BASE_ENABLE) != 0, extd = (value & BASE_EXTD) != 0;
        if (extd && !en) return false; // invalid state
        if (extd && !x2apicSupported) return false; // a reserved bit on a CPU without x2APIC
        if (x2apicMode() && en && !extd) return false; // x2APIC -> xAPIC must go through disabled
        if (!globallyEnabled() && extd) return false; // disabled -> x2APIC must go through xAPIC
        boolean wasEnabled = globallyEnabled(), wasX2 = x2apicMode();
        long oldAddress = apicBase & BASE_ADDRESS;
        apicBase = (value & ~BASE_BSP) | (apicBase & BASE_BSP);
        if ((apicBase & BASE_ADDRESS) != oldAddress) relocation.accept(apicBase & BASE_ADDRESS);
        if (wasEnabled && !en) {
            reset();
            id = initialId;
        } else if (!wasX2 && extd) {
            id = initialId; // the x2APIC ID is the initial APIC ID, LDR is derived from it
        }
        update();
        return true;
    }

    // ---- registers ----

    /** An xAPIC MMIO read (32-bit register at a 16-byte aligned offset; reserved offsets set ESR bit 7). */
    public int readRegister(int offset) {
        if ((offset & 0xF) != 0) return 0;
        long v = read(offset, false);
        if (v < 0) {
            illegal();
            return 0;
        }
        return (int) v;
    }

    /** An xAPIC MMIO write of a 32-bit register. */
    public void writeRegister(int offset, int value) {
        if ((offset & 0xF) != 0) return;
        if (!write(offset, value & 0xFFFF_FFFFL, false)) illegal();
    }

    private void illegal() {
        illegalRegisterAccesses++;
        error(ESR_ILLEGAL_REGISTER);
    }

    /** Reserved-register accesses seen (for statistics). */
    public long illegalRegisterAccesses() {
        return illegalRegisterAccesses;
    }

    /** The register at {@code offset}, or -1 if it does not exist in this mode (or is write-only). */
    private long read(int offset, boolean x2) {
        if (offset >= ISR && offset < ISR + 0x80) return isr[(offset - ISR) >> 4] & 0xFFFF_FFFFL;
        if (offset >= TMR && offset < TMR + 0x80) return tmr[(offset - TMR) >> 4] & 0xFFFF_FFFFL;
        if (offset >= IRR && offset < IRR + 0x80) return irr[(offset - IRR) >> 4] & 0xFFFF_FFFFL;
        if (offset >= LVT_TIMER && offset <= LVT_ERROR) return lvt[(offset - LVT_TIMER) >> 4];
        long v = switch (offset) {
            case ID -> x2 ? id : (long) (id & 0xFF) << 24;
            case VERSION -> VERSION_VALUE;
            case TPR -> tpr;
            case APR -> x2 ? -1 : arbitrationPriority();
            case PPR -> processorPriority();
            case EOI -> x2 ? -1 : 0;
            case RRD -> x2 ? -1 : 0;
            case LDR -> logicalDestination() & 0xFFFF_FFFFL;
            case DFR -> x2 ? -1 : dfr & 0xFFFF_FFFFL;
            case SVR -> svr;
            case ESR -> esr;
            case ICR_LOW -> icrLow & ~(1 << 12); // delivery status: messages are sent at once
            case ICR_HIGH -> x2 ? -1 : icrHigh & 0xFFFF_FFFFL;
            case TIMER_INITIAL -> timer.initialCount();
            case TIMER_CURRENT -> timer.currentCount();
            case TIMER_DIVIDE -> timer.divideConfig();
            default -> -1;
        };
        return v;
    }

    /** Writes the register at {@code offset}; false if it does not exist, or (x2APIC) is read-only. */
    private boolean write(int offset, long value, boolean x2) {
        int v = (int) value;
        if (readOnly(offset)) return !x2; // read-only: an xAPIC ignores the write, an x2APIC raises #GP
        if (offset >= LVT_TIMER && offset <= LVT_ERROR) {
            writeLvt((offset - LVT_TIMER) >> 4, v);
            return true;
        }
        switch (offset) {
            case ID -> {
                if (x2) return false;
                id = v >>> 24;
            }
            case TPR -> {
                tpr = v & 0xFF;
                update();
            }
            case EOI -> {
                if (x2 && v != 0) return false;
                eoi();
            }
            case LDR -> {
                if (x2) return false;
                ldr = v & 0xFF00_0000;
            }
            case DFR -> {
                if (x2) return false;
                dfr = v | 0x0FFF_FFFF;
            }
            case SVR -> writeSvr(v);
            case ESR -> {
                if (x2 && v != 0) return false;
                esr = errorsPending;
                errorsPending = 0;
            }
            case ICR_LOW -> {
                icrLow = v & ICR_WRITABLE;
                if (x2) icrHigh = (int) (value >>> 32);
                sendIpi();
            }
            case ICR_HIGH -> {
                if (x2) return false;
                icrHigh = v & 0xFF00_0000;
            }
            case TIMER_INITIAL -> timer.setInitialCount(v & 0xFFFF_FFFFL);
            case TIMER_DIVIDE -> timer.setDivideConfig(v);
            case SELF_IPI -> {
                if (!x2 || (v & ~0xFF) != 0) return false;
                accept(v & 0xFF, false);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private static boolean readOnly(int offset) {
        return offset == VERSION || offset == APR || offset == PPR || offset == RRD || offset == TIMER_CURRENT
                || offset >= ISR && offset < IRR + 0x80;
    }

    private void writeSvr(int v) {
        boolean wasEnabled = softwareEnabled();
        svr = v & SVR_WRITABLE;
        if (wasEnabled && !softwareEnabled()) {
            for (int k = 0; k < LVT_COUNT; k++) lvt[k] |= LVT_MASKED;
        }
        update();
    }

    private void writeLvt(int k, int v) {
        int keep = lvt[k] & LVT_REMOTE_IRR;
        int writable = LVT_WRITABLE[k] & (k == TIMER && !tscDeadlineSupported ? ~(1 << 18) : -1);
        int value = (v & writable) | keep;
        if (!softwareEnabled()) value |= LVT_MASKED;
        lvt[k] = value;
        if (k == TIMER) timer.setMode((value >>> 17) & 3);
        update();
    }

    // ---- x2APIC MSRs and the CPU-side registers ----

    @Override
    public boolean ownsMsr(int msr) {
        return msr == Msr.APIC_BASE || msr == Msr.TSC_DEADLINE || (msr >= Msr.X2APIC_FIRST && msr <= Msr.X2APIC_LAST);
    }

    @Override
    public OptionalLong readMsr(int msr) {
        if (msr == Msr.APIC_BASE) return OptionalLong.of(apicBase);
        if (msr == Msr.TSC_DEADLINE) return tscDeadlineSupported ? OptionalLong.of(timer.deadline()) : OptionalLong.empty();
        if (!x2apicMode()) return OptionalLong.empty();
        int offset = (msr - Msr.X2APIC_FIRST) << 4;
        if (offset == ICR_LOW) return OptionalLong.of((icrLow & 0xFFFF_FFFFL) | ((long) icrHigh << 32));
        if (offset == SELF_IPI) return OptionalLong.empty();
        long v = read(offset, true);
        return v < 0 ? OptionalLong.empty() : OptionalLong.of(v);
    }

    @Override
    public boolean writeMsr(int msr, long value, long tsc) {
        if (msr == Msr.APIC_BASE) return writeApicBase(value);
        if (msr == Msr.TSC_DEADLINE) {
            if (!tscDeadlineSupported) return false;
            timer.setDeadline(value, tsc);
            return true;
        }
        if (!x2apicMode()) return false;
        int offset = (msr - Msr.X2APIC_FIRST) << 4;
        if (offset != ICR_LOW && (value >>> 32) != 0) return false;
        return write(offset, value, true);
    }

    @Override
    public boolean hasTaskPriority() {
        return true;
    }

    @Override
    public int readCr8() {
        return tpr >>> 4;
    }

    @Override
    public void writeCr8(int value) {
        tpr = (value & 0xF) << 4;
        update();
    }

    @Override
    public int[] cpuidLeaf1(int ebx, int ecx, int edx) {
        int apicBit = 1 << 9, x2apic = 1 << 21, tscDeadline = 1 << 24;
        edx = globallyEnabled() ? edx | apicBit : edx & ~apicBit;
        ecx = x2apicSupported ? ecx | x2apic : ecx & ~x2apic;
        ecx = tscDeadlineSupported ? ecx | tscDeadline : ecx & ~tscDeadline;
        return new int[] {(ebx & 0x00FF_FFFF) | (initialId << 24), ecx, edx};
    }

    @Override
    public int initialApicId() {
        return initialId;
    }

    @Override
    public void setKickListener(Runnable kick) {
        this.kick = kick;
    }

    // ---- priorities ----

    private static int highest(int[] bits) {
        for (int w = 7; w >= 0; w--) {
            if (bits[w] != 0) return (w << 5) + 31 - Integer.numberOfLeadingZeros(bits[w]);
        }
        return -1;
    }

    private int processorPriority() {
        int isrv = Math.max(highest(isr), 0);
        return (tpr >>> 4) >= (isrv >>> 4) ? tpr : isrv & 0xF0;
    }

    private int arbitrationPriority() {
        int isrv = Math.max(highest(isr), 0), irrv = Math.max(highest(irr), 0);
        if ((tpr >>> 4) >= (irrv >>> 4) && (tpr >>> 4) > (isrv >>> 4)) return tpr;
        return Math.max(tpr >>> 4, Math.max(isrv >>> 4, irrv >>> 4)) << 4;
    }

    private void update() {
        int v = highest(irr);
        deliverable = globallyEnabled() && softwareEnabled() && v >= 0 && (v >>> 4) > (processorPriority() >>> 4) ? v : -1;
        int lint0 = lvt[LINT0];
        picPassThrough = !globallyEnabled()
                || (lint0 & LVT_MASKED) == 0 && ((lint0 >>> 8) & 7) == DM_EXTINT;
    }

    // ---- receiving ----

    /** A message from the bus addressed to this APIC. */
    void receive(ApicMessage m) {
        switch (m.deliveryMode()) {
            case DM_FIXED, DM_LOWEST -> accept(m.vector(), m.level());
            case DM_NMI -> {
                nmiArrived();
                kick.run();
                timers.wake();
            }
            case DM_INIT -> startup.init(index);
            case DM_STARTUP -> startup.startup(index, m.vector());
            default -> {} // SMI, ExtINT messages (no chipset routes ExtINT as a message here)
        }
    }

    private void nmiArrived() {
        if (nmiPending < (nmiInHandler ? 1 : 2)) nmiPending++;
    }

    /** Accepts a fixed interrupt into IRR (TMR records its trigger mode). */
    private void accept(int vector, boolean level) {
        if (vector < 16) {
            error(ESR_RECEIVE_ILLEGAL_VECTOR);
            return;
        }
        if (!softwareEnabled()) return; // a software-disabled APIC accepts no fixed interrupts
        int w = vector >> 5, bit = 1 << (vector & 31);
        irr[w] |= bit;
        if (level) tmr[w] |= bit;
        else tmr[w] &= ~bit;
        update();
        if (deliverable >= 0) {
            kick.run(); // a running vCPU (perhaps on another thread) leaves its unit and looks
            timers.wake(); // a halted one looks again
        }
    }

    /** One of this APIC's own interrupt sources fired (timer, LINT pins, error). */
    private void localInterrupt(int k) {
        int entry = lvt[k];
        if ((entry & LVT_MASKED) != 0) return;
        int mode = k == TIMER || k == ERROR ? DM_FIXED : (entry >>> 8) & 7;
        switch (mode) {
            case DM_FIXED -> accept(entry & 0xFF, false);
            case DM_NMI -> nmiArrived();
            default -> {} // ExtINT is the PIC pass-through; SMI and INIT are not modelled
        }
    }

    /** Records an error for the next ESR write and raises the error LVT (unless its vector is illegal too). */
    private void error(int bits) {
        errorsPending |= bits;
        if ((lvt[ERROR] & 0xFF) >= 16) localInterrupt(ERROR);
    }

    private void eoi() {
        int v = highest(isr);
        if (v < 0) return;
        int w = v >> 5, bit = 1 << (v & 31);
        isr[w] &= ~bit;
        boolean level = (tmr[w] & bit) != 0;
        update();
        if (level) bus.broadcastEoi(v);
    }

    // ---- sending ----

    private void sendIpi() {
        int mode = (icrLow >>> 8) & 7, vector = icrLow & 0xFF, shorthand = (icrLow >>> 18) & 3;
        boolean level = (icrLow & ICR_TRIGGER_LEVEL) != 0, assert_ = (icrLow & ICR_LEVEL_ASSERT) != 0;
        if (mode == DM_INIT && level && !assert_) return; // INIT level de-assert: arbitration ID sync only
        if ((mode == DM_FIXED || mode == DM_LOWEST) && vector < 16) {
            error(ESR_SEND_ILLEGAL_VECTOR);
            return;
        }
        int destination = x2apicMode() ? icrHigh : icrHigh >>> 24;
        bus.send(this, shorthand, new ApicMessage(destination, (icrLow & ICR_LOGICAL) != 0, mode, vector, false));
    }

    // ---- the CPU's view ----

    @Override
    public boolean sendIpiToApicId(int apicId, int icr) {
        int mode = (icr >>> 8) & 7, vector = icr & 0xFF;
        if ((mode == DM_FIXED || mode == DM_LOWEST) && vector < 16) return false;
        return bus.sendToApicId(apicId, new ApicMessage(apicId, false, mode, vector, false));
    }

    @Override
    public boolean interruptPending() {
        return deliverable >= 0 || picPassThrough && pic.interruptPending();
    }

    @Override
    public int acknowledge() {
        if (deliverable >= 0) {
            int v = deliverable;
            int w = v >> 5, bit = 1 << (v & 31);
            irr[w] &= ~bit;
            isr[w] |= bit;
            update();
            return v;
        }
        if (picPassThrough && pic.interruptPending()) return pic.acknowledge();
        return -1;
    }

    @Override
    public void nmiHandlerEnded() {
        nmiInHandler = false;
    }

    @Override
    public boolean nmiPending() {
        return nmiPending > 0 || pic.nmiPending();
    }

    @Override
    public void acknowledgeNmi() {
        if (nmiPending > 0) {
            nmiPending--;
            nmiInHandler = true;
        }
        else pic.acknowledgeNmi();
    }

    // ---- for tests and traces ----

    /** IRR, ISR or TMR bit for {@code vector}. */
    boolean inRequest(int vector) {
        return (irr[vector >> 5] & (1 << (vector & 31))) != 0;
    }

    boolean inService(int vector) {
        return (isr[vector >> 5] & (1 << (vector & 31))) != 0;
    }

    boolean levelTriggered(int vector) {
        return (tmr[vector >> 5] & (1 << (vector & 31))) != 0;
    }

    /** Raises this APIC's LINT1 pin (the PC wires NMI sources there). */
    public void lint1Pulse() {
        localInterrupt(LINT1);
    }
}
