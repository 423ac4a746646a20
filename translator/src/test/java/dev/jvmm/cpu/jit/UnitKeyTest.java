package dev.jvmm.cpu.jit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.cpu.interp.Cpu;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** When a unit may treat flat addresses as physical ones, and that it stops matching when they are not. */
class UnitKeyTest {
    @Test
    void flatAddressesArePhysicalOnlyWithPagingOffAndTheA20GateOn() {
        try (Sandbox box = new Sandbox(32); GuestMemory mem = GuestMemory.create(GuestMemory.MIN_RAM)) {
            Cpu c = new Cpu(mem);
            c.setState(box.initialState(new SplittableRandom(1)));
            UnitKey key = UnitKey.of(c);
            assertTrue(key.flat() && key.physical(), "flat 32-bit, paging off, A20 on");
            assertTrue(key.matches(c));

            mem.setA20Enabled(false);
            assertFalse(UnitKey.of(c).physical(), "A20 off: bit 20 of every address is cleared");
            assertFalse(key.matches(c), "a physical unit does not run with the A20 gate off");
            mem.setA20Enabled(true);
            assertTrue(key.matches(c));

            c.cr0 |= ControlBits.CR0_AM;
            c.cpl = 3;
            assertFalse(UnitKey.of(c).physical(), "alignment checks at CPL 3: accesses may fault");
            assertFalse(key.matches(c));
            c.cpl = 0;
            assertTrue(key.matches(c), "CR0.AM alone checks nothing at CPL 0");
        }
        try (Sandbox paged = new Sandbox(32, true, true); GuestMemory mem = GuestMemory.create(GuestMemory.MIN_RAM)) {
            Cpu c = new Cpu(mem);
            c.setState(paged.initialState(new SplittableRandom(1)));
            assertTrue(UnitKey.of(c).flat(), "still flat");
            assertFalse(UnitKey.of(c).physical(), "paging on: linear addresses go through page tables");
        }
    }
}
