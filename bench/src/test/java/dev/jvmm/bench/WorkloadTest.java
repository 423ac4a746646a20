package dev.jvmm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.guests.Guest;
import dev.jvmm.guests.GuestCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadTest {
    private static final List<Guest> GUESTS = List.of(GuestCatalog.byName("sieve32"), GuestCatalog.byName("crc32"),
            GuestCatalog.byName("sort64"), GuestCatalog.HELLO_PM32);

    @Test
    void theDefaultSizeGivesNoGuestACommandLine() {
        Workload w = Workload.of(Workload.Size.DEFAULT, null, GUESTS);
        assertTrue(w.isDefault());
        assertNull(w.commandLine("sieve32"));
        assertEquals("default", w.description());
    }

    @Test
    void theLongSizeGivesEachGuestThatTakesRoundsItsOwnCount() {
        Workload w = Workload.of(Workload.Size.LONG, null, GUESTS);
        assertEquals("rounds=750", w.commandLine("sieve32"));
        assertEquals("rounds=10000", w.commandLine("crc32"));
        assertEquals("rounds=140", w.commandLine("sort64"));
        assertNull(w.commandLine("hello-pm32"), "hello-pm32 takes no rounds=N");
        assertEquals("--size long", w.description());
    }

    @Test
    void everyCpuBoundGuestOfTheCatalogueHasALongSize() throws Exception {
        for (Guest g : GuestSelection.resolve(List.of(), GuestCatalog.all())) {
            assertTrue(Workload.LONG_ROUNDS.containsKey(g.name()), g.name() + " has no long size");
        }
    }

    @Test
    void appendGoesToEveryGuest() {
        Workload w = Workload.of(Workload.Size.DEFAULT, "rounds=3 quiet", GUESTS);
        for (Guest g : GUESTS) assertEquals("rounds=3 quiet", w.commandLine(g.name()));
        assertEquals("--append 'rounds=3 quiet'", w.description());
    }

    @Test
    void sizesAreNamedOnTheCommandLine() throws Exception {
        assertEquals(Workload.Size.LONG, Workload.Size.byId("long"));
        assertThrows(BenchUsageException.class, () -> Workload.Size.byId("huge"));
    }
}
