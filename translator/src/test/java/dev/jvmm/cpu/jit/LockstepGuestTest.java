package dev.jvmm.cpu.jit;

import dev.jvmm.guests.Guest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every catalogue guest runs under the lockstep oracle with zero divergences. */
class LockstepGuestTest {
    @ParameterizedTest
    @MethodSource("dev.jvmm.cpu.jit.JitGuestBootTest#guests")
    void noDivergence(Guest guest) throws Exception {
        GuestRunner.Run r = GuestRunner.boot(guest, new LockstepEngine(), 120_000);
        System.out.printf("%s: %d instructions in %.2f s%n", guest.name(), r.instructions(), r.seconds());
        GuestOutcome.assertLikeInterpreter(guest, r);
    }
}
