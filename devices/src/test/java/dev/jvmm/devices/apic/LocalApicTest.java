package dev.jvmm.devices.apic;

import static dev.jvmm.devices.apic.ApicRegisters.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.clock.TimerQueue;
import dev.jvmm.core.clock.VirtualClock;
import dev.jvmm.core.cpu.Msr;
import dev.jvmm.core.irq.InterruptController;
import dev.jvmm.devices.pic.PicPair;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Register values and behaviour against the SDM vol. 3A APIC chapter. */
class LocalApicTest {
    private final VirtualClock clock = new VirtualClock(1);
    private final TimerQueue timers = new TimerQueue(clock);
    private final PicPair pic = new PicPair();
    private final ApicBus bus = new ApicBus();
    private final LocalApic apic = new LocalApic(0, bus, pic, timers);
    private final XapicWindow window = new XapicWindow(bus);

    private int read(int offset) {
        return (int) window.read(offset, 4);
    }

    private void write(int offset, int value) {
        window.write(offset, 4, value & 0xFFFF_FFFFL);
    }

    private void enable() {
        write(SVR, 0x1FF);
    }

    private void selfIpi(int vector) {
        write(ICR_LOW, (ApicBus.SELF << 18) | vector);
    }

    private void runTo(long nanos) {
        while (timers.nextDeadline() <= nanos) {
            clock.skipTo(timers.nextDeadline());
            timers.runDue();
        }
        clock.skipTo(nanos);
        timers.runDue();
    }

    @Test
    void resetValuesAreTheSdms() {
        assertEquals(0xFEE0_0900L, apic.apicBase(), "enabled, BSP, at 0xFEE00000");
        assertEquals(0, read(ID));
        assertEquals(0x50014, read(VERSION), "integrated APIC, 6 LVT entries");
        assertEquals(0, read(TPR));
        assertEquals(0, read(PPR));
        assertEquals(0, read(LDR));
        assertEquals(0xFFFF_FFFF, read(DFR));
        assertEquals(0xFF, read(SVR), "software-disabled, spurious vector 0xFF");
        assertEquals(LVT_MASKED, read(LVT_TIMER));
        assertEquals(0x700, read(LVT_LINT0), "the BSP's LINT0 is ExtINT, as firmware leaves it");
        assertEquals(LVT_MASKED, read(LVT_LINT1));
        assertEquals(LVT_MASKED, read(LVT_ERROR));
        assertEquals(0, read(TIMER_INITIAL));
        assertEquals(0, read(TIMER_CURRENT));
        for (int k = 0; k < 8; k++) assertEquals(0, read(IRR + 16 * k) | read(ISR + 16 * k) | read(TMR + 16 * k));
    }

    @Test
    void writableBitsAndReadOnlyRegisters() {
        write(ID, 0xFFFF_FFFF);
        assertEquals(0xFF00_0000, read(ID));
        write(ID, 0);
        write(TPR, 0x1FF);
        assertEquals(0xFF, read(TPR));
        write(TPR, 0);
        write(LDR, 0xFFFF_FFFF);
        assertEquals(0xFF00_0000, read(LDR));
        write(DFR, 0);
        assertEquals(0x0FFF_FFFF, read(DFR), "cluster model; bits 27:0 read as ones");
        write(SVR, 0xFFFF_FFFF);
        assertEquals(0x1FF, read(SVR), "focus checking and EOI suppression are not offered");
        write(VERSION, 0);
        write(PPR, 0x55);
        write(TIMER_CURRENT, 5);
        assertEquals(0x50014, read(VERSION));
        assertEquals(0, read(PPR));
        assertEquals(0, read(TIMER_CURRENT));
        write(ICR_HIGH, 0xFFFF_FFFF);
        assertEquals(0xFF00_0000, read(ICR_HIGH));
        write(TIMER_DIVIDE, 0xFF);
        assertEquals(0xB, read(TIMER_DIVIDE));
        assertEquals(0, read(ESR), "no error so far");
    }

