package dev.jvmm.devices.pc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.bus.PortBus;
import dev.jvmm.core.clock.TimerQueue;
import dev.jvmm.core.clock.VirtualClock;
import dev.jvmm.core.engine.Platform;
import dev.jvmm.core.engine.StopReason;
import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.devices.serial.CapturingSink;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PcBoardTest {
    private final GuestMemory memory = GuestMemory.create(16L << 20);
    private final TimerQueue timers = new TimerQueue(new VirtualClock(1));
    private final CapturingSink console = new CapturingSink();
    private final PcBoard board = PcBoard.create(memory, timers, PcBoard.Options.defaults().withCom1(console).withRtcStart(Instant.parse("2024-02-29T12:00:00Z")));
    private final Platform platform = board.platform();
    private final PortBus io = platform.ports();

    @AfterEach
    void close() {
        memory.close();
    }

    @Test
    void platformCarriesTheBoardsPieces() {
        assertSame(memory, platform.memory());
        assertSame(board.localApic(0), platform.interrupts());
        assertSame(timers, platform.timers());
        assertSame(board.stop(), platform.stop());
    }

    @Test
    void com1OutputReachesTheSinkThroughThePortBus() {
        for (char c : "boot ok".toCharArray()) {
            while ((io.read(0x3fd, 1) & 0x20) == 0) { }
            io.write(0x3f8, 1, c);
        }
        assertEquals("boot ok", console.text());
        io.write(0x2f8, 1, 'x'); // COM2 is disconnected
        assertEquals("boot ok", console.text());
    }

    @Test
    void com1InterruptArrivesAsVector0x24AfterPicInit() {
        io.write(0x20, 1, 0x11);
        io.write(0x21, 1, 0x20);
        io.write(0x21, 1, 0x04);
        io.write(0x21, 1, 0x01);
        io.write(0xa0, 1, 0x11);
        io.write(0xa1, 1, 0x28);
        io.write(0xa1, 1, 0x02);
        io.write(0xa1, 1, 0x01);
        io.write(0x21, 1, 0xef); // only IRQ4
        io.write(0xa1, 1, 0xff);
        io.write(0x3f9, 1, 0x01); // COM1 IER: received data
        board.com1().offerInput(new byte[] {'k'}, 0, 1);
        assertFalse(platform.interrupts().interruptPending(), "input is handed over on the vCPU thread");
        timers.runDue();
        assertTrue(platform.interrupts().interruptPending());
        assertEquals(0x24, platform.interrupts().acknowledge());
        assertEquals('k', io.read(0x3f8, 1));
        io.write(0x20, 1, 0x20);
        assertFalse(platform.interrupts().interruptPending());
    }

    @Test
    void debugExitAndPostCodes() {
        io.write(0x80, 1, 0x42);
        assertEquals(0x42, board.postCodes().lastCode());
        io.write(0xf4, 4, 0x31);
        StopReason.DebugExit exit = assertInstanceOf(StopReason.DebugExit.class, platform.stop().reason());
        assertEquals(0x31, exit.value());
    }

    @Test
    void pitChannel0DrivesIrq0() {
        io.write(0x20, 1, 0x11);
        io.write(0x21, 1, 0x08);
        io.write(0x21, 1, 0x04);
        io.write(0x21, 1, 0x01);
        io.write(0x21, 1, 0xfe);
        io.write(0x43, 1, 0x34);
        io.write(0x40, 1, 0xa9); // 1193 = 0x4a9: 1 kHz
        io.write(0x40, 1, 0x04);
        assertFalse(platform.interrupts().interruptPending());
        long deadline = timers.nextDeadline();
        assertEquals(1_000_000, deadline, 1_000, "about 1 ms");
        timers.clock().skipTo(deadline);
        timers.runDue();
        assertEquals(0x08, platform.interrupts().acknowledge());
    }

    @Test
    void rtcKnowsTheStartTimeAndTheRamSize() {
        io.write(0x70, 1, 0x07);
        assertEquals(0x29, io.read(0x71, 1));
        io.write(0x70, 1, 0x17);
        assertEquals(0x00, io.read(0x71, 1));
        io.write(0x70, 1, 0x18);
        assertEquals(0x3c, io.read(0x71, 1), "15 MiB above 1 MiB = 15360 KiB = 0x3c00");
    }

    @Test
    void resetThroughTheKeyboardControllerAndA20ThroughPort92() {
        io.write(0x92, 1, io.read(0x92, 1) & ~0x02);
        assertFalse(memory.a20Enabled());
        io.write(0x64, 1, 0xd1);
        io.write(0x60, 1, 0xdf);
        assertTrue(memory.a20Enabled());
        io.write(0x64, 1, 0xfe);
        assertInstanceOf(StopReason.Reset.class, platform.stop().reason());
    }

    @Test
    void acpiTablesNameOneCpuAndPowerOffGoesThroughTheFadtsControlBlock() {
        long madt = board.acpi().madt();
        int lapics = 0;
        for (int at = 44; at < memory.read32(madt + 4); at += memory.read8(madt + at + 1)) {
            if (memory.read8(madt + at) == 0) lapics++;
        }
        assertEquals(1, lapics, "one MADT processor entry per local APIC");
        int pm1aControl = memory.read32(board.acpi().fadt() + 64);
        int pmTimer = memory.read32(board.acpi().fadt() + 76);
        int before = io.read(pmTimer, 4);
        timers.clock().instructionsRetired(1_000_000);
        assertEquals(3579, io.read(pmTimer, 4) - before, "1 ms of machine time at 3.579545 MHz: 3579.545 ticks, counted down to whole ones");
        io.write(pm1aControl, 2, 5 << 10 | 1 << 13); // SLP_TYP from the DSDT's _S5, SLP_EN
        assertEquals(new StopReason.PowerOff("ACPI S5"), platform.stop().reason());
    }

    @Test
    void pciHostBridgeAnswersAtBus0Device0() {
        io.write(0xcf8, 4, 0x80000000);
        assertEquals(0x12378086, io.read(0xcfc, 4));
        io.write(0xcf8, 4, 0x80000800); // device 1: nothing
        assertEquals(0xffffffff, io.read(0xcfc, 4));
        assertEquals(0xffff, io.read(0xcfe, 2));
    }

    @Test
    void randomGuestAccessesToEveryDeviceNeverThrow() {
        java.util.Random random = new java.util.Random(42);
        int[] ports = {0x20, 0x21, 0xa0, 0xa1, 0x4d0, 0x4d1, 0x40, 0x41, 0x42, 0x43, 0x61, 0x60, 0x64, 0x70, 0x71,
            0x80, 0x92, 0xf4, 0x3f8, 0x3fa, 0x3fb, 0x3fc, 0x3fd, 0x3ff, 0x2f9, 0xcf8, 0xcf9, 0xcfc, 0xcfd, 0xcff};
        int[] sizes = {1, 2, 4};
        for (int i = 0; i < 200_000; i++) {
            int port = ports[random.nextInt(ports.length)];
            int size = sizes[random.nextInt(3)];
            if (random.nextBoolean()) io.write(port, size, random.nextInt());
            else io.read(port, size);
            if (platform.interrupts().interruptPending() && random.nextInt(4) == 0) platform.interrupts().acknowledge();
            timers.clock().instructionsRetired(random.nextInt(2000));
            timers.runDue();
        }
    }

    @Test
    void statisticsCountWhatTheGuestDid() {
        io.write(0x3f8, 1, 'a');
        io.write(0x80, 1, 0x99);
        String stats = board.statistics();
        assertTrue(stats.contains("com1-uart-16550a: 1 bytes out"), stats);
        assertTrue(stats.contains("post: 1 codes, last 0x99"), stats);
    }

    @Test
    void describePortsListsTheDevices() {
        String map = board.describePorts();
        assertTrue(map.contains("0x03f8-0x03ff"), map);
        assertTrue(map.contains("0x0020-0x0021"), map);
    }

    @Test
    void isaIrqsReachTheIoapicThroughGuestMemoryWithIrq0OnPin2() {
        memory.write32(0xFEE0_00F0L, 0x1FF); // local APIC software-enabled
        memory.write32(0xFEE0_0350L, 0x10000); // LINT0 masked: the 8259s are cut off
        memory.write32(0xFEC0_0000L, 0x10 + 2 * 2); // pin 2, edge, vector 0x30
        memory.write32(0xFEC0_0010L, 0x30);
        assertEquals(0x30, memory.read32(0xFEC0_0010L));
        board.gsis().line(0).pulse(); // what the PIT's IRQ0 drives
        assertTrue(platform.interrupts().interruptPending());
        assertEquals(0x30, platform.interrupts().acknowledge());
        memory.write32(0xFEE0_00B0L, 0);
        assertEquals(0x0017_0020, readIoapic(1), "the IOAPIC answers at 0xFEC00000");
    }

    private int readIoapic(int index) {
        memory.write32(0xFEC0_0000L, index);
        return memory.read32(0xFEC0_0010L);
    }

    @Test
    void theXapicPageFollowsIa32ApicBase() {
        assertEquals(0x50014, memory.read32(0xFEE0_0030L));
        board.localApic(0).writeMsr(dev.jvmm.core.cpu.Msr.APIC_BASE, 0xFED4_0900L, 0);
        assertEquals(0x50014, memory.read32(0xFED4_0030L), "relocated");
        assertEquals(-1, memory.read32(0xFEE0_0030L));
        board.localApic(0).writeMsr(dev.jvmm.core.cpu.Msr.APIC_BASE, 0xFEE0_0900L, 0);
        assertEquals(0x50014, memory.read32(0xFEE0_0030L), "and back");
    }
}
