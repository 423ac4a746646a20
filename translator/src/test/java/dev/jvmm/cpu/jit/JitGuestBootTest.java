package dev.jvmm.cpu.jit;

import dev.jvmm.guests.Guest;
import dev.jvmm.guests.GuestCatalog;
import dev.jvmm.guests.Need;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

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
        if (guest.needs().contains(Need.SERIAL_INPUT)) {
            String reason = guest.name() + " needs " + Need.SERIAL_INPUT.description()
                    + ", which this test does not type (dev.jvmm.cpu.interp.UartEchoGuestTest does)";
            System.out.println("JitGuestBootTest skipped: " + reason);
            Assumptions.abort(reason);
        }
        GuestRunner.Run r = GuestRunner.boot(guest, new JitEngine(), 120_000);
        System.out.printf("%s: %d instructions in %.2f s%n%s%n", guest.name(), r.instructions(), r.seconds(), r.stats());
        GuestOutcome.assertLikeInterpreter(guest, r);
    }

    /** Translation on the vCPU thread: deterministic, so small guests (smc32) are sure to run translated code. */
    @ParameterizedTest
    @ValueSource(strings = {"smc32", "exceptions32", "exceptions64", "paging32", "user32", "real16", "sieve32"})
    void bootsWithTranslationOnTheVcpuThread(String name) throws Exception {
        Guest guest = GuestCatalog.byName(name);
        GuestRunner.Run r = GuestRunner.boot(guest, new JitEngine(false), 120_000);
        System.out.printf("%s (sync): %d instructions in %.2f s%n%s%n", guest.name(), r.instructions(), r.seconds(), r.stats());
        GuestOutcome.assertLikeInterpreter(guest, r);
    }
}
