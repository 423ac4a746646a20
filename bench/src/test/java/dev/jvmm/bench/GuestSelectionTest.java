package dev.jvmm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.guests.BootFormat;
import dev.jvmm.guests.ExpectedOutput;
import dev.jvmm.guests.Guest;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuestSelectionTest {
    private static Guest guest(String name) {
        return new Guest(name, "test", BootFormat.MULTIBOOT, ExpectedOutput.exactly(""), 0);
    }

    private static final List<Guest> WITH_CPU_BOUND =
            List.of(guest("hello-pm32"), guest("sieve32"), guest("pit-irq"), guest("crc32"), guest("matmul64"));
    private static final List<Guest> HELLO_ONLY = List.of(guest("hello-real"), guest("hello-pm32"));

    private static List<String> names(List<Guest> guests) {
        return guests.stream().map(Guest::name).toList();
    }

    @Test
    void byDefaultTheCpuBoundGuestsRunInCatalogueOrder() throws Exception {
        assertEquals(List.of("sieve32", "crc32", "matmul64"), names(GuestSelection.resolve(List.of(), WITH_CPU_BOUND)));
    }

    @Test
    void withoutCpuBoundGuestsTheDefaultIsHelloPm32() throws Exception {
        assertEquals(List.of("hello-pm32"), names(GuestSelection.resolve(List.of(), HELLO_ONLY)));
    }

    @Test
    void namedGuestsRunInTheOrderGiven() throws Exception {
        assertEquals(List.of("pit-irq", "hello-pm32"),
                names(GuestSelection.resolve(List.of("pit-irq", "hello-pm32"), WITH_CPU_BOUND)));
    }

    @Test
    void anUnknownNameIsRefusedWithTheKnownOnes() {
        var e = assertThrows(BenchUsageException.class, () -> GuestSelection.resolve(List.of("doom"), HELLO_ONLY));
        assertTrue(e.getMessage().contains("unknown guest 'doom'"), e.getMessage());
        assertTrue(e.getMessage().contains("hello-real, hello-pm32"), e.getMessage());
    }
}
