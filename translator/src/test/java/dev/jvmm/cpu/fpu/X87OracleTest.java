package dev.jvmm.cpu.fpu;

import dev.jvmm.cpu.oracle.HostCase;
import dev.jvmm.cpu.oracle.HostAgreement;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * x87 instruction sequences against this machine's CPU, on the interpreter and the translator, bit
 * for bit: registers, TOP, status, control and tag words, RFLAGS (FCOMI), memory, and the #MF an
 * unmasked exception raises at the next waiting instruction. {@code -Djvmm.test.x87Cases=N} sets
 * the number of cases,
 * {@code -Djvmm.test.x87Seed=S} the seed.
 */
class X87OracleTest {
    @Test
    void randomX87SequencesAgreeWithTheHost() throws IOException {
        List<HostCase> cases = X87OracleCases.cases(X87OracleCases.forms(), Integer.getInteger("jvmm.test.x87Cases", 24000), 6,
                Long.getLong("jvmm.test.x87Seed", 87));
        HostAgreement.assertAgree("X87OracleTest", cases);
    }

    /** FNSTENV/FLDENV/FNSAVE/FRSTOR (32-bit protected-mode images, as 64-bit mode uses) among the other forms. */
    @Test
    void environmentAndStateImagesAgreeWithTheHost() throws IOException {
        List<X87OracleCases.Form> forms = new java.util.ArrayList<>(X87OracleCases.forms());
        for (int k = 0; k < 8; k++) forms.addAll(X87OracleCases.environmentForms());
        List<HostCase> cases = X87OracleCases.cases(forms, Integer.getInteger("jvmm.test.x87Cases", 24000) / 3, 5,
                Long.getLong("jvmm.test.x87Seed", 87) + 1);
        HostAgreement.assertAgree("X87OracleTest environments", cases);
    }
}