    @Test
    void inServiceTriggerModeAndRequestRegistersIgnoreWrites() {
        enable();
        selfIpi(0x45);
        for (int k = 0; k < 8; k++) {
            write(ISR + 16 * k, 0xFFFF_FFFF); // read-only in xAPIC mode (SDM table 11-1): ignored
            write(TMR + 16 * k, 0xFFFF_FFFF);
            write(IRR + 16 * k, 0);
        }
        assertEquals(1 << (0x45 & 31), read(IRR + 16 * (0x45 >> 5)), "IRR keeps the pending vector and nothing else");
        assertEquals(0, read(ISR + 16 * 2));
        assertEquals(0, read(TMR + 16 * 2));
        write(ESR, 0);
        assertEquals(0, read(ESR), "a write to a read-only register is not an illegal-register error");
        assertEquals(0x45, apic.acknowledge());
    }

    @Test
    void lvtEntriesKeepOnlyTheirFieldsAndStayMaskedWhileSoftwareDisabled() {
        write(LVT_TIMER, 0x0004_0040);
        assertEquals(0x0005_0040, read(LVT_TIMER), "software-disabled: the mask cannot be cleared");
        enable();
        write(LVT_TIMER, 0xFFFF_FFFF);
        assertEquals(0x700FF, read(LVT_TIMER));
        write(LVT_LINT0, 0xFFFF_FFFF);
        assertEquals(0x1A7FF, read(LVT_LINT0), "delivery status and remote IRR are read-only");
        write(LVT_ERROR, 0xFFFF_FFFF);
        assertEquals(0x100FF, read(LVT_ERROR));
        write(LVT_THERMAL, 0xFFFF_FFFF);
        assertEquals(0x107FF, read(LVT_THERMAL));
        write(LVT_ERROR, 0x33);
        write(SVR, 0xFF); // software disable masks every entry
        assertEquals(0x10033, read(LVT_ERROR));
    }

    @Test
    void reservedRegistersSetIllegalRegisterAddressInEsr() {
        read(0x040);
        write(0x3A0, 1);
        assertEquals(0, read(ESR), "errors show only after an ESR write");
        write(ESR, 0);
        assertEquals(ESR_ILLEGAL_REGISTER, read(ESR));
        write(ESR, 0);
        assertEquals(0, read(ESR));
    }

    @Test
    void aSelfIpiIsAcceptedAndDeliveredByPriority() {
        enable();
        selfIpi(0x45);
        assertTrue(apic.inRequest(0x45));
        assertTrue(apic.interruptPending());
        assertEquals(0x45, apic.acknowledge());
        assertTrue(apic.inService(0x45));
        assertEquals(0x40, read(PPR));
        selfIpi(0x48); // same priority class: held until EOI
        assertFalse(apic.interruptPending());
        selfIpi(0x51); // higher class: nests
        assertEquals(0x51, apic.acknowledge());
        write(EOI, 0);
        assertFalse(apic.inService(0x51), "EOI clears the highest in-service vector first");
        assertTrue(apic.inService(0x45));
        write(EOI, 0);
        assertEquals(0x48, apic.acknowledge());
        write(EOI, 0);
        assertFalse(apic.interruptPending());
    }

    @Test
    void taskPriorityHoldsBackLowerClasses() {
        enable();
        write(TPR, 0x50);
        selfIpi(0x55);
        assertFalse(apic.interruptPending(), "class 5 is not above TPR class 5");
        assertEquals(0x50, read(PPR));
        apic.writeCr8(4);
        assertEquals(0x40, read(TPR));
        assertEquals(4, apic.readCr8());
        assertTrue(apic.interruptPending());
    }

    @Test
    void aSoftwareDisabledApicAcceptsNoFixedInterrupts() {
        selfIpi(0x45);
        assertFalse(apic.inRequest(0x45));
        assertFalse(apic.interruptPending());
    }

