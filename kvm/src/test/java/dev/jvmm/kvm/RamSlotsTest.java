package dev.jvmm.kvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jvmm.core.bus.MmioDevice;
import dev.jvmm.core.memory.GuestMemory;
import java.util.List;
import org.junit.jupiter.api.Test;

class RamSlotsTest {
    private static final MmioDevice NOTHING = new MmioDevice() {
        @Override public long read(long offset, int size) { return 0; }
        @Override public void write(long offset, int size, long value) {}
    };

    @Test
    void ramWithoutHolesIsSlotZero() {
        try (GuestMemory memory = GuestMemory.create(4 << 20)) {
            assertEquals(List.of(new RamSlots.Slot(0, 0, 4 << 20)), RamSlots.of(memory));
        }
    }

    @Test
    void holesSplitRamAndAreNeverMapped() {
        try (GuestMemory memory = GuestMemory.create(4 << 20)) {
            memory.mapMmio(0x10_0000, 0x2000, NOTHING);
            memory.mapMmio(0x3F_F000, 0x1000, NOTHING);      // the last page
            memory.mapMmio(0xFEC0_0000L, 0x1000, NOTHING);   // above RAM: no effect on slots
            assertEquals(List.of(
                    new RamSlots.Slot(0, 0, 0x10_0000),
                    new RamSlots.Slot(1, 0x10_2000, 0x3F_F000 - 0x10_2000)), RamSlots.of(memory));
        }
    }

    @Test
    void aHoleAtZeroStartsTheFirstSlotAfterIt() {
        try (GuestMemory memory = GuestMemory.create(2 << 20)) {
            memory.mapMmio(0, 0x1000, NOTHING);
            assertEquals(List.of(new RamSlots.Slot(0, 0x1000, (2 << 20) - 0x1000)), RamSlots.of(memory));
        }
    }
}
