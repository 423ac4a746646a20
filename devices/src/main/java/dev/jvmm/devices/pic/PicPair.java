package dev.jvmm.devices.pic;

import dev.jvmm.core.irq.InterruptController;
import dev.jvmm.core.irq.IrqLine;

/**
 * The PC/AT's two cascaded 8259As: the master at 0x20/0x21 takes IRQ 0-7, the slave at 0xa0/0xa1
 * takes IRQ 8-15 and drives the master's IR2; the edge/level control registers (ELCR) of the PIIX
 * south bridge sit at 0x4d0/0x4d1. This is the CPU's {@link InterruptController}: INTR is the master's
 * INT output, and {@link #acknowledge()} runs the INTA sequence, fetching the vector from the slave
 * when the master picks IR2 (datasheet "Cascade mode").
 *
 * <p>The slave's INT output is fed to the master's IR2 as a level (it stays up while the slave has
 * something to deliver), so the order of the guest's EOIs to master and slave does not matter.
 * Should an INTA find nothing deliverable, the CPU gets IR7's vector (IR15's when the slave is empty)
 * and no ISR bit is set — the 8259A's "spurious interrupt". On real hardware that happens when an
 * edge request vanishes before INTA; here INTR is recomputed at every change, so the engine's
 * {@code interruptPending()} / {@code acknowledge()} pair on one thread does not meet it.
 *
 * <p>Device lines: {@link #irqLine(int)} for IRQ 0-15. As on the AT bus, ISA IRQ2 is wired to IRQ9
 * (the master's IR2 is taken by the cascade). All state changes run on the vCPU thread; INTR is
 * published through a volatile field so {@link #interruptPending()} is one read.
 *
 * <p>Not emulated: anything beyond one cascaded pair (a later IOAPIC will receive the same lines).
 */
public final class PicPair implements InterruptController {
    public static final int MASTER_PORT = 0x20, SLAVE_PORT = 0xa0, ELCR_PORT = 0x4d0;
    public static final int CASCADE_IRQ = 2;
    /** ELCR bits that may be set: IRQ 0, 1, 2, 8 and 13 are always edge-triggered on a PC (PIIX datasheet). */
    static final int MASTER_ELCR_MASK = 0xF8, SLAVE_ELCR_MASK = 0xDE;

    private final Pic8259 master = new Pic8259("pic-master", true, this::update);
    private final Pic8259 slave = new Pic8259("pic-slave", false, this::update);
    private final EdgeLevelControl elcr = new EdgeLevelControl(this);
    private final IrqLine[] lines = new IrqLine[16];
    private volatile boolean intr;

    public PicPair() {
        for (int n = 0; n < 16; n++) {
            int irq = n == CASCADE_IRQ ? 9 : n;
            lines[n] = level -> setIrq(irq, level);
        }
    }

    public Pic8259 master() {
        return master;
    }

    public Pic8259 slave() {
        return slave;
    }

    /** The ELCR register pair, to be registered at {@link #ELCR_PORT} (2 ports). */
    public EdgeLevelControl elcr() {
        return elcr;
    }

    /** The wire for ISA IRQ {@code n} (0-15); IRQ2 is the AT's redirection to IRQ9. */
    public IrqLine irqLine(int n) {
        if (n < 0 || n > 15) throw new IllegalArgumentException("IRQ must be 0-15: " + n);
        return lines[n];
    }

    private void setIrq(int irq, boolean level) {
        (irq < 8 ? master : slave).setInput(irq & 7, level);
        update();
    }

    /** Recomputes the cascade wire and INTR after any change of either chip. */
    void update() {
        master.setInput(CASCADE_IRQ, slave.pendingLevel() >= 0);
        intr = master.pendingLevel() >= 0;
    }

    @Override
    public boolean interruptPending() {
        return intr;
    }

    @Override
    public int acknowledge() {
        if (!intr) return -1;
        int level = master.pendingLevel();
        int vector;
        if (level < 0) {
            master.countSpurious();
            vector = master.vectorBase + 7;
        } else {
            master.acknowledge(level);
            if (level == CASCADE_IRQ) {
                int slaveLevel = slave.pendingLevel();
                if (slaveLevel < 0) {
                    slave.countSpurious();
                    vector = slave.vectorBase + 7;
                } else {
                    slave.acknowledge(slaveLevel);
                    vector = slave.vectorBase + slaveLevel;
                }
            } else {
                vector = master.vectorBase + level;
            }
        }
        update();
        return vector;
    }

    /** IRR as a 16-bit value (bit n = IRQ n), for traces and tests. */
    public int requestRegister() {
        return master.irr | (slave.irr << 8);
    }

    /** ISR as a 16-bit value. */
    public int inServiceRegister() {
        return master.isr | (slave.isr << 8);
    }

    /** IMR as a 16-bit value. */
    public int maskRegister() {
        return master.imr | (slave.imr << 8);
    }
}
