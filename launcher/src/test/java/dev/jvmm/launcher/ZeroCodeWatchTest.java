package dev.jvmm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.memory.GuestMemory;
import org.junit.jupiter.api.Test;

/** Issue 20, defect 4: a run with no --timeout that executes only zero bytes gets one note (it ran silently for ever). */
class ZeroCodeWatchTest {
    @Test
    void twoSamplesInZerosGiveOneNote() {
        try (GuestMemory memory = GuestMemory.create(2 << 20)) {
            ZeroCodeWatch watch = new ZeroCodeWatch();
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
            ZeroCodeWatch watch = new ZeroCodeWatch();
            assertNull(watch.sample(s, memory));
            assertTrue(watch.sample(s, memory) != null, "zeros at linear 0x400100 (physical 0x120100)");

            ZeroCodeWatch acrossPages = new ZeroCodeWatch();
            s.rip = 0x40_0FF8; // the window runs into the next page, which holds EB at offset 3
            for (int i = 0; i < 4; i++) assertNull(acrossPages.sample(s, memory));
            s.rip = 0x80_0000; // not mapped: fetching faults, no silent loop
            for (int i = 0; i < 4; i++) assertNull(acrossPages.sample(s, memory));
        }
    }

    @Test
    void codeIsNotReported() {
        try (GuestMemory memory = GuestMemory.create(2 << 20)) {
            ZeroCodeWatch watch = new ZeroCodeWatch();
            CpuState s = CpuState.realMode(0, 0x7C00);
            memory.write8(0x7C05, 0xEB); // jmp $ somewhere in the window
            for (int i = 0; i < 4; i++) assertNull(watch.sample(s, memory));
            assertEquals(2, ZeroCodeWatch.SAMPLES);
        }
    }
}