    @Test
    void illegalVectorsSetEsr() {
        enable();
        selfIpi(3);
        write(ESR, 0);
        assertEquals(ESR_SEND_ILLEGAL_VECTOR, read(ESR));
        write(LVT_TIMER, 0x05); // a timer on vector 5 is received as illegal
        write(TIMER_INITIAL, 10);
        runTo(100);
        write(ESR, 0);
        assertEquals(ESR_RECEIVE_ILLEGAL_VECTOR, read(ESR));
        assertFalse(apic.interruptPending());
    }

    @Test
    void theErrorLvtSignalsAnError() {
        enable();
        write(LVT_ERROR, 0x66);
        read(0x050);
        assertEquals(0x66, apic.acknowledge());
    }

    @Test
    void levelTriggeredEoiIsBroadcast() {
        enable();
        List<Integer> eois = new ArrayList<>();
        bus.setEoiListener(eois::add);
        bus.deliver(0, false, DM_FIXED, 0x61, true);
        assertTrue(apic.levelTriggered(0x61));
        assertEquals(0x61, apic.acknowledge());
        write(EOI, 0);
        assertEquals(List.of(0x61), eois);
        selfIpi(0x62);
        apic.acknowledge();
        write(EOI, 0);
        assertEquals(List.of(0x61), eois, "edge-triggered: no broadcast");
    }

    @Test
    void destinationsPhysicalLogicalAndBroadcast() {
        enable();
        bus.deliver(1, false, DM_FIXED, 0x70, false);
        assertFalse(apic.inRequest(0x70), "physical ID 1 is not this APIC");
        bus.deliver(0xFF, false, DM_FIXED, 0x70, false);
        assertTrue(apic.inRequest(0x70), "broadcast");
        write(LDR, 0x0200_0000);
        bus.deliver(0x02, true, DM_FIXED, 0x71, false);
        assertTrue(apic.inRequest(0x71), "flat model: bit 1 matches");
        bus.deliver(0x04, true, DM_FIXED, 0x72, false);
        assertFalse(apic.inRequest(0x72));
        write(DFR, 0);
        write(LDR, 0x3200_0000);
        bus.deliver(0x32, true, DM_FIXED, 0x73, false);
        assertTrue(apic.inRequest(0x73), "cluster 3, member bit 1");
        bus.deliver(0x22, true, DM_FIXED, 0x74, false);
        assertFalse(apic.inRequest(0x74), "another cluster");
        bus.deliver(0, false, DM_LOWEST, 0x75, false);
        assertTrue(apic.inRequest(0x75), "lowest priority among one");
        write(ICR_LOW, (ApicBus.ALL_EXCLUDING_SELF << 18) | 0x76);
        assertFalse(apic.inRequest(0x76));
        write(ICR_LOW, (ApicBus.ALL_INCLUDING_SELF << 18) | 0x77);
        assertTrue(apic.inRequest(0x77));
        assertEquals(0, read(ICR_LOW) & (1 << 12), "delivery status: idle at once");
    }

    @Test
    void nmiIpiAndLint1() {
        enable();
        write(ICR_LOW, (ApicBus.SELF << 18) | (DM_NMI << 8));
        assertTrue(apic.nmiPending());
        apic.acknowledgeNmi();
        assertFalse(apic.nmiPending());
        write(LVT_LINT1, DM_NMI << 8);
        apic.lint1Pulse();
        assertTrue(apic.nmiPending());
    }

    @Test
    void theKickListenerHearsEveryDeliverableInterruptAndNmi() {
        LocalApic other = new LocalApic(1, bus, InterruptController.NONE, timers);
        int[] kicks = new int[1];
        other.setKickListener(() -> kicks[0]++);
        write(ICR_HIGH, 1 << 24); // physical destination: APIC ID 1
        write(ICR_LOW, 0x70);
        assertEquals(0, kicks[0], "a software-disabled APIC accepts no fixed interrupt, so nothing is deliverable");
        other.writeRegister(SVR, 0x1FF);
        other.writeRegister(TPR, 0x80);
        write(ICR_LOW, 0x71);
        assertEquals(0, kicks[0], "held back by the target's task priority");
        write(ICR_LOW, 0x91);
        assertEquals(1, kicks[0], "above the task priority: deliverable");
        write(ICR_LOW, DM_NMI << 8);
        assertEquals(2, kicks[0], "an NMI");
    }

