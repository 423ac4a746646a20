package dev.jvmm.core.memory;

import static org.junit.jupiter.api.Assertions.*;

import dev.jvmm.core.bus.MmioDevice;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuestMemoryTest {
    @Test
    void ramIsZeroedLittleEndianAndSizedAsAsked() {
        try (GuestMemory m = GuestMemory.create(4L << 20)) {
            assertEquals(4L << 20, m.ramSize());
            assertEquals(0, m.read32(0x1234));
            m.write32(0x1000, 0x11223344);
            assertEquals(0x44, m.read8(0x1000));
            assertEquals(0x3344, m.read16(0x1000));
            assertEquals(0x11223344, m.read32(0x1000));
            m.write64(0x2000, 0x0102030405060708L);
            assertEquals(0x0102030405060708L, m.read64(0x2000));
            assertEquals(0x05060708L, m.read(0x2000, 4));
        }
    }

    @Test
    void accessesCrossingPagesAndTheEndOfRamAreSafe() {
        try (GuestMemory m = GuestMemory.create(2L << 20)) {
            m.write32(0xFFE, 0xAABBCCDD); // straddles the page boundary at 0x1000
            assertEquals(0xAABBCCDD, m.read32(0xFFE));
            long end = m.ramSize();
            m.write32(end - 2, 0x12345678); // the upper half falls off the end of RAM and is dropped
            assertEquals(0xFFFF5678, m.read32(end - 2));
            assertEquals(0xFFFFFFFFFFFFFFFFL, m.read64(end + 0x1000));
            assertEquals(0xFF, m.read8(-1L >>> 1)); // a wild 63-bit address reads as an unclaimed bus cycle
            m.write8(0x7FFF_FFFF_FFFFL, 1);          // and a wild write vanishes
        }
    }

    @Test
    void a20GateOffWrapsAtOneMebibyte() {
        try (GuestMemory m = GuestMemory.create(4L << 20)) {
            m.write8(0x100010, 0x5A);
            m.setA20Enabled(false);
            assertFalse(m.a20Enabled());
            assertEquals(0, m.read8(0x100010)); // FFFF:0020 reaches 0x000010 on an 8086
            m.write8(0x100010, 0x77);
            m.setA20Enabled(true);
            assertEquals(0x77, m.read8(0x10));
            assertEquals(0x5A, m.read8(0x100010));
        }
    }

    @Test
    void mmioHolesInsideRamGoToTheDevice() {
        List<String> log = new ArrayList<>();
        try (GuestMemory m = GuestMemory.create(2L << 20)) {
            m.mapMmio(0xA0000, 0x20000, new MmioDevice() {
                @Override public long read(long offset, int size) { log.add("r" + offset + "/" + size); return 0x42; }
                @Override public void write(long offset, int size, long value) { log.add("w" + offset + "/" + size + "=" + value); }
            });
            assertEquals(0x42, m.read32(0xA0010));
            m.write16(0xA0004, 7);
            assertEquals(List.of("r16/4", "w4/2=7"), log);
            assertFalse(m.isRam(0x9F000, 0x2000));
            assertTrue(m.isRam(0x9F000, 0x1000));
            assertEquals(0xA0000, m.plainRamEnd(), "RAM below the hole has no MMIO page");
        }
    }

    @Test
    void plainRamEndsAtTheFirstMmioPageAndTheMapIsFixedOnceCodeIsTranslated() {
        MmioDevice none = new MmioDevice() {
            @Override public long read(long offset, int size) { return 0; }
            @Override public void write(long offset, int size, long value) {}
        };
        try (GuestMemory m = GuestMemory.create(2L << 20)) {
            assertEquals(2L << 20, m.plainRamEnd(), "no MMIO inside RAM: all of it");
            m.mapMmio(0x1F0000, 0x1000, none);
            m.mapMmio(0xFEE00000L, 0x1000, none); // above RAM: no hole in it
            assertEquals(0x1F0000, m.plainRamEnd());
            m.markCodePage(0x3000);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.mapMmio(0x100000, 0x1000, none));
            assertTrue(e.getMessage().contains("before guest code is translated"), e.getMessage());
            assertEquals(0x1F0000, m.plainRamEnd(), "unchanged by the refused window");
        }
    }

    @Test
    void romIsReadOnlyAndMustNotShadowRam() {
        try (GuestMemory m = GuestMemory.create(2L << 20)) {
            m.mapRom(0xFFFF0000L, new byte[] {1, 2, 3, 4});
            assertEquals(0x04030201, m.read32(0xFFFF0000L));
            m.write8(0xFFFF0000L, 9);
            assertEquals(1, m.read8(0xFFFF0000L));
            assertThrows(MemoryConfigException.class, () -> m.mapRom(0x1000, new byte[16]));
            assertThrows(MemoryConfigException.class, () -> m.mapRom(0xFFFF0002L, new byte[16]));
        }
    }

    @Test
    void addressesNothingClaimsReadAsAllOnes() {
        MmioDevice zeros = new MmioDevice() {
            @Override public long read(long offset, int size) { return 0; }
            @Override public void write(long offset, int size, long value) {}
        };
        try (GuestMemory m = GuestMemory.create(2L << 20)) {
            m.mapRom(0xFFFF0000L, new byte[16]);
            m.mapMmio(0xFEC00000L, 0x1000, zeros);
            assertTrue(m.isClaimed(0) && m.isClaimed((2L << 20) - 1), "RAM");
            assertTrue(m.isClaimed(0xFFFF000FL) && m.isClaimed(0xFEC00FFFL), "ROM and a device");
            for (long pa : new long[] {2L << 20, 0xF000_0000L, 0xFFFF0010L, 0xFEC01000L, 1L << 40, -1}) {
                assertFalse(m.isClaimed(pa), Long.toHexString(pa));
                if (pa >= 0) assertEquals(0xFF, m.read8(pa), Long.toHexString(pa));
            }
        }
    }

    @Test
    void codePageWritesAreReported() {
        List<Long> writes = new ArrayList<>();
        try (GuestMemory m = GuestMemory.create(2L << 20)) {
            m.setCodeWriteListener((pa, size) -> writes.add(pa));
            m.write32(0x3000, 1);
            m.markCodePage(0x3004);
            assertTrue(m.isCodePage(0x3FFF));
            assertEquals(1, m.read32(0x3000)); // reads stay fast and correct
            m.write16(0x3010, 2);
            m.writeBytes(0x3FFE, new byte[] {1, 2, 3, 4}, 0, 4);
            assertEquals(List.of(0x3010L, 0x3FFEL), writes);
            m.unmarkCodePage(0x3000);
            m.write8(0x3000, 5);
            assertEquals(2, writes.size());
        }
    }

    @Test
    void absurdSizesAreRejectedWithAClearMessage() {
        MemoryConfigException tooSmall = assertThrows(MemoryConfigException.class, () -> GuestMemory.create(64 * 1024));
        assertTrue(tooSmall.getMessage().contains("between 2 MiB and 3072 MiB"), tooSmall.getMessage());
        assertThrows(MemoryConfigException.class, () -> GuestMemory.create(1L << 40));
        assertThrows(MemoryConfigException.class, () -> GuestMemory.create((4L << 20) + 1));
    }

    @Test
    void accessAfterCloseFailsInsteadOfTouchingFreedMemory() {
        GuestMemory m = GuestMemory.create(2L << 20);
        m.close();
        assertThrows(IllegalStateException.class, () -> m.read32(0));
    }

    @org.junit.jupiter.api.Test
    void anMmioWindowAboveRamMoves() {
        try (GuestMemory m = GuestMemory.create(4L << 20)) {
            long[] seen = new long[1];
            m.mapMmio(0xFEE0_0000L, 0x1000, new dev.jvmm.core.bus.MmioDevice() {
                @Override public long read(long offset, int size) { return 0x1234; }
                @Override public void write(long offset, int size, long value) { seen[0] = value; }
            });
            org.junit.jupiter.api.Assertions.assertTrue(m.moveMmio(0xFEE0_0000L, 0xFED4_0000L));
            org.junit.jupiter.api.Assertions.assertEquals(0x1234, m.read32(0xFED4_0030L));
            org.junit.jupiter.api.Assertions.assertEquals(-1, m.read32(0xFEE0_0030L), "the old place is unclaimed");
            org.junit.jupiter.api.Assertions.assertFalse(m.moveMmio(0xFED4_0000L, 0x1000), "not into RAM");
            org.junit.jupiter.api.Assertions.assertFalse(m.moveMmio(0xFEE0_0000L, 0xFEF0_0000L), "nothing starts there now");
        }
    }

    @Test
    void compareAndExchangeWritesOnlyOnAMatchAndKeepsTheNeighbours() {
        try (GuestMemory m = GuestMemory.create(2L << 20)) {
            m.write64(0x1000, 0x1122_3344_5566_7788L);
            assertEquals(0x66, m.compareAndExchange(0x1002, 1, 0x55, 0xAA), "no match: the byte found");
            assertEquals(0x1122_3344_5566_7788L, m.read64(0x1000));
            assertEquals(0x66, m.compareAndExchange(0x1002, 1, 0x66, 0xAA));
            assertEquals(0x1122_3344_55AA_7788L, m.read64(0x1000), "only byte 2 changed");
            assertEquals(0x1122_3344L, m.compareAndExchange(0x1004, 4, 0x1122_3344L, 0xDEAD_BEEFL));
            assertEquals(0xDEAD_BEEF_55AA_7788L, m.read64(0x1000));
            m.write32(0x2006, 0x0102_0304);
            assertEquals(0x0102_0304L, m.compareAndExchange(0x2006, 4, 0x0102_0304, 5), "across two words: under the lock");
            assertEquals(5, m.read32(0x2006));
        }
    }

    @Test
    void compareAndExchangeCountsExactlyOnTwoThreads() throws Exception {
        try (GuestMemory m = GuestMemory.create(2L << 20)) {
            int rounds = 200_000;
            Runnable add = () -> {
                for (int k = 0; k < rounds; k++) {
                    long seen;
                    do {
                        seen = m.read16(0x3002);
                    } while (m.compareAndExchange(0x3002, 2, seen, seen + 1) != seen);
                }
            };
            Thread a = Thread.ofPlatform().start(add), b = Thread.ofPlatform().start(add);
            a.join();
            b.join();
            assertEquals((2 * rounds) & 0xFFFF, m.read16(0x3002));
            assertEquals(0, m.read16(0x3000), "the rest of the word untouched");
        }
    }
}
