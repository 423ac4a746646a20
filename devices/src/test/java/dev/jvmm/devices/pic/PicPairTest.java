package dev.jvmm.devices.pic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PicPairTest {
    private final PicPair pic = new PicPair();

    private void outMaster(int offset, int value) {
        pic.master().write(offset, 1, value);
    }

    private void outSlave(int offset, int value) {
        pic.slave().write(offset, 1, value);
    }

    /** Linux init_8259A(): ICW1-4 for both chips, vectors 0x30/0x38 here, everything masked, then unmask. */
    private void linuxInit(boolean autoEoi) {
        linuxInit(autoEoi ? 0x03 : 0x01);
    }

    private void linuxInit(int masterIcw4) {
        outMaster(1, 0xff);
        outSlave(1, 0xff);
        outMaster(0, 0x11);            // ICW1: edge, cascade, ICW4 needed
        outMaster(1, 0x30);            // ICW2: vector base
        outMaster(1, 1 << 2);          // ICW3: slave on IR2
        outMaster(1, masterIcw4);     // ICW4: 8086 mode (+AEOI 0x02, +SFNM 0x10)
        outSlave(0, 0x11);
        outSlave(1, 0x38);
        outSlave(1, 0x02);             // ICW3: slave id 2
        outSlave(1, 0x01);
        outMaster(1, 0x00);
        outSlave(1, 0x00);
    }

    @BeforeEach
    void init() {
        linuxInit(false);
    }

    @Test
    void linuxProbeWritesTheMaskBeforeAnyInitAndReadsItBack() {
        PicPair fresh = new PicPair();
        fresh.master().write(1, 1, 0xff); // probe_8259A: OCW1 on a chip never initialised
        assertEquals(0xff, fresh.master().read(1, 1));
        fresh.irqLine(3).pulse();
        assertFalse(fresh.interruptPending(), "all masked");
    }

    @Test
    void initSequenceProgramsVectorsAndMasks() {
        outMaster(1, 0xfb);
        assertEquals(0xfb, pic.master().read(1, 1));
        assertEquals(0x00, pic.slave().read(1, 1));
        assertFalse(pic.interruptPending());
        assertEquals(-1, pic.acknowledge());
    }

    @Test
    void edgeRequestIsDeliveredOnceWithItsVectorAndNeedsEoi() {
        pic.irqLine(0).pulse();
        assertTrue(pic.interruptPending());
        assertEquals(0x30, pic.acknowledge());
        assertFalse(pic.interruptPending());
        assertEquals(0x01, pic.inServiceRegister());
        pic.irqLine(0).pulse(); // next tick while still in service: latched in IRR, blocked by ISR
        assertFalse(pic.interruptPending());
        outMaster(0, 0x20); // non-specific EOI
        assertTrue(pic.interruptPending());
        assertEquals(0x30, pic.acknowledge());
    }

    @Test
    void priorityOrderAndNesting() {
        pic.irqLine(4).raise();
        pic.irqLine(1).raise();
        assertEquals(0x31, pic.acknowledge(), "IR1 before IR4");
        assertFalse(pic.interruptPending(), "IR4 is lower than IR1 in service");
        pic.irqLine(0).raise();
        assertEquals(0x30, pic.acknowledge(), "IR0 nests above IR1");
        outMaster(0, 0x20); // EOI clears IR0 (highest in service)
        assertEquals(0x02, pic.inServiceRegister());
        outMaster(0, 0x20);
        assertEquals(0x34, pic.acknowledge());
    }

    @Test
    void readIrrAndIsrThroughOcw3() {
        pic.irqLine(3).raise();
        pic.irqLine(5).raise();
        outMaster(0, 0x0a); // OCW3 read IRR
        assertEquals(0x28, pic.master().read(0, 1));
        assertEquals(0x33, pic.acknowledge());
        outMaster(0, 0x0b); // read ISR
        assertEquals(0x08, pic.master().read(0, 1));
        outMaster(0, 0x63); // specific EOI for IR3
        assertEquals(0x00, pic.master().read(0, 1));
        outMaster(0, 0x0a);
        assertEquals(0x20, pic.master().read(0, 1));
    }

    @Test
    void maskedRequestWaitsInIrr() {
        outMaster(1, 0x10);
        pic.irqLine(4).pulse();
        assertFalse(pic.interruptPending());
        outMaster(1, 0x00);
        assertEquals(0x34, pic.acknowledge());
    }

    @Test
    void cascadeDeliversSlaveVectorsAndLinuxEoiOrder() {
        pic.irqLine(8).pulse();
        pic.irqLine(12).pulse();
        assertTrue(pic.interruptPending());
        assertEquals(0x38, pic.acknowledge(), "IRQ8 via the slave");
        assertEquals(0x0104, pic.inServiceRegister(), "master IR2 and slave IR0 in service");
        assertFalse(pic.interruptPending());
        outSlave(0, 0x60);  // specific EOI IR0 on the slave
        outMaster(0, 0x62); // specific EOI IR2 on the master
        assertEquals(0x3c, pic.acknowledge(), "IRQ12 next");
        // Opposite EOI order: master first, then slave. IRQ13 (slave IR5) is below IRQ12 in service.
        pic.irqLine(13).pulse();
        assertFalse(pic.interruptPending());
        outMaster(0, 0x20);
        assertFalse(pic.interruptPending(), "slave IR4 still in service blocks IR5");
        outSlave(0, 0x20);
        assertTrue(pic.interruptPending());
        assertEquals(0x3d, pic.acknowledge());
    }

    @Test
    void irq2IsWiredToIrq9() {
        pic.irqLine(2).pulse();
        assertEquals(0x39, pic.acknowledge());
    }

    @Test
    void higherSlaveRequestNestsOnlyWithSpecialFullyNestedMode() {
        pic.irqLine(10).pulse();
        assertEquals(0x3a, pic.acknowledge());
        pic.irqLine(8).pulse(); // higher priority on the slave, but master IR2 is in service
        assertFalse(pic.interruptPending(), "fully nested mode: IR2 in service blocks IR2");

        linuxInit(0x11); // ICW4 with SFNM on the master
        pic.irqLine(10).pulse();
        assertEquals(0x3a, pic.acknowledge());
        pic.irqLine(8).pulse();
        assertTrue(pic.interruptPending(), "SFNM: the slave's higher request passes IR2 in service");
        assertEquals(0x38, pic.acknowledge());
        pic.irqLine(11).pulse();
        assertFalse(pic.interruptPending(), "the slave itself still honours its own ISR");
    }

    @Test
    void levelRequestThatDropsIsWithdrawn() {
        // Level-triggered IRQ 10 via ELCR: IRR follows the line, so a request that goes away is gone.
        pic.elcr().write(1, 1, 0x04);
        assertEquals(0x04, pic.elcr().read(1, 1));
        pic.irqLine(10).raise();
        assertTrue(pic.interruptPending());
        pic.irqLine(10).lower();
        assertFalse(pic.interruptPending());
        assertEquals(-1, pic.acknowledge());
        // ELCR cannot make IRQ 0/1/2/8/13 level-triggered.
        pic.elcr().write(0, 2, 0xffff);
        assertEquals(0xdef8, pic.elcr().read(0, 2));
    }

    @Test
    void pollCommandAcknowledgesTheHighestRequest() {
        pic.irqLine(9).pulse();
        assertTrue(pic.interruptPending());
        outSlave(0, 0x0c); // OCW3 with P: the next read is the poll byte
        assertEquals(0x81, pic.slave().read(0, 1), "poll: request present at level 1");
        assertEquals(0x00, pic.slave().read(0, 1), "the next read is IRR again, and the poll cleared IR1");
        assertFalse(pic.interruptPending(), "slave's IR1 is now in service");
        outSlave(0, 0x20);
        assertFalse(pic.interruptPending());
        outMaster(0, 0x0c);
        assertEquals(0x00, pic.master().read(0, 1), "poll with nothing pending: bit 7 clear");
    }

    @Test
    void levelTriggeredLineReRequestsAfterEoiWhileHigh() {
        pic.elcr().write(1, 1, 0x08); // IRQ11 level
        pic.irqLine(11).raise();
        assertEquals(0x3b, pic.acknowledge());
        outSlave(0, 0x20);
        outMaster(0, 0x20);
        assertTrue(pic.interruptPending(), "still asserted: requested again");
        assertEquals(0x3b, pic.acknowledge());
        pic.irqLine(11).lower();
        outSlave(0, 0x20);
        outMaster(0, 0x20);
        assertFalse(pic.interruptPending());
    }

    @Test
    void autoEoiLeavesIsrClear() {
        linuxInit(true);
        pic.irqLine(3).pulse();
        assertEquals(0x33, pic.acknowledge());
        assertEquals(0, pic.inServiceRegister());
        pic.irqLine(3).pulse();
        assertEquals(0x33, pic.acknowledge(), "no EOI needed");
    }

    @Test
    void rotateOnAutoEoiGivesRoundRobin() {
        linuxInit(true);
        outMaster(0, 0x80); // rotate in AEOI mode: set
        for (int n : new int[] {1, 3, 5}) pic.irqLine(n).raise();
        assertEquals(0x31, pic.acknowledge());
        pic.irqLine(1).lower();
        pic.irqLine(1).raise();
        assertEquals(0x33, pic.acknowledge(), "IR1 is now lowest priority");
        assertEquals(0x35, pic.acknowledge());
        assertEquals(0x31, pic.acknowledge());
    }

    @Test
    void rotateOnNonSpecificEoiAndSetPriority() {
        pic.irqLine(2 + 4).raise(); // IR6
        pic.irqLine(5).raise();
        assertEquals(0x35, pic.acknowledge());
        outMaster(0, 0xa0); // rotate on non-specific EOI: IR5 becomes lowest, IR6 highest
        pic.irqLine(4).raise();
        assertEquals(0x36, pic.acknowledge(), "IR6 outranks IR4 after rotation");
        outMaster(0, 0xe6); // rotate on specific EOI for IR6: IR7 highest
        outMaster(0, 0xc3); // set priority: IR3 lowest, IR4 highest
        assertEquals(0x34, pic.acknowledge());
    }

    @Test
    void specialMaskModeLetsLowerLevelsInWhileCurrentIsMasked() {
        pic.irqLine(1).pulse();
        assertEquals(0x31, pic.acknowledge());
        pic.irqLine(5).pulse();
        assertFalse(pic.interruptPending());
        outMaster(0, 0x68); // OCW3: set special mask mode
        outMaster(1, 0x02); // mask IR1 (in service)
        assertTrue(pic.interruptPending());
        assertEquals(0x35, pic.acknowledge());
        outMaster(0, 0x48); // reset special mask mode
        outMaster(0, 0x65); // specific EOI IR5
        outMaster(0, 0x61); // specific EOI IR1
        assertEquals(0, pic.inServiceRegister());
    }

    @Test
    void icw1ResetsEdgeSense() {
        pic.irqLine(3).raise();
        linuxInit(false);
        assertFalse(pic.interruptPending(), "ICW1 clears IRR; a line already high must rise again");
        pic.irqLine(3).set(true);
        assertFalse(pic.interruptPending());
        pic.irqLine(3).lower();
        pic.irqLine(3).raise();
        assertEquals(0x33, pic.acknowledge());
    }

    @Test
    void anyWidthAndAnyValueNeverThrows() {
        for (int v = 0; v < 256; v++) {
            pic.master().write(0, 1, v);
            pic.master().write(1, 4, v * 0x01010101);
            pic.slave().write(0, 2, v << 8 | v);
            pic.master().read(0, 4);
            pic.elcr().write(0, 4, v);
            pic.acknowledge();
        }
    }
}