    @Test
    void twoNmisWaitButOnlyOneBehindAHandler() {
        enable();
        for (int k = 0; k < 3; k++) write(ICR_LOW, (ApicBus.SELF << 18) | (DM_NMI << 8));
        apic.acknowledgeNmi();
        assertTrue(apic.nmiPending(), "the second NMI is latched behind the first");
        apic.acknowledgeNmi();
        assertFalse(apic.nmiPending(), "at most two wait (KVM's limit)");
        for (int k = 0; k < 3; k++) write(ICR_LOW, (ApicBus.SELF << 18) | (DM_NMI << 8));
        apic.acknowledgeNmi();
        assertFalse(apic.nmiPending(), "during a handler one NMI is latched, the rest are lost");
        apic.nmiHandlerEnded();
        write(ICR_LOW, (ApicBus.SELF << 18) | (DM_NMI << 8));
        write(ICR_LOW, (ApicBus.SELF << 18) | (DM_NMI << 8));
        apic.acknowledgeNmi();
        assertTrue(apic.nmiPending(), "two again after the IRET");
    }

    @Test
    void thePicPassesThroughLint0ExtIntOnly() {
        programPic();
        pic.irqLine(4).raise();
        assertTrue(apic.interruptPending(), "LINT0 is ExtINT after reset");
        write(LVT_LINT0, 0x700 | LVT_MASKED);
        assertFalse(apic.interruptPending(), "LINT0 masked: the PIC is cut off");
        apic.writeMsr(Msr.APIC_BASE, 0xFEE0_0000L, 0);
        assertTrue(apic.interruptPending(), "APIC globally disabled: INTR goes straight to the CPU");
        assertEquals(0x24, apic.acknowledge());
    }

    private void programPic() {
        int[][] init = {{0x20, 0x11}, {0x21, 0x20}, {0x21, 0x04}, {0x21, 0x01}, {0x21, 0xEF}};
        for (int[] w : init) pic.master().write(w[0] & 1, 1, w[1]);
    }

    @Test
    void theApicGoesFirstAtInta() {
        programPic();
        enable();
        pic.irqLine(4).raise();
        selfIpi(0x30);
        assertEquals(0x30, apic.acknowledge());
        assertEquals(0x24, apic.acknowledge());
    }

    @Test
    void oneShotTimerCountsDownWithTheDivider() {
        enable();
        write(TIMER_DIVIDE, 0x1); // divide by 4
        write(LVT_TIMER, 0x40);
        write(TIMER_INITIAL, 1000);
        assertEquals(1000, read(TIMER_CURRENT));
        runTo(400);
        assertEquals(900, read(TIMER_CURRENT));
        runTo(3999);
        assertFalse(apic.interruptPending());
        runTo(4000);
        assertTrue(apic.interruptPending());
        assertEquals(0, read(TIMER_CURRENT));
        apic.acknowledge();
        write(EOI, 0);
        runTo(100_000);
        assertFalse(apic.interruptPending(), "one-shot: one interrupt");
    }

    @Test
    void periodicTimerReloads() {
        enable();
        write(TIMER_DIVIDE, 0xB); // divide by 1
        write(LVT_TIMER, (TIMER_PERIODIC << 17) | 0x41);
        write(TIMER_INITIAL, 100);
        int count = 0;
        for (long t = 0; t <= 1000; t += 10) {
            runTo(t);
            if (apic.interruptPending()) {
                assertEquals(0x41, apic.acknowledge());
                write(EOI, 0);
                count++;
            }
        }
        assertEquals(10, count);
        runTo(1030);
        assertEquals(70, read(TIMER_CURRENT));
        write(TIMER_INITIAL, 0);
        runTo(5000);
        assertFalse(apic.interruptPending(), "initial count 0 stops the timer");
    }

