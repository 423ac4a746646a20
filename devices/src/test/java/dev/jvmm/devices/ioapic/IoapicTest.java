package dev.jvmm.devices.ioapic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.clock.TimerQueue;
import dev.jvmm.core.clock.VirtualClock;
import dev.jvmm.core.irq.InterruptController;
import dev.jvmm.devices.apic.ApicBus;
import dev.jvmm.devices.apic.LocalApic;
import dev.jvmm.devices.apic.XapicWindow;
import org.junit.jupiter.api.Test;

/** Registers and pin behaviour against the 82093AA datasheet (and the kvm-unit-tests ioapic cases). */
class IoapicTest {
    private final ApicBus bus = new ApicBus();
    private final LocalApic apic = new LocalApic(0, bus, InterruptController.NONE, new TimerQueue(new VirtualClock(1)));
    private final XapicWindow apicPage = new XapicWindow(bus);
    private final Ioapic ioapic = new Ioapic(bus);

    IoapicTest() {
        apicPage.write(0xF0, 4, 0x1FF); // software-enable the local APIC
    }

    private int reg(int index) {
        ioapic.write(Ioapic.IOREGSEL, 4, index);
        return (int) ioapic.read(Ioapic.IOWIN, 4);
    }

    private void setReg(int index, long value) {
        ioapic.write(Ioapic.IOREGSEL, 4, index);
        ioapic.write(Ioapic.IOWIN, 4, value & 0xFFFF_FFFFL);
    }

    private void redirect(int pin, int low) {
        setReg(0x11 + 2 * pin, 0);
        setReg(0x10 + 2 * pin, low);
    }

    /** The CPU takes the interrupt: INTA and, as the handler would, EOI. */
    private int takeAndEoi() {
        int v = apic.acknowledge();
        apicPage.write(0xB0, 4, 0);
        return v;
    }

    @Test
    void identificationRegisters() {
        assertEquals(0x0017_0020, reg(1), "version 0x20, 24 entries");
        setReg(1, 0);
        assertEquals(0x0017_0020, reg(1), "version is read-only");
        setReg(0, 0xFFFF_FFFF);
        assertEquals(0x0F00_0000, reg(0), "only ID bits 27:24 are writable");
        assertEquals(0x0F00_0000, reg(2), "arbitration ID follows the ID");
        setReg(2, 0);
        assertEquals(0x0F00_0000, reg(2), "arbitration ID is read-only");
        assertEquals(0, reg(0x40), "beyond the table: zeros");
        ioapic.write(Ioapic.IOREGSEL, 4, 0x1FF);
        assertEquals(0xFF, ioapic.read(Ioapic.IOREGSEL, 4), "IOREGSEL holds 8 bits");
    }

    @Test
    void undecodedOffsetsReadZeroAndNarrowWindowWritesAreIgnored() {
        for (long off : new long[] {0x04, 0x08, 0x0C, 0x20, 0x30, 0x50, 0xFC}) {
            ioapic.write(off, 4, 0xFFFF_FFFFL);
            assertEquals(0, ioapic.read(off, 4), "offset 0x" + Long.toHexString(off));
        }
        assertEquals(0, ioapic.read(Ioapic.IOREGSEL, 4), "IOREGSEL untouched by the writes around it");
        ioapic.write(Ioapic.IOREGSEL, 4, 0x10);
        ioapic.write(Ioapic.IOWIN, 1, 0x42); // the datasheet allows only 32-bit register accesses
        assertEquals(0x10000, reg(0x10), "a byte write to IOWIN changes nothing");
        ioapic.write(Ioapic.IOREGSEL, 4, 0x01);
        assertEquals(0x20, ioapic.read(Ioapic.IOWIN, 1), "a byte read of the version register: its low byte");
    }

    @Test
    void entriesResetMaskedAndKeepOnlyWritableBits() {
        for (int pin = 0; pin < Ioapic.PINS; pin++) assertEquals(0x10000, reg(0x10 + 2 * pin));
        setReg(0x10, 0xFFFF_FFFF);
        setReg(0x11, 0xFFFF_FFFF);
        assertEquals(0x1AFFF, reg(0x10), "delivery status and Remote IRR are read-only");
        assertEquals(0xFF00_0000, reg(0x11));
    }

    @Test
    void edgePinSendsOnePerRisingEdgeAndDropsMaskedEdges() {
        redirect(14, 0x76);
        ioapic.pin(14).pulse();
        assertEquals(0x76, takeAndEoi());
        assertFalse(apic.interruptPending());
        assertFalse(tmrBit(0x76), "edge: TMR clear");
        redirect(14, 0x10000 | 0x81);
        ioapic.pin(14).pulse();
        redirect(14, 0x81);
        assertFalse(apic.interruptPending(), "an edge while masked is lost");
        ioapic.pin(14).raise();
        assertEquals(0x81, takeAndEoi());
    }

    private boolean tmrBit(int vector) {
        int word = (int) apicPage.read(0x180 + 16 * (vector >> 5), 4);
        return (word & (1 << (vector & 31))) != 0;
    }

    @Test
    void levelPinHoldsRemoteIrrUntilEoiAndRetriggersWhileAsserted() {
        redirect(14, 0x8000 | 0x9A);
        ioapic.pin(14).raise();
        assertTrue((reg(0x10 + 28) & 0x4000) != 0, "Remote IRR set while the message is served");
        assertTrue(tmrBit(0x9A), "level: TMR set");
        assertEquals(0x9A, takeAndEoi(), "EOI with the line still high...");
        assertEquals(0x9A, apic.acknowledge(), "...sends again");
        ioapic.pin(14).lower();
        apicPage.write(0xB0, 4, 0);
        assertFalse(apic.interruptPending());
        assertEquals(0, reg(0x10 + 28) & 0x4000);
    }

    @Test
    void levelInterruptsCoalesceWhileRemoteIrrIsSet() {
        redirect(14, 0x8000 | 0x98);
        ioapic.pin(14).raise();
        int v = apic.acknowledge();
        ioapic.pin(14).lower(); // the handler drops and raises the line: no second message
        ioapic.pin(14).raise();
        ioapic.pin(14).lower();
        apicPage.write(0xB0, 4, 0);
        assertEquals(0x98, v);
        assertFalse(apic.interruptPending());
    }

    @Test
    void unmaskingAnAssertedLevelPinSendsAtOnce() {
        redirect(14, 0x18000 | 0x82);
        ioapic.pin(14).raise();
        assertFalse(apic.interruptPending());
        redirect(14, 0x8000 | 0x82);
        assertEquals(0x82, apic.acknowledge());
    }

    @Test
    void theEoiRegisterClearsRemoteIrr() {
        redirect(3, 0x8000 | 0x55);
        ioapic.pin(3).raise();
        apic.acknowledge();
        ioapic.pin(3).lower();
        ioapic.write(Ioapic.EOI, 4, 0x55);
        assertEquals(0, reg(0x10 + 6) & 0x4000);
    }

    @Test
    void physicalDestinationMustMatch() {
        setReg(0x11 + 2 * 5, 0x0100_0000); // APIC ID 1: nobody
        setReg(0x10 + 2 * 5, 0x60);
        ioapic.pin(5).pulse();
        assertFalse(apic.interruptPending());
        assertEquals(0, ioapic.messagesSent() - 1, "sent, but no APIC took it");
    }
}
