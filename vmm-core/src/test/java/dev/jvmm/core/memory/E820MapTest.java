package dev.jvmm.core.memory;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class E820MapTest {
    private static final long MIB = 1 << 20;

    @Test
    void thePcMapListsConventionalMemoryTheBiosAreaAndHighRam() {
        E820Map map = E820Map.forRam(128 * MIB);
        assertEquals(List.of(new E820Map.Entry(0, 0x9FC00, E820Map.RAM), new E820Map.Entry(0x9FC00, 0x400, E820Map.RESERVED),
                new E820Map.Entry(0xE0000, 0x20000, E820Map.RESERVED), new E820Map.Entry(MIB, 127 * MIB, E820Map.RAM)), map.entries());
        assertEquals(0x9FC00 + 127 * MIB, map.ramBytes());
        assertTrue(map.isRam(MIB, 127 * MIB));
        assertFalse(map.isRam(0x9F000, 0x1000), "straddles the EBDA");
        assertFalse(map.isRam(0xA0000, 1), "the VGA hole");
    }

    @Test
    void reservingSplitsRamAndKeepsTheOrder() {
        E820Map map = E820Map.forRam(128 * MIB).reserve(127 * MIB, 0x20000, E820Map.ACPI_RECLAIMABLE).reserve(0xF0000, 0x100, E820Map.ACPI_NVS);
        assertEquals(List.of(new E820Map.Entry(0, 0x9FC00, E820Map.RAM), new E820Map.Entry(0x9FC00, 0x400, E820Map.RESERVED),
                new E820Map.Entry(0xE0000, 0x10000, E820Map.RESERVED), new E820Map.Entry(0xF0000, 0x100, E820Map.ACPI_NVS),
                new E820Map.Entry(0xF0100, 0xFF00, E820Map.RESERVED), new E820Map.Entry(MIB, 126 * MIB, E820Map.RAM),
                new E820Map.Entry(127 * MIB, 0x20000, E820Map.ACPI_RECLAIMABLE),
                new E820Map.Entry(127 * MIB + 0x20000, MIB - 0x20000, E820Map.RAM)), map.entries());
        E820Map above = E820Map.forRam(16 * MIB).reserve(0xFEC00000L, 0x1000, E820Map.RESERVED);
        assertEquals(new E820Map.Entry(0xFEC00000L, 0x1000, E820Map.RESERVED), above.entries().getLast());
        assertThrows(IllegalArgumentException.class, () -> above.reserve(0, 0, E820Map.RESERVED));
        assertThrows(IllegalArgumentException.class, () -> above.reserve(0, 10, E820Map.RAM));
    }

    @Test
    void highestRamEndFindsTheTopmostRangeThatFits() {
        E820Map map = E820Map.forRam(64 * MIB).reserve(63 * MIB, MIB, E820Map.RESERVED);
        assertEquals(63 * MIB, map.highestRamEnd(MIB, 0, 1L << 32));
        assertEquals(32 * MIB, map.highestRamEnd(MIB, 0, 32 * MIB));
        assertEquals(-1, map.highestRamEnd(63 * MIB, 0, 1L << 32), "no RAM range is that long");
        assertEquals(-1, map.highestRamEnd(MIB, 62 * MIB + 1, 1L << 32), "not above the floor");
    }
}
