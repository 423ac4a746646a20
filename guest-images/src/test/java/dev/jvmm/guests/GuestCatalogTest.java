package dev.jvmm.guests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GuestCatalogTest {

    @Test
    void theDefaultGuestIsHelloPm32() {
        assertEquals("hello-pm32", GuestCatalog.DEFAULT.name());
        assertEquals(BootFormat.MULTIBOOT, GuestCatalog.DEFAULT.format());
    }

    @Test
    void byNameFindsEveryCataloguedGuest() {
        for (Guest guest : GuestCatalog.all()) {
            assertSame(guest, GuestCatalog.byName(guest.name()));
        }
    }

    @Test
    void theFirstFourGuestsComeFirstInOrder() {
        List<String> names = GuestCatalog.all().stream().map(Guest::name).toList();
        assertEquals(List.of("hello-real", "hello-pm32", "hello-lm64", "hello-elf64"), names.subList(0, 4));
        assertEquals(names.size(), new HashSet<>(names).size(), "names are unique");
    }

    @Test
    void theHelloGuestsPrintWhatTheProjectPromises() {
        assertTrue(GuestCatalog.byName("hello-real").expectedOutput().matches("Hello from real mode!\n"));
        assertTrue(GuestCatalog.byName("hello-pm32").expectedOutput().matches("Hello from 32-bit protected mode!\n"));
        assertTrue(GuestCatalog.byName("hello-lm64").expectedOutput().matches("Hello from 64-bit long mode!\n"));
        assertTrue(GuestCatalog.byName("hello-elf64").expectedOutput().matches("Hello from an ELF64 kernel!\n"));
    }

    @Test
    void everyExactExpectationEndsWithANewline() {
        for (Guest guest : GuestCatalog.all()) {
            if (guest.expectedOutput() instanceof ExpectedOutput.Exact exact) {
                assertTrue(exact.text().endsWith("\n"), guest.name() + ": " + exact.text());
            }
        }
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GuestCatalog.byName("no-such-guest"));
        assertTrue(e.getMessage().contains("no-such-guest"), e.getMessage());
        for (Guest guest : GuestCatalog.all()) {
            assertTrue(e.getMessage().contains(guest.name()), e.getMessage());
        }
    }

    @Test
    void everyGuestHasAOneLineDescriptionAndAResource() {
        for (Guest guest : GuestCatalog.all()) {
            assertFalse(guest.description().isBlank(), guest.name());
            assertFalse(guest.description().contains("\n"), guest.name());
            assertTrue(guest.resourceName().endsWith(guest.name() + "." + guest.format().fileExtension()));
            assertTrue(guest.bytes().length > 0, guest.resourceName());
        }
    }

    @Test
    void cGuestsExpectWhatTheirNativeRunPrinted() {
        for (String name : List.of("sieve32", "crc32", "sieve64", "alu32", "alu64", "strings32", "strings64",
                "mandel32", "mandel64", "nbody32", "trig32", "spectral32", "spectral64", "sort32", "sort64", "matmul32", "matmul64", "mixed32")) {
            ExpectedOutput expected = GuestCatalog.byName(name).expectedOutput();
            assertTrue(expected.describe().contains(name + ": "), expected.describe());
            assertTrue(expected.describe().endsWith("\n"), expected.describe());
        }
    }

    @Test
    void needsAreDeclaredWhereTheGuestUsesTheFeature() {
        assertEquals(Set.of(Need.A20_GATE), GuestCatalog.byName("a20-gate").needs());
        assertEquals(Set.of(Need.PAGING_32BIT), GuestCatalog.byName("paging32").needs());
        assertEquals(Set.of(Need.KERNEL_IO_AFTER_USER_MODE), GuestCatalog.byName("user32").needs());
        assertEquals(Set.of(Need.FAR_JUMP_LIMIT_CHECK), GuestCatalog.byName("seglimits32").needs());
        assertEquals(Set.of(Need.LOCAL_APIC), GuestCatalog.byName("lapic-timer").needs());
        assertTrue(GuestCatalog.DEFAULT.needs().isEmpty());
        assertTrue(new Guest("x", "x", BootFormat.ELF64, ExpectedOutput.exactly(""), 0).needs().isEmpty());
    }

    @Test
    void bytesReturnsAFreshCopy() {
        byte[] first = GuestCatalog.DEFAULT.bytes();
        first[0] ^= 0x55;
        byte[] second = GuestCatalog.DEFAULT.bytes();
        assertNotSame(first, second);
        assertEquals(0x7f, second[0] & 0xff, "ELF magic intact");
    }

    @Test
    void successShowsAsQemuStatusOne() {
        assertEquals(1, GuestCatalog.DEFAULT.expectedExitStatus());
        Guest failing = new Guest("x", "x", BootFormat.MULTIBOOT, ExpectedOutput.exactly(""), 3);
        assertEquals(7, failing.expectedExitStatus());
    }

    @Test
    void expectedOutputIsExactOrAWholeMatch() {
        assertTrue(ExpectedOutput.exactly("hi\n").matches("hi\n"));
        assertFalse(ExpectedOutput.exactly("hi\n").matches("hi\nthere"));
        ExpectedOutput time = ExpectedOutput.matching("time \\d\\d:\\d\\d\n");
        assertTrue(time.matches("time 12:34\n"));
        assertFalse(time.matches("time 12:34\nextra"));
    }

    @Test
    void measuredOutputIgnoresItsMeasurementLinesOnly() {
        ExpectedOutput e = ExpectedOutput.measured("crc 0x1\ntook 5 ms\ndone\n", "took \\d+ ms");
        assertTrue(e.matches("crc 0x1\ntook 1234 ms\ndone\n"));
        assertTrue(e.matches("crc 0x1\ndone\n"), "a measurement may be absent");
        assertFalse(e.matches("crc 0x2\ntook 5 ms\ndone\n"));
        assertFalse(e.matches("crc 0x1\ntook 5 ms\n"));
        assertEquals("crc 0x1\ndone\n", e.results("crc 0x1\ntook 77 ms\ndone\n"));
        assertEquals("crc 0x1\ndone\n", e.describe());
    }

    /** CoreMark is built from sources outside the repository: where they are, the guest and its oracle exist. */
    @Test
    void coremarkIsCataloguedWhereItWasBuiltAndSaysWhyWhereNot() {
        String missing = GuestCatalog.coremarkMissing();
        if (missing != null) {
            System.out.println("GuestCatalogTest: no coremark guest here: " + missing);
            assertFalse(GuestCatalog.all().stream().anyMatch(g -> g.name().equals(GuestCatalog.COREMARK)));
            return;
        }
        ExpectedOutput expected = GuestCatalog.byName(GuestCatalog.COREMARK).expectedOutput();
        String results = expected.describe();
        for (String line : List.of("2K performance run parameters for coremark.\n", "[0]crclist       : 0xe714\n",
                "[0]crcmatrix     : 0x1fd7\n", "[0]crcstate      : 0x8e3a\n", "Iterations       : 100\n")) {
            assertTrue(results.contains(line), line + " not in " + results);
        }
        assertFalse(results.contains("Total ticks"), "times are measurements, not results");
        assertFalse(results.contains("iterations/s"), results);
    }
}
