package dev.jvmm.core.cpu;

import static org.junit.jupiter.api.Assertions.*;

import dev.jvmm.core.memory.GuestMemory;
import org.junit.jupiter.api.Test;

class PageWalkTest {
    @Test
    void pagingOffIsIdentity() {
        try (GuestMemory m = GuestMemory.create(2 << 20)) {
            CpuState s = CpuState.realMode(0, 0);
            assertEquals(0x12345, PageWalk.toPhysical(s, m, 0x12345));
        }
    }

    @Test
    void legacyPagingWithSmallAndLargePages() {
        try (GuestMemory m = GuestMemory.create(8 << 20)) {
            CpuState s = new CpuState();
            s.cr0 = ControlBits.CR0_PE | ControlBits.CR0_PG;
            s.cr3 = 0x10000;
            s.cr4 = ControlBits.CR4_PSE;
            m.write32(0x10000 + 0x300 * 4, 0x20000 | 1);                // PDE for 0xC0000000 -> table at 0x20000
            m.write32(0x20000 + 5 * 4, 0x345000 | 1);                   // PTE 5 -> frame 0x345000
            m.write32(0x10000 + 1 * 4, 0x400000 | 0x81);                // PDE 1: a 4 MiB page at 4 MiB
            assertEquals(0x345ABCL, PageWalk.toPhysical(s, m, 0xC0005ABCL));
            assertEquals(0x412345L, PageWalk.toPhysical(s, m, 0x412345L));
            assertEquals(PageWalk.NOT_MAPPED, PageWalk.toPhysical(s, m, 0x800000L));
            assertEquals(PageWalk.NOT_MAPPED, PageWalk.toPhysical(s, m, 0xC0006000L));
        }
    }

    @Test
    void fourLevelPagingWithTwoMebibytePages() {
        try (GuestMemory m = GuestMemory.create(8 << 20)) {
            CpuState s = new CpuState();
            s.cr0 = ControlBits.CR0_PE | ControlBits.CR0_PG;
            s.cr4 = ControlBits.CR4_PAE;
            s.efer = Msr.EFER_LME | Msr.EFER_LMA;
            s.cr3 = 0x1000;
            long linear = 0xFFFF_8000_0020_1234L;                        // PML4 256, PDPT 0, PD 1
            m.write64(0x1000 + 256 * 8, 0x2000 | 3);
            m.write64(0x2000, 0x3000 | 3);
            m.write64(0x3000 + 8, 0x600000 | 0x83);
            assertEquals(0x601234L, PageWalk.toPhysical(s, m, linear));
            assertEquals(PageWalk.NOT_MAPPED, PageWalk.toPhysical(s, m, 0x1234));
        }
    }
}
