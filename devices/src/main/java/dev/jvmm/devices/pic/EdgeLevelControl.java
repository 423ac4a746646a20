package dev.jvmm.devices.pic;

import dev.jvmm.devices.ByteRegisterDevice;

/**
 * The PIIX edge/level control registers at 0x4d0 (IRQ 0-7) and 0x4d1 (IRQ 8-15): a 1 bit makes that
 * PIC input level-triggered (shared PCI interrupts), a 0 edge-triggered (ISA). IRQ 0, 1, 2, 8 and 13
 * cannot be made level-triggered; those bits read 0. Not emulated: nothing beyond the two registers.
 */
public final class EdgeLevelControl extends ByteRegisterDevice {
    private final PicPair pair;

    EdgeLevelControl(PicPair pair) {
        super(2);
        this.pair = pair;
    }

    @Override
    public String name() {
        return "pic-elcr";
    }

    @Override
    protected int readByte(int offset) {
        return offset == 0 ? pair.master().elcr() : pair.slave().elcr();
    }

    @Override
    protected void writeByte(int offset, int value) {
        if (offset == 0) pair.master().setElcr(value & PicPair.MASTER_ELCR_MASK);
        else pair.slave().setElcr(value & PicPair.SLAVE_ELCR_MASK);
        pair.update();
    }
}