    @Test
    void aMaskedTimerStillCounts() {
        enable();
        write(LVT_TIMER, LVT_MASKED | 0x40);
        write(TIMER_DIVIDE, 0xB);
        write(TIMER_INITIAL, 50);
        runTo(100);
        assertFalse(apic.interruptPending());
        assertEquals(0, read(TIMER_CURRENT));
    }

    @Test
    void tscDeadlineMode() {
        enable();
        assertTrue(apic.writeMsr(Msr.TSC_DEADLINE, 500, 0));
        assertEquals(0, apic.readMsr(Msr.TSC_DEADLINE).getAsLong(), "ignored outside TSC-deadline mode");
        write(LVT_TIMER, (TIMER_TSC_DEADLINE << 17) | 0x42);
        write(TIMER_INITIAL, 100);
        assertEquals(0, read(TIMER_INITIAL), "initial count is ignored in TSC-deadline mode");
        apic.writeMsr(Msr.TSC_DEADLINE, 500, 100);
        assertEquals(500, apic.readMsr(Msr.TSC_DEADLINE).getAsLong());
        runTo(399);
        assertFalse(apic.interruptPending());
        runTo(400);
        assertEquals(0x42, apic.acknowledge());
        assertEquals(0, apic.readMsr(Msr.TSC_DEADLINE).getAsLong(), "cleared when it fires");
        write(EOI, 0);
        apic.writeMsr(Msr.TSC_DEADLINE, 50, 60);
        assertTrue(apic.interruptPending(), "a deadline already passed fires at once");
    }

    @Test
    void apicBaseStateRules() {
        assertFalse(apic.writeMsr(Msr.APIC_BASE, 0xFEE0_0000L | BASE_EXTD, 0), "x2APIC without enable is invalid");
        assertFalse(apic.writeMsr(Msr.APIC_BASE, 0xFEE0_0800L | 1, 0), "reserved bit 0");
        assertFalse(apic.writeMsr(Msr.APIC_BASE, 0x100_0000_0800L, 0), "beyond 40 physical address bits");
        assertTrue(apic.writeMsr(Msr.APIC_BASE, 0xFEE0_0C00L, 0), "xAPIC -> x2APIC");
        assertTrue(apic.x2apicMode());
        assertEquals(0xFEE0_0D00L, apic.apicBase(), "the BSP bit stays");
        assertFalse(apic.writeMsr(Msr.APIC_BASE, 0xFEE0_0800L, 0), "x2APIC -> xAPIC is invalid");
        assertTrue(apic.writeMsr(Msr.APIC_BASE, 0xFEE0_0000L, 0), "x2APIC -> disabled");
        assertFalse(apic.writeMsr(Msr.APIC_BASE, 0xFEE0_0C00L, 0), "disabled -> x2APIC is invalid");
        assertEquals(-1L, window.read(SVR, 4) | ~0xFFFF_FFFFL, "a disabled APIC's page is not decoded");
        assertTrue(apic.writeMsr(Msr.APIC_BASE, 0xFEE0_0800L, 0));
        assertEquals(0xFF, read(SVR), "re-enabled in its reset state");
    }

