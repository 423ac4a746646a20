package dev.jvmm.devices.pic;

import dev.jvmm.devices.ByteRegisterDevice;

/**
 * One Intel 8259A programmable interrupt controller: eight request inputs, the IRR/ISR/IMR
 * registers, the priority resolver, and the initialisation (ICW1-4) and operation (OCW1-3) command
 * words at its two ports (offset 0 = A0 low, offset 1 = A0 high). {@link PicPair} connects two of them
 * the PC/AT way and talks to the CPU.
 *
 * <p>Priority: level {@code highest} has the highest priority, then {@code highest+1} ... modulo 8.
 * After ICW1 IR0 is highest; "rotate" commands make the level just serviced the lowest.
 * A request is passed on to the CPU if it is unmasked and of higher priority than everything in
 * service (datasheet "Fully nested mode"), except that special mask mode lets masked in-service levels
 * not block, and special fully nested mode (on the master) lets the cascade input interrupt again.
 *
 * <p>Triggering: an edge-triggered input latches a rising edge into IRR, which stays set until
 * the interrupt is acknowledged even if the line falls again (so a device may simply pulse it, as
 * QEMU and most VMMs model it); a level-triggered input (ELCR bit or ICW1 LTIM) makes IRR follow
 * the line. After ICW1 an edge input must rise again to request (datasheet: "edge sense circuit is
 * reset").
 *
 * <p>Not emulated: MCS-80/85 mode (ICW4 bit 0 = 0 is treated as 8086 mode: the CPU gets the vector
 * ICW2 + level), the call address interval (ICW1 bit 2), buffered mode and master/slave selection
 * by SP/EN (ICW4 bits 2-3; the pair's wiring decides), the exact timing of IRRs that fall before
 * INTA (which on hardware yields a spurious IR7).
 */
public final class Pic8259 extends ByteRegisterDevice {
    private final String name;
    private final Runnable onChange;
    private final boolean master;

    int irr, isr, imr;
    private int lines;          // current input pin levels
    private int levelTriggered; // ELCR bits (plus all ones with LTIM, plus the cascade input on a master)
    private int elcr;
    private int cascadeInput;   // on the master: the input wired to the slave's INT, always level-sensitive
    int vectorBase;
    int highest;                // the level with the highest priority (QEMU calls it priority_add)
    private int initStep;       // 0 = operating; 2, 3, 4 = the next byte on port 1 is that ICW
    private boolean icw4Expected, single, ltim;
    boolean autoEoi, rotateOnAutoEoi, specialMask, specialFullyNested;
    private boolean readIsr, pollPending;
    private long spurious;

    /**
     * @param name     for traces ("pic-master")
     * @param master   true for the chip whose IR2 is the cascade input
     * @param onChange called after every register access, so the pair can recompute INTR
     */
    public Pic8259(String name, boolean master, Runnable onChange) {
        super(2);
        this.name = name;
        this.master = master;
        this.onChange = onChange;
        this.cascadeInput = master ? 1 << 2 : 0;
        updateTriggerMask();
    }

    @Override
    public String name() {
        return name;
    }

    // ---- inputs ----

    /** Drives input {@code n} (0-7) to {@code level}. */
    void setInput(int n, boolean level) {
        int mask = 1 << n;
        if ((levelTriggered & mask) != 0) {
            irr = level ? irr | mask : irr & ~mask;
        } else if (level && (lines & mask) == 0) {
            irr |= mask;
        }
        lines = level ? lines | mask : lines & ~mask;
    }

    /** Sets the edge/level control bits (ELCR; 1 = level). */
    void setElcr(int value) {
        elcr = value & 0xFF;
        updateTriggerMask();
    }

    int elcr() {
        return elcr;
    }

    private void updateTriggerMask() {
        levelTriggered = (ltim ? 0xFF : elcr) | cascadeInput;
        // Level inputs: IRR shows the line now.
        irr = (irr & ~levelTriggered) | (lines & levelTriggered);
    }

    // ---- priority resolver ----

    /** Priority rank (0 = highest) of the highest-priority bit set in {@code bits}, or 8 if none. */
    private int bestRank(int bits) {
        for (int rank = 0; rank < 8; rank++) {
            if ((bits & (1 << ((rank + highest) & 7))) != 0) return rank;
        }
        return 8;
    }

