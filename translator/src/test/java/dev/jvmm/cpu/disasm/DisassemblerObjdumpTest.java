package dev.jvmm.cpu.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The disassembler against GNU objdump itself, run live: on the code of every bundled guest image,
 * and on random valid instructions in each code size. Differences must be on the short list in
 * {@link KnownDifferences}; the agreement rate is printed. Skipped where objdump is not installed.
 */
class DisassemblerObjdumpTest {
    private static final int RANDOM_INSTRUCTIONS = 20_000;

    @BeforeAll
    static void needsObjdump() {
        String why = ObjdumpOracle.unavailableReason();
        if (why != null) System.out.println("DisassemblerObjdumpTest skipped: " + why);
        assumeTrue(why == null, why);
    }

    @Test
    void guestImagesMatchObjdump() throws Exception {
        Path dir = GuestImageCode.directory();
        assumeTrue(dir != null, "guest-images sources not found from " + Path.of("").toAbsolutePath());
        Agreement agreement = new Agreement();
        List<GuestImageCode.Code> images = GuestImageCode.all(dir);
        assertTrue(images.size() >= 5, "expected the bundled guest images in " + dir);
        for (GuestImageCode.Code c : images) {
            agreement.compare(c.bytes(), c.address(), c.mode(), ObjdumpOracle.disassemble(c.bytes(), c.address(), c.mode()));
        }
        System.out.println("guest images (" + images.size() + " code sections): " + agreement.summary());
        agreement.mismatches.forEach(System.out::println);
        assertEquals(List.of(), agreement.mismatches);
    }

    /**
     * Random instructions that both the decoder and objdump accept (same length, not "(bad)"),
     * back to back: every one must print as objdump prints it, but for the documented differences.
     */
    @ParameterizedTest(name = "{0}-bit random valid instructions")
    @ValueSource(ints = {16, 32, 64})
    void randomValidInstructionsMatchObjdump(int mode) throws Exception {
        Agreement agreement = new Agreement();
        List<byte[]> valid = InstructionGenerator.alsoValidForObjdump(
                new InstructionGenerator(mode * 7919L, mode).list(RANDOM_INSTRUCTIONS), mode);
        byte[] code = InstructionGenerator.concatenate(valid);
        agreement.compare(code, 0x1000, mode, ObjdumpOracle.disassemble(code, 0x1000, mode));
        System.out.println(mode + "-bit random valid instructions: " + agreement.summary());
        agreement.mismatches.stream().limit(50).forEach(System.out::println);
        assertTrue(agreement.compared >= RANDOM_INSTRUCTIONS * 8 / 10, "too few valid instructions: " + valid.size());
        assertTrue(agreement.rate() >= 0.999, String.format("agreement %.3f%% below 99.9%%: %s", 100 * agreement.rate(),
                agreement.mismatches.subList(0, Math.min(20, agreement.mismatches.size()))));
    }

    /**
     * The same generator without the objdump filter: undefined encodings the decoder accepts, and
     * objdump's re-synchronisation after them, exercise the "(bad)" paths.
     */
    @ParameterizedTest(name = "{0}-bit random instruction streams")
    @ValueSource(ints = {16, 32, 64})
    void randomStreamsMatchObjdump(int mode) throws Exception {
        Agreement agreement = new Agreement();
        for (long seed = 1; seed <= 4; seed++) {
            byte[] code = new InstructionGenerator(seed * 1000 + mode, mode).stream(RANDOM_INSTRUCTIONS / 4);
            agreement.compare(code, 0x1000, mode, ObjdumpOracle.disassemble(code, 0x1000, mode));
        }
        System.out.println(mode + "-bit random: " + agreement.summary());
        agreement.mismatches.stream().limit(50).forEach(System.out::println);
        assertTrue(agreement.compared >= RANDOM_INSTRUCTIONS, "too few instructions compared");
        assertTrue(agreement.rate() >= 0.998, String.format("agreement %.3f%% below 99.8%%: %s", 100 * agreement.rate(),
                agreement.mismatches.subList(0, Math.min(20, agreement.mismatches.size()))));
    }
}
