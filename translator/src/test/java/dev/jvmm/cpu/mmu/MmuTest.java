package dev.jvmm.cpu.mmu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.cpu.CpuException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MmuTest {
    private static final long PG = 1L << 31, PE = 1, WP = 1 << 16;
    private static final long PSE = 1 << 4, PAE = 1 << 5;
    private static final long LMA = 1 << 10, NXE = 1 << 11;
    private static final long P = 1, RW = 2, US = 4, A = 0x20, D = 0x40, PS = 0x80, NX = 1L << 63;

    private final GuestMemory mem = GuestMemory.create(4L << 20);
    private final CpuException fault = new CpuException();
    private final Mmu mmu = new Mmu(mem, fault);

    @AfterEach
    void close() {
        mem.close();
    }

    private int pfCode(Runnable access) {
        CpuException e = assertThrows(CpuException.class, access::run);
        assertEquals(CpuException.PF, e.vector);
        return e.errorCode;
    }

    @Test
    void pagingOffIsIdentity() {
        mmu.configure(PE, 0, 0, 0);
        assertEquals(0x12345, mmu.translate(0x12345, Mmu.READ, false));
    }

    @Test
    void twoLevel32BitWith4KAnd4MPages() {
        // PD at 0x10000, PT at 0x11000; 0x00400000-0x007FFFFF -> 4 MiB page at 0 (needs CR4.PSE)
        mem.write32(0x10000, 0x11000 | (int) (P | RW | US));
        mem.write32(0x11000 + 5 * 4, 0x23000 | (int) (P | RW | US)); // linear 0x5000 -> 0x23000
        mem.write32(0x10004, (int) (P | RW | PS));
        mmu.configure(PE | PG, 0x10000, PSE, 0);
        assertEquals(0x23ABC, mmu.translate(0x5ABC, Mmu.READ, true));
        assertEquals(0x12345, mmu.translate(0x412345, Mmu.READ, false));
        // accessed bits on both levels, dirty only after a write
        assertEquals(P | RW | US | A, mem.read32(0x11000 + 5 * 4) & 0xFFF);
        mmu.write8(0x5ABC, 0x77, true);
        assertEquals(0x77, mem.read8(0x23ABC));
        assertEquals(P | RW | US | A | D, mem.read32(0x11000 + 5 * 4) & 0xFFF);
        // not present: error code 0 (+W +U as applicable)
        assertEquals(0, pfCode(() -> mmu.translate(0x6000, Mmu.READ, false)));
        assertEquals(0x6000, mmu.faultAddress);
        assertEquals(2 | 4, pfCode(() -> mmu.translate(0x6000, Mmu.WRITE, true)));
        // user access to a supervisor 4 MiB page: protection violation, P=1
        assertEquals(1 | 4, pfCode(() -> mmu.translate(0x400000, Mmu.READ, true)));
        // without PSE the PS bit is ignored: the PDE names a page table at 0, whose entry 1 is empty
        mmu.configure(PE | PG, 0x10000, 0, 0);
        assertEquals(0, pfCode(() -> mmu.translate(0x401000, Mmu.READ, false)));
        mem.write32(4, 0x60000 | (int) (P | RW));
        assertEquals(0x60000, mmu.translate(0x401000, Mmu.READ, false));
    }

    @Test
    void writeProtectAppliesToSupervisorOnlyWithCr0Wp() {
        mem.write32(0x10000, 0x11000 | (int) (P | RW | US));
        mem.write32(0x11000, 0x20000 | (int) (P | US)); // read-only user page at linear 0
        mmu.configure(PE | PG, 0x10000, 0, 0);
        mmu.write8(0x10, 1, false); // supervisor may write read-only pages when WP=0
        assertEquals(1 | 2 | 4, pfCode(() -> mmu.write8(0x10, 1, true)));
        mmu.configure(PE | PG | WP, 0x10000, 0, 0);
        assertEquals(1 | 2, pfCode(() -> mmu.write8(0x10, 1, false)));
    }

    @Test
    void paeWith2MPagesAndNx() {
        // PDPT at 0x10000 (32-byte aligned), PD at 0x11000, PT at 0x12000
        mem.write64(0x10000, 0x11000 | P);
        mem.write64(0x11000, 0x12000 | P | RW);                 // 0-2 MiB through a PT
        mem.write64(0x11008, 0x200000 | P | RW | PS | NX);      // 2-4 MiB: one 2 MiB page, no execute
        mem.write64(0x12000 + 8, 0x30000 | P | RW);             // 0x1000 -> 0x30000
        mmu.configure(PE | PG, 0x10000, PAE, NXE);
        assertEquals(0x30123, mmu.translate(0x1123, Mmu.FETCH, false));
        assertEquals(0x2ABCDE, mmu.translate(0x2ABCDE, Mmu.READ, false));
        assertEquals(1 | 16, pfCode(() -> mmu.translate(0x2ABCDE, Mmu.FETCH, false)));
        // with EFER.NXE clear, bit 63 is reserved: RSVD fault
        mmu.configure(PE | PG, 0x10000, PAE, 0);
        assertEquals(1 | 8, pfCode(() -> mmu.translate(0x2ABCDE, Mmu.READ, false)));
    }

    @Test
    void fourLevelLongModeWith1GAnd4KPages() {
        mem.write64(0x10000, 0x11000 | P | RW | US);            // PML4[0]
        mem.write64(0x10000 + 511 * 8, 0x13000 | P | RW);       // PML4[511]: the top 512 GiB
        mem.write64(0x11000, 0x12000 | P | RW | US);            // PDPT[0] -> PD
        mem.write64(0x11008, 0x40000000L | P | RW | PS);        // PDPT[1]: 1 GiB page at 1 GiB
        mem.write64(0x12000, 0x14000 | P | RW | US);            // PD[0] -> PT
        mem.write64(0x14000 + 3 * 8, 0x5000 | P | RW | US);     // 0x3000 -> 0x5000
        mem.write64(0x13000 + 511 * 8, 0x15000 | P | RW);       // PDPT[511] -> PD
        mem.write64(0x15000 + 511 * 8, 0x200000 | P | RW | PS); // last 2 MiB -> 0x200000
        mmu.configure(PE | PG, 0x10000, PAE, LMA | (1 << 8));
        assertEquals(0x5007, mmu.translate(0x3007, Mmu.READ, true));
        assertEquals(0x40000000L + 0x123456, mmu.translate(0x40123456L, Mmu.READ, false));
        assertEquals(0x200000 + 0x1FFFF0, mmu.translate(0xFFFF_FFFF_FFFF_FFF0L, Mmu.READ, false));
        assertEquals(1 | 4, pfCode(() -> mmu.translate(0x40123456L, Mmu.READ, true))); // supervisor-only
    }

    @Test
    void tlbNeedsInvlpgOrFlushToSeeChanges() {
        mem.write32(0x10000, 0x11000 | (int) (P | RW));
        mem.write32(0x11000, 0x20000 | (int) (P | RW));
        mmu.configure(PE | PG, 0x10000, 0, 0);
        assertEquals(0x20000, mmu.translate(0, Mmu.READ, false));
        mem.write32(0x11000, 0x30000 | (int) (P | RW | A));
        assertEquals(0x20000, mmu.translate(0, Mmu.READ, false)); // stale, as on hardware
        mmu.invalidate(0);
        assertEquals(0x30000, mmu.translate(0, Mmu.READ, false));
        mem.write32(0x11000, 0);
        mmu.configure(PE | PG, 0x10000, 0, 0); // a CR3 reload flushes
        assertEquals(0, pfCode(() -> mmu.translate(0, Mmu.READ, false)));
    }

    @Test
    void accessesCrossingAPageUseBothTranslations() {
        mem.write32(0x10000, 0x11000 | (int) (P | RW));
        mem.write32(0x11000, 0x20000 | (int) (P | RW)); // page 0 -> 0x20000
        mem.write32(0x11004, 0x50000 | (int) (P | RW)); // page 1 -> 0x50000
        mmu.configure(PE | PG, 0x10000, 0, 0);
        mmu.write32(0xFFE, 0x44332211, false);
        assertEquals(0x2211, mem.read16(0x20FFE));
        assertEquals(0x4433, mem.read16(0x50000));
        assertEquals(0x44332211, mmu.read32(0xFFE, false));
        // a split write whose second page is absent changes nothing
        mem.write32(0x11004, 0);
        mmu.flush();
        pfCode(() -> mmu.write32(0xFFE, 0xAABBCCDD, false));
        assertEquals(0x2211, mem.read16(0x20FFE));
    }

    @Test
    void smapDeniesSupervisorDataAccessToUserPagesUnlessAcIsSet() {
        long smap = 1 << 21;
        boolean[] ac = {false};
        mmu.setAlignmentCheckFlag(() -> ac[0]);
        mem.write32(0x10000, 0x11000 | (int) (P | RW | US));
        mem.write32(0x11000, 0x20000 | (int) (P | RW | US)); // linear 0x0000: user page
        mem.write32(0x11004, 0x21000 | (int) (P | RW));      // linear 0x1000: supervisor page
        mem.write32(0x11008, 0x22000 | (int) (P | US));      // linear 0x2000: read-only user page
        mmu.configure(PE | PG | WP, 0x10000, smap, 0);
        mmu.write8(0x1000, 1, false);                                 // supervisor page: untouched by SMAP
        assertEquals(1, pfCode(() -> mmu.read8(0x10, false)));        // P=1, supervisor read
        assertEquals(1 | 2, pfCode(() -> mmu.write8(0x10, 5, false))); // P=1, W, supervisor
        assertEquals(0x20010, mmu.translate(0x10, Mmu.FETCH, false)); // fetches are SMEP's business
        assertEquals(0x20010, mmu.translate(0x10, Mmu.READ, true));   // user accesses as before
        ac[0] = true;
        mmu.write8(0x10, 7, false);
        assertEquals(7, mmu.read8(0x10, false));
        assertEquals(1, pfCode(() -> mmu.readImplicit(0x10, 1)));     // implicit: AC does not help
        assertEquals(1 | 2, pfCode(() -> mmu.write8(0x2000, 1, false))); // AC=1 and WP=1: R/W still counts
        ac[0] = false; // the TLB holds the page now; clearing AC must close it again
        assertEquals(1, pfCode(() -> mmu.read8(0x10, false)));
        assertEquals(true, mmu.smapGuarded(0x10));
        assertEquals(false, mmu.smapGuarded(0x1000));
        mmu.configure(PE | PG, 0x10000, smap, 0); // WP=0: with AC=1 a read-only user page is writable
        ac[0] = true;
        mmu.write8(0x2000, 3, false);
        mmu.configure(PE | PG, 0x10000, 0, 0); // SMAP off: AC is irrelevant
        ac[0] = false;
        assertEquals(3, mmu.read8(0x2000, false));
        assertEquals(false, mmu.smapGuarded(0x2000));
    }

    @Test
    void everyFlushForgetsEveryEntryAcrossTheGenerationWrap() {
        mem.write32(0x10000, 0x11000 | (int) (P | RW));
        mmu.configure(PE | PG, 0x10000, 0, 0);
        for (int k = 0; k < 4200; k++) { // more flushes than the tags have generations (4095)
            long frame = 0x20000 + (k % 3) * 0x1000L;
            mem.write32(0x11000, (int) frame | (int) (P | RW | A));
            assertEquals(frame, mmu.translate(0x10, Mmu.READ, false) & ~0xFFFL, "after flush " + k);
            mmu.flush();
        }
        mem.write32(0x11000, 0);
        assertEquals(0, pfCode(() -> mmu.translate(0x10, Mmu.READ, false)));
    }

    @Test
    void aLargeArrayStaysInTheTlb() {
        // 64 MiB mapped with 4 KiB pages in PAE: 32 page tables; every page translated once, then
        // the page tables are wiped: a second pass must still translate from the TLB (no walk).
        GuestMemory big = GuestMemory.create(80L << 20);
        Mmu m = new Mmu(big, fault);
        long pdpt = 0x10000, pd = 0x11000, pts = 0x100000;
        big.write64(pdpt, pd | P);
        for (int t = 0; t < 32; t++) {
            big.write64(pd + t * 8L, (pts + t * 0x1000L) | P | RW);
            for (int e = 0; e < 512; e++) big.write64(pts + t * 0x1000L + e * 8L, (0x400000L + (t * 512L + e) * 0x1000) | P | RW);
        }
        m.configure(PE | PG, pdpt, PAE, 0);
        for (long page = 0; page < 32 * 512; page++) m.translate(page << 12, Mmu.READ, false);
        for (int t = 0; t < 32; t++) for (int e = 0; e < 512; e++) big.write64(pts + t * 0x1000L + e * 8L, 0);
        for (long page = 0; page < 32 * 512; page++) assertEquals(0x400000L + (page << 12), m.translate(page << 12, Mmu.READ, false));
        big.close();
    }
}