    /** The level this chip would present to the CPU now, or -1 (its INT output is low). */
    int pendingLevel() {
        int requested = bestRank(irr & ~imr);
        if (requested == 8) return -1;
        int blocking = isr;
        if (specialMask) blocking &= ~imr;
        if (specialFullyNested && master) blocking &= ~cascadeInput;
        return requested < bestRank(blocking) ? (requested + highest) & 7 : -1;
    }

    /**
     * The INTA cycle for {@code level} (a value from {@link #pendingLevel()}): sets its ISR bit (unless
     * auto-EOI) and clears an edge-triggered request.
     */
    void acknowledge(int level) {
        int mask = 1 << level;
        if ((levelTriggered & mask) == 0) irr &= ~mask;
        if (autoEoi) {
            if (rotateOnAutoEoi) highest = (level + 1) & 7;
        } else {
            isr |= mask;
        }
    }

    /** Counts an INTA with nothing to deliver (the CPU gets the IR7 vector, ISR untouched). */
    void countSpurious() {
        spurious++;
    }

    /** Number of spurious interrupt acknowledges. */
    public long spuriousCount() {
        return spurious;
    }

    // ---- registers ----

    @Override
    protected int readByte(int offset) {
        int v;
        if (pollPending) {
            // Poll command (OCW3 P): the read is the acknowledge; bit 7 = request present, bits 2-0 = level.
            pollPending = false;
            int level = pendingLevel();
            if (level >= 0) {
                acknowledge(level);
                v = 0x80 | level;
            } else {
                v = 0;
            }
        } else if (offset == 0) {
            v = readIsr ? isr : irr;
        } else {
            v = imr;
        }
        onChange.run();
        return v;
    }

    @Override
    protected void writeByte(int offset, int value) {
        if (offset == 0) {
            if ((value & 0x10) != 0) icw1(value);
            else if ((value & 0x08) != 0) ocw3(value);
            else ocw2(value);
        } else {
            switch (initStep) {
                case 2 -> {
                    vectorBase = value & 0xF8;
                    initStep = single ? (icw4Expected ? 4 : 0) : 3;
                }
                case 3 -> initStep = icw4Expected ? 4 : 0; // ICW3: the cascade wiring is fixed by the pair
                case 4 -> {
                    autoEoi = (value & 0x02) != 0;
                    specialFullyNested = (value & 0x10) != 0;
                    initStep = 0;
                }
                default -> imr = value; // OCW1
            }
        }
        onChange.run();
    }

    private void icw1(int value) {
        // Datasheet "Initialization command words": IMR and ISR cleared, IR0 highest priority, special
        // mask mode off, read IRR selected, edge sense reset; ICW4 functions zero unless IC4.
        icw4Expected = (value & 0x01) != 0;
        single = (value & 0x02) != 0;
        ltim = (value & 0x08) != 0;
        imr = 0;
        isr = 0;
        irr = 0;
        highest = 0;
        readIsr = false;
        pollPending = false;
        specialMask = false;
        autoEoi = false;
        rotateOnAutoEoi = false;
        specialFullyNested = false;
        initStep = 2;
        updateTriggerMask();
    }

    private void ocw2(int value) {
        int level = value & 7;
        switch (value >>> 5) {
            case 0 -> rotateOnAutoEoi = false;
            case 4 -> rotateOnAutoEoi = true;
            case 1 -> nonSpecificEoi(false);
            case 5 -> nonSpecificEoi(true);
            case 3 -> isr &= ~(1 << level);
            case 7 -> {
                isr &= ~(1 << level);
                highest = (level + 1) & 7;
            }
            case 6 -> highest = (level + 1) & 7; // set priority: 'level' becomes the lowest
            default -> { } // 2: no operation
        }
    }

    private void nonSpecificEoi(boolean rotate) {
        int rank = bestRank(isr);
        if (rank == 8) return;
        int level = (rank + highest) & 7;
        isr &= ~(1 << level);
        if (rotate) highest = (level + 1) & 7;
    }

    private void ocw3(int value) {
        if ((value & 0x04) != 0) pollPending = true;
        if ((value & 0x02) != 0) readIsr = (value & 0x01) != 0;
        if ((value & 0x40) != 0) specialMask = (value & 0x20) != 0;
    }
}