    @Test
    void x2apicRegistersThroughMsrs() {
        assertTrue(apic.readMsr(0x802).isEmpty(), "x2APIC MSRs #GP in xAPIC mode");
        assertFalse(apic.writeMsr(0x808, 0, 0));
        apic.writeMsr(Msr.APIC_BASE, 0xFEE0_0C00L, 0);
        assertEquals(-1L, window.read(ID, 4) | ~0xFFFF_FFFFL, "no MMIO in x2APIC mode");
        assertEquals(0, apic.readMsr(0x802).getAsLong(), "32-bit x2APIC ID");
        assertEquals(0x1, apic.readMsr(0x80D).getAsLong(), "LDR derived: cluster 0, bit 0");
        assertFalse(apic.writeMsr(0x802, 1, 0), "ID is read-only");
        assertFalse(apic.writeMsr(0x80D, 1, 0), "LDR is read-only");
        assertTrue(apic.readMsr(0x80E).isEmpty(), "no DFR");
        assertTrue(apic.readMsr(0x809).isEmpty(), "no APR");
        assertTrue(apic.readMsr(0x831).isEmpty(), "no ICR high half");
        assertTrue(apic.readMsr(0x80B).isEmpty(), "EOI is write-only");
        assertFalse(apic.writeMsr(0x80B, 1, 0), "EOI with a non-zero value");
        assertFalse(apic.writeMsr(0x828, 1, 0), "ESR with a non-zero value");
        assertFalse(apic.writeMsr(0x808, 1L << 32, 0), "upper half must be zero");
        assertFalse(apic.writeMsr(0x803, 0, 0), "version is read-only");
        assertTrue(apic.writeMsr(0x80F, 0x1FF, 0));
        assertTrue(apic.writeMsr(0x83F, 0x55, 0), "SELF IPI");
        assertEquals(0x55, apic.acknowledge());
        assertTrue(apic.writeMsr(0x80B, 0, 0), "EOI");
        assertFalse(apic.writeMsr(0x83F, 0x155, 0), "SELF IPI reserved bits");
        assertTrue(apic.readMsr(0x83F).isEmpty(), "SELF IPI is write-only");
        assertTrue(apic.writeMsr(0x830, (0L << 32) | 0x56, 0), "64-bit ICR to physical ID 0");
        assertEquals(OptionalLong.of(0x56), apic.readMsr(0x830));
        assertEquals(0x56, apic.acknowledge());
        assertTrue(apic.readMsr(0x8FF).isEmpty(), "reserved");
    }

    @Test
    void cpuidFollowsTheGlobalEnable() {
        int[] on = apic.cpuidLeaf1(0, 0, 0);
        assertEquals(1 << 9, on[2] & (1 << 9));
        assertEquals((1 << 21) | (1 << 24), on[1]);
        apic.writeMsr(Msr.APIC_BASE, 0xFEE0_0000L, 0);
        assertEquals(0, apic.cpuidLeaf1(0, 0, 1 << 9)[2] & (1 << 9), "CPUID.1:EDX.APIC clears with the APIC");
    }

    @Test
    void aCpuModelWithoutX2apicOrTscDeadline() {
        apic.setFeatures(false, false);
        int[] leaf1 = apic.cpuidLeaf1(0, (1 << 21) | (1 << 24), 0);
        assertEquals(0, leaf1[1]);
        assertFalse(apic.writeMsr(Msr.APIC_BASE, 0xFEE0_0C00L, 0), "no x2APIC mode");
        assertTrue(apic.readMsr(Msr.TSC_DEADLINE).isEmpty());
        assertFalse(apic.writeMsr(Msr.TSC_DEADLINE, 1, 0));
        enable();
        write(LVT_TIMER, (TIMER_TSC_DEADLINE << 17) | 0x40);
        assertEquals(0x40, read(LVT_TIMER), "timer mode bit 18 is reserved");
    }

    @Test
    void paravirtualIpiReachesTheApicWithThatIdOnly() {
        LocalApic second = new LocalApic(1, bus, pic, timers);
        enable();
        second.writeRegister(SVR, 0x1FF);
        assertTrue(apic.sendIpiToApicId(1, 0x4E), "fixed vector 0x4E to APIC ID 1");
        assertTrue(second.interruptPending());
        assertEquals(0x4E, second.acknowledge());
        assertFalse(apic.interruptPending(), "not to the sender");
        assertFalse(apic.sendIpiToApicId(7, 0x4E), "no APIC has ID 7");
        assertFalse(apic.sendIpiToApicId(1, 0x0E), "a fixed vector below 16 is illegal");
    }
}
