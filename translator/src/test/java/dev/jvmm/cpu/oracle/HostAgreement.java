package dev.jvmm.cpu.oracle;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.List;

/** The assertion the host-oracle tests share: skipped where the oracle cannot run, else every case agrees. */
public final class HostAgreement {
    private HostAgreement() {}

    /**
     * Runs {@code cases} on this machine's CPU, the interpreter and the translator, prints how many
     * ran and the host's outcomes under {@code test}'s name, and fails with the disagreements' reports.
     */
    public static void assertAgree(String test, List<HostCase> cases) throws IOException {
        String why = HostOracle.unavailableReason();
        assumeTrue(why == null, why);
        try (HostOracle oracle = HostOracle.start()) {
            List<String> failures = oracle.check(cases);
            System.out.println(test + ": " + oracle.casesRun + " cases; host outcomes " + oracle.hostOutcomes);
            assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
        }
    }
}
