package dev.jvmm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JitBreakdownTest {
    private static JitDiagnostics diag(ThreadCpu threads, double processCpu) {
        return new JitDiagnostics(1000, 10, 3, 1.0, 5, Map.of(), threads, processCpu, null);
    }

    @Test
    void eachThreadKindIsCountedBeyondWhatStartUpNeeded() {
        JitDiagnostics hello = diag(new ThreadCpu(0.15, 0.10, 0.0, 0.02), 0.30);
        JitDiagnostics guest = diag(new ThreadCpu(3.2, 1.1, 0.12, 0.3), 4.8);
        JitBreakdown b = JitBreakdown.of(5.0, 0.3, guest, hello);
        assertEquals(3.05, b.vcpu(), 1e-9);
        assertEquals(1.0, b.compiling(), 1e-9);
        assertEquals(0.12, b.translation(), 1e-9);
        // other = what the process spent outside main, compilers and translator: (4.8 - 4.42) - (0.30 - 0.25)
        assertEquals(0.33, b.other(), 1e-9);
        assertEquals(0.3 + 3.05 + 1.0 + 0.12 + 0.33, b.partsSum(), 1e-9);
        assertEquals(0.2, b.share(b.compiling()), 1e-9);
    }

    @Test
    void aPartNeverGoesBelowZero() {
        JitBreakdown b = JitBreakdown.of(0.5, 0.4, diag(new ThreadCpu(0.2, 0.05, 0, 0), 0.3), diag(new ThreadCpu(0.2, 0.1, 0, 0), 0.3));
        assertEquals(0.0, b.compiling());
    }

    @Test
    void withoutSampledThreadsThePartsAreUnknown() {
        JitBreakdown b = JitBreakdown.of(5.0, 0.3, diag(null, 4.8), diag(new ThreadCpu(0.1, 0.1, 0, 0), 0.3));
        assertTrue(Double.isNaN(b.vcpu()));
        assertTrue(Double.isNaN(b.other()));
        assertEquals(0.3, b.startup());
        JitBreakdown noStartup = JitBreakdown.of(5.0, 0.3, diag(new ThreadCpu(1, 1, 0, 0), 4.8), JitDiagnostics.failed("x"));
        assertTrue(Double.isNaN(noStartup.translation()));
        assertTrue(Double.isNaN(noStartup.share(Double.NaN)));
    }
}
