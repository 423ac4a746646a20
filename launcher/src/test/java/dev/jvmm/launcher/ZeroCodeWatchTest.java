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
    void codeOrPagingIsNotReported() {
        try (GuestMemory memory = GuestMemory.create(2 << 20)) {
            ZeroCodeWatch watch = new ZeroCodeWatch();
            CpuState s = CpuState.realMode(0, 0x7C00);
            memory.write8(0x7C05, 0xEB); // jmp $ somewhere in the window
            for (int i = 0; i < 4; i++) assertNull(watch.sample(s, memory));
            s.rip = 0x8000;
            s.cr0 |= dev.jvmm.core.cpu.ControlBits.CR0_PG;
            for (int i = 0; i < 4; i++) assertNull(watch.sample(s, memory));
            assertEquals(2, ZeroCodeWatch.SAMPLES);
        }
    }
}
