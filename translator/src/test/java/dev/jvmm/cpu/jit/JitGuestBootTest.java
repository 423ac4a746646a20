package dev.jvmm.cpu.jit;

import dev.jvmm.guests.Guest;
import dev.jvmm.guests.GuestCatalog;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every catalogue guest boots on the jit engine with its expected output and exit value. */
class JitGuestBootTest {
    /** All catalogue guests, or those named in {@code -Djvmm.test.guests=a,b}. */
    static List<Guest> guests() {
        String only = System.getProperty("jvmm.test.guests", "");
        if (only.isBlank()) return GuestCatalog.all();
        return java.util.Arrays.stream(only.split(",")).map(GuestCatalog::byName).toList();
    }

    @ParameterizedTest
    @MethodSource("guests")
    void bootsOnJit(Guest guest) throws Exception {
        GuestRunner.Run r = GuestRunner.boot(guest, new JitEngine(), 120_000);
        System.out.printf("%s: %d instructions in %.2f s%n%s%n", guest.name(), r.instructions(), r.seconds(), r.stats());
        GuestOutcome.assertLikeInterpreter(guest, r);
    }
}
