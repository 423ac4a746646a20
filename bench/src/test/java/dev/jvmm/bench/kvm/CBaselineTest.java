package dev.jvmm.bench.kvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CBaselineTest {
    static final String LINE = "n=20000 total_ns=400000000 ns_per_exit=20000.0 checksum=2546448 data_exits=20000 "
            + "exits=20003 kvm_run_ns=399000000 loop_ns=400600000 guest=66b9204e0000\n";

    @Test
    void parsesEveryField() {
        CBaseline.Output out = CBaseline.parse(LINE);
        assertEquals(new RoundTrip(20000, 400_000_000L, 2_546_448L, 20000, 20003, 399_000_000L, 400_600_000L), out.trip());
        assertEquals("66b9204e0000", out.guestHex());
        assertEquals(20000.0, out.trip().nanosPerExit());
        assertEquals((400_600_000.0 - 399_000_000.0) / 20003, out.trip().userNanosPerExit(), 1e-9);
    }

    @Test
    void theNullIoctlTimeIsPerCallWhenPresentAndNaNOtherwise() {
        assertTrue(Double.isNaN(CBaseline.parse(LINE).nullIoctlNanos()));
        assertEquals(150.0, CBaseline.parse(LINE.strip() + " null_ioctls=1000 null_ioctl_ns=150000").nullIoctlNanos());
    }

    @Test
    void aMissingFieldIsAnErrorNotAZero() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CBaseline.parse(LINE.replace("checksum=2546448 ", "")));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void aGarbledNumberIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> CBaseline.parse(LINE.replace("total_ns=400000000", "total_ns=4e8")));
    }

    @Test
    void anAbsentSourceIsNotFound() {
        assertEquals(null, CBaseline.findSource(java.util.List.of(java.nio.file.Path.of("no", "such.c"))));
    }
}
