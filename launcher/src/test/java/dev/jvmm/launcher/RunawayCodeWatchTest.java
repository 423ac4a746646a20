package dev.jvmm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.memory.GuestMemory;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, defect 4: a run with no --timeout that executes only zero bytes, or loops on memory nothing
 * claims, gets one note (it ran silently for ever).
 */
class RunawayCodeWatchTest {
    @Test
    void twoSamplesInZerosGiveOneNote() {
        try (GuestMemory memory = GuestMemory.create(2 << 20)) {
            RunawayCodeWatch watch = new RunawayCodeWatch();
            CpuState s = CpuState.realMode(0, 0x8000);
            assertNull(watch.sample(s, memory), "one sample is not enough");
            s.rip = 0x9000;
            String note = watch.sample(s, memory);
            assertTrue(note != null && note.contains("executing zero bytes") && note.contains("now at 0000:9000"), note);
            assertNull(watch.sample(s, memory), "said once");
        }
    }

    @Test
    void zerosBehindPagingAreFoundThroughThePageTables() {
        try (GuestMemory memory = GuestMemory.create(2 << 20)) {
            // 32-bit paging: linear 0x400000.. -> physical 0x100000.. (zeros); linear 0x401000 -> a page with code
            memory.write32(0x10_0000 + 4 * 1, 0x11_0000 | 3); // PDE 1 -> page table at 0x110000
            memory.write32(0x11_0000, 0x12_0000 | 3); // linear 0x400000 -> 0x120000 (zeros)
            memory.write32(0x11_0004, 0x13_0000 | 3); // linear 0x401000 -> 0x130000
            memory.write8(0x13_0003, 0xEB);
            CpuState s = CpuState.realMode(0, 0);
            s.cr0 |= dev.jvmm.core.cpu.ControlBits.CR0_PG | 1;
            s.cr3 = 0x10_0000;
            s.rip = 0x40_0100;
            RunawayCodeWatch watch = new RunawayCodeWatch();
            assertNull(watch.sample(s, memory));
            assertTrue(watch.sample(s, memory) != null, "zeros at linear 0x400100 (physical 0x120100)");

            RunawayCodeWatch acrossPages = new RunawayCodeWatch();
            s.rip = 0x40_0FF8; // the window runs into the next page, which holds EB at offset 3
            for (int i = 0; i < 4; i++) assertNull(acrossPages.sample(s, memory));
            s.rip = 0x80_0000; // not mapped: fetching faults, no silent loop
            for (int i = 0; i < 4; i++) assertNull(acrossPages.sample(s, memory));
        }
    }

    @Test
    void codeIsNotReported() {
        try (GuestMemory memory = GuestMemory.create(2 << 20)) {
            RunawayCodeWatch watch = new RunawayCodeWatch();
            CpuState s = CpuState.realMode(0, 0x7C00);
            memory.write8(0x7C05, 0xEB); // jmp $ somewhere in the window
            for (int i = 0; i < 4; i++) assertNull(watch.sample(s, memory));
            assertEquals(2, RunawayCodeWatch.SAMPLES);
        }
    }

    @Test
    void twoSamplesInUnclaimedMemoryGiveOneNote() {
        try (GuestMemory memory = GuestMemory.create(2 << 20)) {
            RunawayCodeWatch watch = new RunawayCodeWatch();
            CpuState s = CpuState.realMode(0, 0);
            s.cr0 |= 1;
            s.rip = 0xF000_0000L; // FF FF: #UD, whose handler an IDT may put here as well
            assertNull(watch.sample(s, memory), "one sample is not enough");
            String note = watch.sample(s, memory);
            assertTrue(note != null && note.contains("physical address 0xf0000000, where no RAM, ROM or device is")
                    && note.contains("now at 0000:f0000000"), note);
            assertNull(watch.sample(s, memory), "said once");
        }
    }

    @Test
    void zerosThenUnclaimedMemoryAreTwoPlacesNotTwoSamples() {
        try (GuestMemory memory = GuestMemory.create(2 << 20)) {
            RunawayCodeWatch watch = new RunawayCodeWatch();
            CpuState s = CpuState.realMode(0, 0);
            s.cr0 |= 1;
            s.rip = 0x10_0000; // zeros
            assertNull(watch.sample(s, memory));
            s.rip = 2 << 20; // just past the end of RAM
            assertNull(watch.sample(s, memory), "the first sample out there");
            assertTrue(watch.sample(s, memory) != null, "the second");
        }
    }

    @Test
    void unclaimedMemoryBehindPagingIsFoundThroughThePageTables() {
        try (GuestMemory memory = GuestMemory.create(2 << 20)) {
            memory.write32(0x10_0000, 0x11_0000 | 3);      // PDE 0 -> page table at 0x110000
            memory.write32(0x11_0004, 0xFEB0_0000 | 3);    // linear 0x1000 -> physical 0xFEB00000, nothing there
            memory.write32(0x11_0008, 0x13_0000 | 3);      // linear 0x2000 -> RAM with code
            memory.write8(0x13_0000, 0xEB);
            CpuState s = CpuState.realMode(0, 0);
            s.cr0 |= dev.jvmm.core.cpu.ControlBits.CR0_PG | 1;
            s.cr3 = 0x10_0000;
            s.rip = 0x1010;
            RunawayCodeWatch watch = new RunawayCodeWatch();
            assertNull(watch.sample(s, memory));
            String note = watch.sample(s, memory);
            assertTrue(note != null && note.contains("physical address 0xfeb00010"), note);
            RunawayCodeWatch code = new RunawayCodeWatch();
            s.rip = 0x2000;
            for (int i = 0; i < 4; i++) assertNull(code.sample(s, memory));
        }
    }
}
